/**
 * Cache-Control: no-store on every API answer: access tokens, personal data and settings
 * must never be kept by a browser or proxy cache (a cached GET /users/settings would also
 * show a device stale settings). A route that sets its own Cache-Control keeps it.
 */
import type { MiddlewareHandler } from "hono";
import type { AppBindings } from "../../env.ts";

export const NO_STORE = "no-store";

export function noStore(): MiddlewareHandler<AppBindings> {
  return async (c, next) => {
    await next();
    if (!c.res.headers.has("Cache-Control")) c.header("Cache-Control", NO_STORE);
  };
}
