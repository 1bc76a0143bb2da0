/**
 * Body caps for every API route (checklist 36), applied in app.ts before any parsing:
 * 64 KB unless a route needs more. Routes under SELF_LIMITED apply their own bodyLimit
 * (the AI proxy: AI_MAX_REQUEST_BYTES).
 */
import type { Context } from "hono";
import { MAX_SETTINGS_BYTES } from "../../auth/settings-store.ts";
import type { AppBindings } from "../../env.ts";

export const DEFAULT_BODY_LIMIT = 64 * 1024;

/** Path prefixes with their own, larger cap. */
const ROUTE_LIMITS: Array<[prefix: string, bytes: number]> = [
  // The settings document may be 64 KB itself; the envelope ({"settings":..,"version":N}) is extra.
  ["/api/v1/users/settings", MAX_SETTINGS_BYTES + 1024],
];

/** Path prefixes whose routes cap their bodies themselves. */
export const SELF_LIMITED = ["/api/v1/ai/chat"];

export function bodyLimitFor(c: Context<AppBindings>): number {
  const path = c.req.path;
  if (SELF_LIMITED.some((p) => path.startsWith(p))) return Number.POSITIVE_INFINITY;
  for (const [prefix, bytes] of ROUTE_LIMITS) if (path.startsWith(prefix)) return bytes;
  return DEFAULT_BODY_LIMIT;
}
