/**
 * Refuses every API request when the Worker runs outside development without its secrets
 * (checklist 40): 503 `server_misconfigured` telling the client the server is not set up,
 * and a log line (once per isolate) naming what the operator must set. Development keys exist only for
 * ENVIRONMENT=development, so a staging or mistyped environment fails closed.
 */
import type { MiddlewareHandler } from "hono";
import { secretsProblem } from "../../auth/keys.ts";
import type { AppBindings } from "../../env.ts";
import { HttpError } from "../../errors.ts";

let logged = false;

export function configGuard(): MiddlewareHandler<AppBindings> {
  return async (c, next) => {
    const problem = secretsProblem(c.env);
    if (problem) {
      if (!logged) {
        logged = true;
        console.error(JSON.stringify({ level: "error", kind: "server_misconfigured", message: problem }));
      }
      throw new HttpError(
        503,
        "server_misconfigured",
        "This server is not set up yet: secrets are missing outside development. Its operator's log says which.",
        { headers: { "Retry-After": "60" } },
      );
    }
    await next();
  };
}
