/**
 * Request ids: reuse a sane incoming X-Request-Id (from a proxy) or make one, expose it
 * to handlers as c.var.requestId and echo it on the response for support tickets.
 */
import type { MiddlewareHandler } from "hono";
import type { AppBindings } from "../../env.ts";

const HEADER = "X-Request-Id";
const SAFE_ID = /^[A-Za-z0-9._-]{8,64}$/;

export function requestId(): MiddlewareHandler<AppBindings> {
  return async (c, next) => {
    const incoming = c.req.header(HEADER);
    const id = incoming && SAFE_ID.test(incoming) ? incoming : crypto.randomUUID();
    c.set("requestId", id);
    await next();
    c.header(HEADER, id);
  };
}
