/**
 * AES-256-GCM encryption at rest for TOTP secrets, key from TOTP_ENCRYPTION_KEY.
 * Format `v1.<iv>.<ciphertext+tag>` (base64url); a fresh 96-bit IV per encryption; the
 * user id is bound as additional data so a ciphertext cannot be moved to another account.
 */
import type { Env } from "../env.ts";
import { fromBase64Url, randomBytes, toBase64Url, utf8 } from "./crypto-utils.ts";
import { getAuthKeys } from "./keys.ts";

const VERSION = "v1";
const IV_BYTES = 12;

async function aesKey(env: Env): Promise<CryptoKey> {
  const { totp } = await getAuthKeys(env);
  return crypto.subtle.importKey("raw", totp, "AES-GCM", false, ["encrypt", "decrypt"]);
}

/** Encrypts a UTF-8 string bound to `context` (e.g. the user id). */
export async function encryptSecret(env: Env, plaintext: string, context: string): Promise<string> {
  const iv = randomBytes(IV_BYTES);
  const ct = await crypto.subtle.encrypt(
    { name: "AES-GCM", iv, additionalData: utf8(context) },
    await aesKey(env),
    utf8(plaintext),
  );
  return `${VERSION}.${toBase64Url(iv)}.${toBase64Url(new Uint8Array(ct))}`;
}

/** Decrypts what encryptSecret produced; throws if tampered, wrong key or wrong context. */
export async function decryptSecret(env: Env, sealed: string, context: string): Promise<string> {
  const [version, iv, ct] = sealed.split(".");
  if (version !== VERSION || !iv || !ct) throw new Error("Unsupported encrypted secret format");
  const pt = await crypto.subtle.decrypt(
    { name: "AES-GCM", iv: fromBase64Url(iv), additionalData: utf8(context) },
    await aesKey(env),
    fromBase64Url(ct),
  );
  return new TextDecoder().decode(pt);
}
