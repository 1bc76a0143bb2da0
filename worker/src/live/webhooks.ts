/**
 * Incoming webhook URLs: per-user secret tokens in the path (/api/v1/hooks/<token>), shown
 * once at creation, stored hashed, listed and revoked on the Connector page.
 */
import { clock } from "../auth/clock.ts";
import type { Env } from "../env.ts";
import { hashSecret, newId, newSecret, PREFIX } from "./secrets.ts";

export interface WebhookInfo {
  id: string;
  name: string;
  createdAt: number;
  lastUsedAt: number | null;
}

export async function createWebhook(
  env: Env,
  userId: string,
  name: string,
): Promise<{ token: string; info: WebhookInfo }> {
  const token = newSecret("webhook");
  const id = newId("hook");
  const now = clock.now();
  await env.DB.prepare(
    "INSERT INTO webhooks (id, user_id, name, token_hash, created_at) VALUES (?, ?, ?, ?, ?)",
  )
    .bind(id, userId, name, await hashSecret(token), now)
    .run();
  return { token, info: { id, name, createdAt: now, lastUsedAt: null } };
}

export async function verifyWebhook(env: Env, token: string): Promise<{ id: string; userId: string } | null> {
  if (!token.startsWith(PREFIX.webhook)) return null;
  const row = await env.DB.prepare(
    "SELECT id, user_id FROM webhooks WHERE token_hash = ? AND revoked_at IS NULL",
  )
    .bind(await hashSecret(token))
    .first<{ id: string; user_id: string }>();
  if (!row) return null;
  await env.DB.prepare("UPDATE webhooks SET last_used_at = ? WHERE id = ?").bind(clock.now(), row.id).run();
  return { id: row.id, userId: row.user_id };
}

export async function listWebhooks(env: Env, userId: string): Promise<WebhookInfo[]> {
  const { results } = await env.DB.prepare(
    `SELECT id, name, created_at, last_used_at FROM webhooks WHERE user_id = ? AND revoked_at IS NULL
     ORDER BY created_at DESC LIMIT 50`,
  )
    .bind(userId)
    .all<{ id: string; name: string; created_at: number; last_used_at: number | null }>();
  return results.map((r) => ({
    id: r.id,
    name: r.name,
    createdAt: r.created_at,
    lastUsedAt: r.last_used_at,
  }));
}

export async function revokeWebhook(env: Env, userId: string, id: string): Promise<boolean> {
  const res = await env.DB.prepare(
    "UPDATE webhooks SET revoked_at = ? WHERE id = ? AND user_id = ? AND revoked_at IS NULL",
  )
    .bind(clock.now(), id, userId)
    .run();
  return res.meta.changes === 1;
}
