/**
 * Per-user settings synced with the app's local copy. The server owns the version: a
 * write must be based on exactly the stored version (0 when nothing is stored yet) and
 * the server sets the new one to stored + 1 in one atomic upsert; any other version
 * (older, or one the server never issued) is refused so the client merges with what is
 * stored. A client can therefore never push the version out of reach (checklist 40).
 */
import type { Env } from "../env.ts";
import { clock } from "./clock.ts";

export const MAX_SETTINGS_BYTES = 64 * 1024;

export interface StoredSettings {
  settings: Record<string, unknown>;
  version: number;
}

export async function readSettings(env: Env, userId: string): Promise<StoredSettings> {
  const row = await env.DB.prepare("SELECT settings_json, version FROM user_settings WHERE user_id = ?")
    .bind(userId)
    .first<{ settings_json: string; version: number }>();
  return row
    ? { settings: JSON.parse(row.settings_json), version: row.version }
    : { settings: {}, version: 0 };
}

/** Writes if `basedOn` is the stored version; returns the new version, or null on conflict. */
export async function writeSettings(
  env: Env,
  opts: { userId: string; settings: Record<string, unknown>; basedOn: number },
): Promise<number | null> {
  if (opts.basedOn === 0) {
    const row = await env.DB.prepare(
      `INSERT INTO user_settings (user_id, settings_json, version, updated_at) VALUES (?1, ?2, 1, ?3)
       ON CONFLICT(user_id) DO NOTHING
       RETURNING version`,
    )
      .bind(opts.userId, JSON.stringify(opts.settings), clock.now())
      .first<{ version: number }>();
    return row?.version ?? null;
  }
  const row = await env.DB.prepare(
    `UPDATE user_settings SET settings_json = ?2, version = version + 1, updated_at = ?4
     WHERE user_id = ?1 AND version = ?3
     RETURNING version`,
  )
    .bind(opts.userId, JSON.stringify(opts.settings), opts.basedOn, clock.now())
    .first<{ version: number }>();
  return row?.version ?? null;
}
