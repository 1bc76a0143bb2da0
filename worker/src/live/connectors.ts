/**
 * Linked connectors: one-time pairing codes (10 minutes, consumed with compare-and-swap),
 * connector tokens (hashed at rest), list, rename, revoke, and token verification.
 */
import { clock } from "../auth/clock.ts";
import type { Env } from "../env.ts";
import { hashSecret, newId, newPairingCode, newSecret, PREFIX } from "./secrets.ts";

export const PAIRING_TTL_MS = 10 * 60_000;

export interface ConnectorRow {
  id: string;
  user_id: string;
  name: string;
  version: string | null;
  created_at: number;
  last_used_at: number | null;
}

export async function createPairing(env: Env, userId: string): Promise<{ code: string; expiresAt: number }> {
  const code = newPairingCode();
  const now = clock.now();
  await env.DB.prepare(
    "INSERT INTO connector_pairings (code_hash, user_id, created_at, expires_at) VALUES (?, ?, ?, ?)",
  )
    .bind(await hashSecret(code), userId, now, now + PAIRING_TTL_MS)
    .run();
  return { code, expiresAt: now + PAIRING_TTL_MS };
}

/** Consumes a code and creates the connector; null when the code is unknown, used or expired. */
export async function linkConnector(
  env: Env,
  input: { code: string; name?: string; version?: string },
): Promise<{ connectorId: string; name: string; token: string } | null> {
  const now = clock.now();
  const pairing = await env.DB.prepare(
    `UPDATE connector_pairings SET used_at = ?1 WHERE code_hash = ?2 AND used_at IS NULL AND expires_at > ?1
     RETURNING user_id`,
  )
    .bind(now, await hashSecret(input.code))
    .first<{ user_id: string }>();
  if (!pairing) return null;
  const token = newSecret("connector");
  const connectorId = newId("con");
  const name = input.name ?? "Connector";
  await env.DB.prepare(
    `INSERT INTO connectors (id, user_id, name, token_hash, version, created_at) VALUES (?, ?, ?, ?, ?, ?)`,
  )
    .bind(connectorId, pairing.user_id, name, await hashSecret(token), input.version ?? null, now)
    .run();
  return { connectorId, name, token };
}

/** The live connector behind a token, or null (unknown or revoked). */
export async function verifyConnectorToken(env: Env, token: string): Promise<ConnectorRow | null> {
  if (!token.startsWith(PREFIX.connector)) return null;
  const row = await env.DB.prepare(
    `SELECT id, user_id, name, version, created_at, last_used_at FROM connectors
     WHERE token_hash = ? AND revoked_at IS NULL`,
  )
    .bind(await hashSecret(token))
    .first<ConnectorRow>();
  if (row)
    await env.DB.prepare("UPDATE connectors SET last_used_at = ? WHERE id = ?")
      .bind(clock.now(), row.id)
      .run();
  return row;
}

export async function listConnectors(env: Env, userId: string): Promise<ConnectorRow[]> {
  const { results } = await env.DB.prepare(
    `SELECT id, user_id, name, version, created_at, last_used_at FROM connectors
     WHERE user_id = ? AND revoked_at IS NULL ORDER BY created_at DESC LIMIT 50`,
  )
    .bind(userId)
    .all<ConnectorRow>();
  return results;
}

export async function renameConnector(env: Env, userId: string, id: string, name: string): Promise<boolean> {
  const res = await env.DB.prepare(
    "UPDATE connectors SET name = ? WHERE id = ? AND user_id = ? AND revoked_at IS NULL",
  )
    .bind(name, id, userId)
    .run();
  return res.meta.changes === 1;
}

export async function revokeConnector(env: Env, userId: string, id: string): Promise<boolean> {
  const res = await env.DB.prepare(
    "UPDATE connectors SET revoked_at = ? WHERE id = ? AND user_id = ? AND revoked_at IS NULL",
  )
    .bind(clock.now(), id, userId)
    .run();
  return res.meta.changes === 1;
}
