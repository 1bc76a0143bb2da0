/**
 * The users table: lookups, creation, password and profile updates, and the public shape
 * returned by the API. Emails are stored trimmed and lowercased (one account per address).
 */
import type { Env } from "../env.ts";
import { clock } from "./clock.ts";

export interface UserRow {
  id: string;
  email: string;
  display_name: string | null;
  password_hash: string;
  created_at: number;
  token_version: number;
  totp_enabled: number;
  totp_secret_enc: string | null;
  totp_pending_enc: string | null;
}

export interface PublicUser {
  id: string;
  email: string;
  displayName: string | null;
  twoFactorEnabled: boolean;
  createdAt: string;
}

const COLUMNS =
  "id, email, display_name, password_hash, created_at, token_version, totp_enabled, totp_secret_enc, totp_pending_enc";

export function normalizeEmail(email: string): string {
  return email.trim().toLowerCase();
}

export function toPublicUser(row: UserRow): PublicUser {
  return {
    id: row.id,
    email: row.email,
    displayName: row.display_name,
    twoFactorEnabled: row.totp_enabled === 1,
    createdAt: new Date(row.created_at).toISOString(),
  };
}

export async function findUserByEmail(env: Env, email: string): Promise<UserRow | null> {
  return env.DB.prepare(`SELECT ${COLUMNS} FROM users WHERE email = ?`)
    .bind(normalizeEmail(email))
    .first<UserRow>();
}

export async function findUserById(env: Env, id: string): Promise<UserRow | null> {
  return env.DB.prepare(`SELECT ${COLUMNS} FROM users WHERE id = ?`).bind(id).first<UserRow>();
}

/** Inserts a user; null when the email is already registered. */
export async function createUser(
  env: Env,
  opts: { email: string; passwordHash: string; displayName: string | null },
): Promise<UserRow | null> {
  const now = clock.now();
  const id = crypto.randomUUID();
  const res = await env.DB.prepare(
    "INSERT OR IGNORE INTO users (id, email, display_name, password_hash, created_at, updated_at) VALUES (?, ?, ?, ?, ?, ?)",
  )
    .bind(id, normalizeEmail(opts.email), opts.displayName, opts.passwordHash, now, now)
    .run();
  return res.meta.changes === 1 ? findUserById(env, id) : null;
}

/** Sets a new password hash and bumps the token version (older access tokens fail). */
export async function setPassword(env: Env, userId: string, passwordHash: string): Promise<number> {
  const row = await env.DB.prepare(
    "UPDATE users SET password_hash = ?, token_version = token_version + 1, updated_at = ? WHERE id = ? RETURNING token_version",
  )
    .bind(passwordHash, clock.now(), userId)
    .first<{ token_version: number }>();
  return row?.token_version ?? 0;
}

/** Rehash on login (parameters raised) without touching the token version. */
export async function upgradePasswordHash(env: Env, userId: string, passwordHash: string): Promise<void> {
  await env.DB.prepare("UPDATE users SET password_hash = ? WHERE id = ?").bind(passwordHash, userId).run();
}

export async function setDisplayName(env: Env, userId: string, displayName: string | null): Promise<void> {
  await env.DB.prepare("UPDATE users SET display_name = ?, updated_at = ? WHERE id = ?")
    .bind(displayName, clock.now(), userId)
    .run();
}
