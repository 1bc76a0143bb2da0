/**
 * A bare Hono app for the rate-limit tests, shared by the workerd tests beside this file
 * and the Node tests of the Upstash backend: sets the request id (and the user id from an
 * X-Test-User header), and answers errors with the Worker's own onError (error-handler.ts).
 */
import { Hono } from "hono";
import type { AppBindings } from "../../env.ts";
import { errorHandler } from "../../error-handler.ts";

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
  app.onError(errorHandler);
  return app;
}
