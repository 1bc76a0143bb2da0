/**
 * The one onError of the Worker (app.ts; the rate-limit tests mount it too): an HttpError
 * becomes `{error: {code, message, fields?}}` with its status and headers; Hono's own
 * client errors say what to fix; a database that does not answer is 503 with Retry-After;
 * anything else is a generic 500 (logged scrubbed, sent to Sentry) without stack traces.
 */
import type { Context } from "hono";
import { HTTPException } from "hono/http-exception";
import type { AppBindings } from "./env.ts";
import { type ErrorBody, HttpError } from "./errors.ts";
import { DB_RETRY_AFTER_S, isDatabaseUnavailable } from "./middleware/d1-guard/index.ts";
import { captureError } from "./middleware/sentry/index.ts";
import { scrubString } from "./services/monitoring/scrub.ts";

export function errorHandler(err: Error, c: Context<AppBindings>): Response {
  const requestIdValue = c.get("requestId");
  if (err instanceof HttpError) {
    const body: ErrorBody = { error: { code: err.code, message: err.message, requestId: requestIdValue } };
    if (err.fields) body.error.fields = err.fields;
    for (const [k, v] of Object.entries(err.headers ?? {})) c.header(k, v);
    return c.json(body, err.status);
  }
  if (err instanceof HTTPException && err.status < 500) {
    // Hono's own client errors (malformed JSON, wrong Content-Type): say what to fix.
    const message = err.message || "Malformed request: send a JSON body with Content-Type: application/json.";
    const body: ErrorBody = { error: { code: "bad_request", message, requestId: requestIdValue } };
    return c.json(body, err.status);
  }
  if (isDatabaseUnavailable(err)) {
    console.error(
      JSON.stringify({
        level: "error",
        kind: "database_unavailable",
        requestId: requestIdValue,
        message: scrubString(err.message),
      }),
    );
    c.header("Retry-After", String(DB_RETRY_AFTER_S));
    const body: ErrorBody = {
      error: {
        code: "database_unavailable",
        message: `The database is not answering right now; try again in ${DB_RETRY_AFTER_S} s.`,
        requestId: requestIdValue,
      },
    };
    return c.json(body, 503);
  }
  console.error(
    JSON.stringify({
      level: "error",
      requestId: requestIdValue,
      message: scrubString(err.message),
      stack: err.stack && scrubString(err.stack),
    }),
  );
  captureError(c, err);
  const body: ErrorBody = {
    error: {
      code: "internal",
      message: "Something went wrong on our side. Try again; if it persists, quote the request id.",
      requestId: requestIdValue,
    },
  };
  return c.json(body, 500);
}
