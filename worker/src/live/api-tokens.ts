/**
 * Personal API tokens with scopes (read, trade): shown once at creation, stored as hashes,
 * listed and revoked on the Security page. A token with `trade` can also read.
 */
import { clock } from "../auth/clock.ts";
import type { Env } from "../env.ts";
import { hashSecret, newId, newSecret, PREFIX } from "./secrets.ts";

export type Scope = "read" | "trade";

export interface ApiTokenInfo {
  id: string;
  name: string;
  scopes: Scope[];
  createdAt: number;
  lastUsedAt: number | null;
}

interface Row {
  id: string;
  user_id: string;
  name: string;
  scopes: string;
  created_at: number;
  last_used_at: number | null;
}

const toInfo = (r: Row): ApiTokenInfo => ({
  id: r.id,
  name: r.name,
  scopes: r.scopes.split(" ").filter(Boolean) as Scope[],
  createdAt: r.created_at,
  lastUsedAt: r.last_used_at,
});

export async function createApiToken(
  env: Env,
  userId: string,
  input: { name: string; scopes: Scope[] },
): Promise<{ token: string; info: ApiTokenInfo }> {
  const token = newSecret("api");
  const id = newId("tok");
  const now = clock.now();
  const scopes = [...new Set(input.scopes)].sort();
  await env.DB.prepare(
    "INSERT INTO api_tokens (id, user_id, name, token_hash, scopes, created_at) VALUES (?, ?, ?, ?, ?, ?)",
  )
    .bind(id, userId, input.name, await hashSecret(token), scopes.join(" "), now)
    .run();
  return { token, info: { id, name: input.name, scopes, createdAt: now, lastUsedAt: null } };
}

export async function verifyApiToken(
  env: Env,
  token: string,
): Promise<(ApiTokenInfo & { userId: string }) | null> {
  if (!token.startsWith(PREFIX.api)) return null;
  const row = await env.DB.prepare(
    "SELECT id, user_id, name, scopes, created_at, last_used_at FROM api_tokens WHERE token_hash = ? AND revoked_at IS NULL",
  )
    .bind(await hashSecret(token))
    .first<Row>();
  if (!row) return null;
  await env.DB.prepare("UPDATE api_tokens SET last_used_at = ? WHERE id = ?").bind(clock.now(), row.id).run();
  return { ...toInfo(row), userId: row.user_id };
}

export async function listApiTokens(env: Env, userId: string): Promise<ApiTokenInfo[]> {
  const { results } = await env.DB.prepare(
    `SELECT id, user_id, name, scopes, created_at, last_used_at FROM api_tokens
     WHERE user_id = ? AND revoked_at IS NULL ORDER BY created_at DESC LIMIT 100`,
  )
    .bind(userId)
    .all<Row>();
  return results.map(toInfo);
}

export async function revokeApiToken(env: Env, userId: string, id: string): Promise<boolean> {
  const res = await env.DB.prepare(
    "UPDATE api_tokens SET revoked_at = ? WHERE id = ? AND user_id = ? AND revoked_at IS NULL",
  )
    .bind(clock.now(), id, userId)
    .run();
  return res.meta.changes === 1;
}
