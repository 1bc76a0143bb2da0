/**
 * Per-user settings synced with the app's local copy, last-write-wins by version: a write
 * based on version >= the stored one wins (new version = max(stored, based) + 1, in one
 * atomic upsert); an older one is refused so the client can merge with what is stored.
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

/** Writes if `basedOn` >= stored version; returns the new version, or null on conflict. */
export async function writeSettings(
  env: Env,
  opts: { userId: string; settings: Record<string, unknown>; basedOn: number },
): Promise<number | null> {
  const row = await env.DB.prepare(
    `INSERT INTO user_settings (user_id, settings_json, version, updated_at) VALUES (?1, ?2, ?3 + 1, ?4)
     ON CONFLICT(user_id) DO UPDATE SET
       settings_json = excluded.settings_json,
       version = max(user_settings.version, ?3) + 1,
       updated_at = excluded.updated_at
     WHERE user_settings.version <= ?3
     RETURNING version`,
  )
    .bind(opts.userId, JSON.stringify(opts.settings), opts.basedOn, clock.now())
    .first<{ version: number }>();
  return row?.version ?? null;
}
