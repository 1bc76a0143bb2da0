/**
 * The email digest: built here from the newest alerts (their messages carry their
 * figures), posted to /api/v1/ai/digest which emails it when the user opted in. Sent on
 * request, and automatically at most once every DIGEST_EVERY_MS while the app is used.
 */
import { call } from "../../adapters/api-client.ts";
import { db } from "../../adapters/db.ts";
import { buildDigest, type Digest } from "./digest-build.ts";
import type { AnalysedHistory } from "./trade-source.ts";

export { buildDigest } from "./digest-build.ts";

export const DIGEST_EVERY_MS = 7 * 86_400_000;
const LAST_SENT_KEY = "ai:digest:lastSent";

export async function sendDigest(digest: Digest, now: number): Promise<void> {
  await call("post", "/ai/digest", { body: digest });
  await db.kv.put({ key: LAST_SENT_KEY, value: now, updatedAt: now });
}

/** When the last digest went out (0 = never). */
export async function lastDigestSent(): Promise<number> {
  const row = await db.kv.get(LAST_SENT_KEY);
  return typeof row?.value === "number" ? row.value : 0;
}

/** Sends the weekly digest if it is due; quiet on failure (the next visit retries). */
export async function maybeSendDigest(opts: {
  optedIn: boolean;
  signedIn: boolean;
  analysed: readonly AnalysedHistory[];
  now: number;
}): Promise<boolean> {
  if (!opts.optedIn || !opts.signedIn || !navigator.onLine || opts.analysed.length === 0) return false;
  if (opts.now - (await lastDigestSent()) < DIGEST_EVERY_MS) return false;
  try {
    await sendDigest(buildDigest(opts.analysed, opts.now), opts.now);
    return true;
  } catch {
    return false;
  }
}
