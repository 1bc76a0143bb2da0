-- Migration 0002: accounts, sessions (refresh-token families), TOTP 2FA, recovery codes,
-- password resets, login challenges, user settings and the auth event log.
-- Times are Unix milliseconds (INTEGER). Secrets are never stored in clear: tokens and
-- codes as hashes, the TOTP secret AES-GCM encrypted.

CREATE TABLE users (
  id TEXT PRIMARY KEY,
  email TEXT NOT NULL UNIQUE,
  display_name TEXT,
  password_hash TEXT NOT NULL,
  created_at INTEGER NOT NULL,
  updated_at INTEGER NOT NULL,
  -- Bumped by password change/reset: access tokens carrying an older value are refused.
  token_version INTEGER NOT NULL DEFAULT 1,
  totp_enabled INTEGER NOT NULL DEFAULT 0,
  totp_secret_enc TEXT,
  totp_pending_enc TEXT,
  -- Last accepted TOTP time step (replay protection, compare-and-swap).
  totp_last_step INTEGER NOT NULL DEFAULT 0,
  totp_failures INTEGER NOT NULL DEFAULT 0,
  totp_locked_until INTEGER NOT NULL DEFAULT 0
);

-- A session is one refresh-token family (one device sign-in).
CREATE TABLE sessions (
  id TEXT PRIMARY KEY,
  user_id TEXT NOT NULL REFERENCES users(id) ON DELETE CASCADE,
  created_at INTEGER NOT NULL,
  last_used_at INTEGER NOT NULL,
  absolute_expires_at INTEGER NOT NULL,
  revoked_at INTEGER,
  revoke_reason TEXT,
  user_agent TEXT
);
CREATE INDEX sessions_user ON sessions(user_id);

CREATE TABLE refresh_tokens (
  token_hash TEXT PRIMARY KEY,
  session_id TEXT NOT NULL REFERENCES sessions(id) ON DELETE CASCADE,
  created_at INTEGER NOT NULL,
  idle_expires_at INTEGER NOT NULL,
  used_at INTEGER,
  replaced_by TEXT
);
CREATE INDEX refresh_tokens_session ON refresh_tokens(session_id);

CREATE TABLE recovery_codes (
  user_id TEXT NOT NULL REFERENCES users(id) ON DELETE CASCADE,
  code_hash TEXT NOT NULL,
  created_at INTEGER NOT NULL,
  used_at INTEGER,
  PRIMARY KEY (user_id, code_hash)
);

CREATE TABLE password_resets (
  token_hash TEXT PRIMARY KEY,
  user_id TEXT NOT NULL REFERENCES users(id) ON DELETE CASCADE,
  created_at INTEGER NOT NULL,
  expires_at INTEGER NOT NULL,
  used_at INTEGER
);
CREATE INDEX password_resets_user ON password_resets(user_id);

-- Second step of a 2FA login: an opaque, single-use, short-lived challenge.
CREATE TABLE login_challenges (
  id_hash TEXT PRIMARY KEY,
  user_id TEXT NOT NULL REFERENCES users(id) ON DELETE CASCADE,
  created_at INTEGER NOT NULL,
  expires_at INTEGER NOT NULL,
  attempts INTEGER NOT NULL DEFAULT 0,
  consumed_at INTEGER
);

CREATE TABLE user_settings (
  user_id TEXT PRIMARY KEY REFERENCES users(id) ON DELETE CASCADE,
  settings_json TEXT NOT NULL,
  version INTEGER NOT NULL,
  updated_at INTEGER NOT NULL
);

-- Auth events with hashed identifiers only (no email, no raw ids, no secrets).
CREATE TABLE auth_events (
  id INTEGER PRIMARY KEY AUTOINCREMENT,
  at INTEGER NOT NULL,
  type TEXT NOT NULL,
  outcome TEXT NOT NULL,
  user_hash TEXT,
  ip_hash TEXT,
  detail TEXT
);
CREATE INDEX auth_events_at ON auth_events(at);

UPDATE app_meta SET value = '2' WHERE key = 'schema';
