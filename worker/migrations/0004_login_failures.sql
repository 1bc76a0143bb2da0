-- Migration 0004: failed sign-ins per account (checklist 33). `subject` is the SHA-256 of
-- the normalised email, so unknown emails are counted the same way as known ones and the
-- table holds no address. Growing delays, never a permanent lock (worker/src/auth/login-delay.ts).
CREATE TABLE IF NOT EXISTS login_failures (
  subject TEXT PRIMARY KEY,
  failures INTEGER NOT NULL,
  last_failure_at INTEGER NOT NULL
);
