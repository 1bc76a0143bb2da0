/**
 * Secrets the auth modules need: JWT_SECRET (HS256 signing key) and TOTP_ENCRYPTION_KEY
 * (AES-256-GCM key for TOTP secrets, also the pepper for recovery codes and audit hashes).
 * Only with ENVIRONMENT=development is a missing secret replaced by a fixed dev-only key
 * (one warning); in any other environment (production, staging, a typo, unset) a missing
 * or weak secret is a hard error, and the config guard (worker/src/middleware/config-guard)
 * refuses API requests with a clear message before anything runs (checklist 40).
 */
import type { Env } from "../env.ts";
import { fromBase64Url, sha256, utf8 } from "./crypto-utils.ts";

export interface AuthKeys {
  /** HS256 key bytes (>= 32 bytes). */
  jwt: Uint8Array;
  /** 32-byte AES-GCM key. */
  totp: Uint8Array;
  /** 32-byte HMAC key for recovery codes, refresh successors and audit-log ids. */
  pepper: Uint8Array;
}

const MIN_JWT_BYTES = 32;
let warned = false;
const cache = new Map<string, Promise<AuthKeys>>();

/** Thrown when production runs without its secrets; onError logs the message. */
export class MissingSecretError extends Error {
  constructor(message: string) {
    super(message);
    this.name = "MissingSecretError";
  }
}

function readSecret(env: Env, name: string): string | undefined {
  const value = env[name];
  return typeof value === "string" && value.length > 0 ? value : undefined;
}

async function deriveBytes(label: string): Promise<Uint8Array> {
  return fromBase64Url(await sha256(label));
}

function decodeTotpKey(value: string): Uint8Array {
  const bytes = fromBase64Url(value);
  if (bytes.length !== 32) {
    throw new MissingSecretError("TOTP_ENCRYPTION_KEY must be 32 bytes, base64 (openssl rand -base64 32)");
  }
  return bytes;
}

/** True only for ENVIRONMENT=development: the one environment allowed to use dev keys. */
export function isDevelopment(env: Env): boolean {
  return env.ENVIRONMENT === "development";
}

/** Why this environment may not serve requests (missing secrets outside development), or null. */
export function secretsProblem(env: Env): string | null {
  if (isDevelopment(env)) return null;
  const missing = ["JWT_SECRET", "TOTP_ENCRYPTION_KEY"].filter((name) => !readSecret(env, name));
  if (missing.length === 0) return null;
  const where = env.ENVIRONMENT ? `ENVIRONMENT=${String(env.ENVIRONMENT)}` : "ENVIRONMENT unset";
  return (
    `Refusing to serve: ${missing.join(" and ")} must be set as secrets (${where}; development keys are ` +
    `used only with ENVIRONMENT=development). wrangler secret put ${missing[0]}; see docs/deployment.md.`
  );
}

async function loadKeys(env: Env): Promise<AuthKeys> {
  const jwtSecret = readSecret(env, "JWT_SECRET");
  const totpSecret = readSecret(env, "TOTP_ENCRYPTION_KEY");
  const production = !isDevelopment(env);
  const problem = secretsProblem(env);
  if (problem) throw new MissingSecretError(problem);
  if ((!jwtSecret || !totpSecret) && !warned) {
    warned = true;
    console.warn(
      "[auth] JWT_SECRET/TOTP_ENCRYPTION_KEY not set: using fixed DEVELOPMENT-ONLY keys. Never deploy like this.",
    );
  }
  const jwt = jwtSecret ? utf8(jwtSecret) : await deriveBytes("forex-ai dev-only jwt key");
  if (production && jwt.length < MIN_JWT_BYTES) {
    throw new MissingSecretError("JWT_SECRET must be at least 32 bytes (openssl rand -base64 48)");
  }
  const totp = totpSecret ? decodeTotpKey(totpSecret) : await deriveBytes("forex-ai dev-only totp key");
  const pepperHex = await sha256(`pepper:${toText(totp)}`);
  return { jwt, totp, pepper: fromBase64Url(pepperHex) };
}

function toText(bytes: Uint8Array): string {
  return Array.from(bytes, (b) => b.toString(16).padStart(2, "0")).join("");
}

/** The keys for this environment (cached per secret values). */
export function getAuthKeys(env: Env): Promise<AuthKeys> {
  const cacheKey = `${env.ENVIRONMENT}|${readSecret(env, "JWT_SECRET") ?? ""}|${readSecret(env, "TOTP_ENCRYPTION_KEY") ?? ""}`;
  let keys = cache.get(cacheKey);
  if (!keys) {
    keys = loadKeys(env);
    keys.catch(() => cache.delete(cacheKey));
    cache.set(cacheKey, keys);
  }
  return keys;
}
