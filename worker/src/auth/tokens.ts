/**
 * Access tokens: HS256 JWTs signed with JWT_SECRET through WebCrypto (hono/jwt), algorithm
 * pinned, 15-minute lifetime, iss/aud/typ checked. Claims carry the session id (sid) and the
 * user's token version (ver) so requireAuth can refuse tokens of revoked sessions or from
 * before a password change, before they expire.
 */
import { sign, verify } from "hono/jwt";
import type { Env } from "../env.ts";
import { clock } from "./clock.ts";
import { getAuthKeys } from "./keys.ts";

export const ACCESS_TOKEN_TTL_SECONDS = 900;
export const JWT_ISSUER = "forex-ai";
export const JWT_AUDIENCE = "forex-ai-api";
const TOKEN_TYPE = "access";
const ALG = "HS256" as const;

export interface AccessClaims {
  sub: string;
  sid: string;
  ver: number;
  iat: number;
  exp: number;
}

const keyCache = new WeakMap<Uint8Array, Promise<CryptoKey>>();

async function hmacKey(env: Env): Promise<CryptoKey> {
  const { jwt } = await getAuthKeys(env);
  let key = keyCache.get(jwt);
  if (!key) {
    key = crypto.subtle.importKey("raw", jwt, { name: "HMAC", hash: "SHA-256" }, false, ["sign", "verify"]);
    keyCache.set(jwt, key);
  }
  return key;
}

/** Signs an access token for a session; returns it with its lifetime in seconds. */
export async function signAccessToken(
  env: Env,
  opts: { userId: string; sessionId: string; tokenVersion: number },
): Promise<{ token: string; expiresIn: number }> {
  const iat = Math.floor(clock.now() / 1000);
  const payload = {
    iss: JWT_ISSUER,
    aud: JWT_AUDIENCE,
    typ: TOKEN_TYPE,
    sub: opts.userId,
    sid: opts.sessionId,
    ver: opts.tokenVersion,
    iat,
    exp: iat + ACCESS_TOKEN_TTL_SECONDS,
  };
  return { token: await sign(payload, await hmacKey(env), ALG), expiresIn: ACCESS_TOKEN_TTL_SECONDS };
}

/**
 * Verifies signature (HS256 only), issuer, audience, token type and expiry against the
 * auth clock. Returns null for any invalid token; never throws on attacker input.
 */
export async function verifyAccessToken(env: Env, token: string): Promise<AccessClaims | null> {
  const key = await hmacKey(env);
  let payload: Record<string, unknown>;
  try {
    payload = await verify(token, key, {
      alg: ALG,
      iss: JWT_ISSUER,
      aud: JWT_AUDIENCE,
      exp: false,
      iat: false,
      nbf: false,
    });
  } catch {
    return null;
  }
  const now = Math.floor(clock.now() / 1000);
  const { sub, sid, ver, iat, exp, typ } = payload;
  if (typ !== TOKEN_TYPE) return null;
  if (typeof sub !== "string" || typeof sid !== "string" || typeof ver !== "number") return null;
  if (typeof iat !== "number" || typeof exp !== "number") return null;
  if (exp <= now || exp - iat > ACCESS_TOKEN_TTL_SECONDS || iat > now + 60) return null;
  return { sub, sid, ver, iat, exp };
}
