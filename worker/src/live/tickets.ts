/**
 * Single-use WebSocket tickets (checklist 20): minted by an authenticated call, valid
 * TICKET_TTL_MS (60 s), redeemed once with compare-and-swap SQL. The ticket fixes the
 * user, the role and the credential behind the socket.
 */
import { type Role, TICKET_TTL_MS } from "../../../core/protocol/index.ts";
import { clock } from "../auth/clock.ts";
import type { Env } from "../env.ts";
import { hashSecret, newSecret } from "./secrets.ts";

export interface TicketSubject {
  userId: string;
  role: Role;
  sessionId?: string;
  connectorId?: string;
  apiTokenId?: string;
}

export async function mintTicket(
  env: Env,
  subject: TicketSubject,
): Promise<{ ticket: string; url: string; expiresAt: number }> {
  const ticket = newSecret("ticket");
  const now = clock.now();
  const expiresAt = now + TICKET_TTL_MS;
  await env.DB.prepare(
    `INSERT INTO relay_tickets (ticket_hash, user_id, role, session_id, connector_id, api_token_id, created_at, expires_at)
     VALUES (?, ?, ?, ?, ?, ?, ?, ?)`,
  )
    .bind(
      await hashSecret(ticket),
      subject.userId,
      subject.role,
      subject.sessionId ?? null,
      subject.connectorId ?? null,
      subject.apiTokenId ?? null,
      now,
      expiresAt,
    )
    .run();
  return { ticket, url: `/api/v1/relay?ticket=${encodeURIComponent(ticket)}`, expiresAt };
}

/** Consumes a ticket; null when unknown, expired or already used. */
export async function redeemTicket(env: Env, ticket: string): Promise<TicketSubject | null> {
  const row = await env.DB.prepare(
    `UPDATE relay_tickets SET used_at = ?1 WHERE ticket_hash = ?2 AND used_at IS NULL AND expires_at > ?1
     RETURNING user_id, role, session_id, connector_id, api_token_id`,
  )
    .bind(clock.now(), await hashSecret(ticket))
    .first<{
      user_id: string;
      role: Role;
      session_id: string | null;
      connector_id: string | null;
      api_token_id: string | null;
    }>();
  if (!row) return null;
  return {
    userId: row.user_id,
    role: row.role,
    sessionId: row.session_id ?? undefined,
    connectorId: row.connector_id ?? undefined,
    apiTokenId: row.api_token_id ?? undefined,
  };
}
