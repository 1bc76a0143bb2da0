/**
 * A bare Hono app for the rate-limit tests, shared by the workerd test beside this file and
 * the Node test of the Upstash backend: sets the request id (and the user id from an
 * X-Test-User header), and answers an HttpError the way the Worker's onError does
 * (its status and headers such as Retry-After, and {error: {code, message}}).
 */
import { Hono } from "hono";
import type { AppBindings } from "../../env.ts";
import { HttpError } from "../../errors.ts";

/** The error body the tests read. */
export interface ErrorJson {
  error: { code: string; message: string };
}

/** The app with the routes `mount` adds between the context middleware and onError. */
export function rateLimitTestApp(mount: (routes: Hono<AppBindings>) => void): Hono<AppBindings> {
  const app = new Hono<AppBindings>();
  app.use("*", async (c, next) => {
    c.set("requestId", "test-request");
    const user = c.req.header("X-Test-User");
    if (user) c.set("userId", user);
    await next();
  });
  mount(app);
  // Same shape as the Worker's onError for HttpError.
  app.onError((err, c) => {
    if (!(err instanceof HttpError)) throw err;
    for (const [k, v] of Object.entries(err.headers ?? {})) c.header(k, v);
    return c.json({ error: { code: err.code, message: err.message } }, err.status);
  });
  return app;
}
