/**
 * The Hono application: request ids, CORS for configured origins, the /api/v1 sub-apps,
 * the OpenAPI document and its reference UI, and the one onError that shapes every error.
 * API answers are never cached (no-store): they carry tokens and personal data.
 * Anything outside /api is the PWA, served from static assets with SPA fallback.
 */

import { swaggerUI } from "@hono/swagger-ui";
import { OpenAPIHono } from "@hono/zod-openapi";
import { cors } from "hono/cors";
import { HTTPException } from "hono/http-exception";
import pkg from "../../package.json" with { type: "json" };
import type { AppBindings } from "./env.ts";
import { type ErrorBody, HttpError } from "./errors.ts";
import { noStore } from "./middleware/no-store/index.ts";
import { requestId } from "./middleware/request-id/index.ts";
import { captureError, sentry } from "./middleware/sentry/index.ts";
import { routes } from "./routes/index.ts";
import { scrubString } from "./services/monitoring/scrub.ts";

let parsedOrigins: { raw: string | undefined; list: string[] } = { raw: undefined, list: [] };

/** ALLOWED_ORIGINS as a list, parsed again only when the variable's value changes. */
function allowedOrigins(value: string | undefined): string[] {
  if (value !== parsedOrigins.raw) {
    const list = (value ?? "")
      .split(",")
      .map((s) => s.trim())
      .filter(Boolean);
    parsedOrigins = { raw: value, list };
  }
  return parsedOrigins.list;
}

/** CORS for configured origins, built once (not per request). */
const apiCors = cors({
  origin: (origin, c) => (allowedOrigins(c.env.ALLOWED_ORIGINS).includes(origin) ? origin : null),
  credentials: true,
  allowHeaders: ["Content-Type", "Authorization", "X-Request-Id", "Idempotency-Key"],
  exposeHeaders: ["Retry-After", "X-Request-Id"],
  maxAge: 600,
});

export function createApp(): OpenAPIHono<AppBindings> {
  const app = new OpenAPIHono<AppBindings>();
  app.use("*", requestId());
  app.use("/api/*", noStore());
  app.use("/api/*", sentry());
  app.use("/api/*", apiCors);

  const api = new OpenAPIHono<AppBindings>();
  for (const [path, sub] of routes) api.route(path, sub);
  api.doc31("/openapi.json", {
    openapi: "3.1.0",
    info: {
      title: "Forex AI API",
      version: pkg.version,
      description: "The Forex AI edge API (accounts, 2FA, settings, relay).",
    },
    servers: [{ url: "/api/v1" }],
  });
  api.get("/docs", swaggerUI({ url: "/api/v1/openapi.json", baseUrl: "/vendor" }));
  app.route("/api/v1", api);

  app.all("/api/*", () => {
    throw new HttpError(404, "not_found", "No such API endpoint. See /api/v1/docs for the reference.");
  });
  app.all("*", (c) => c.env.ASSETS.fetch(c.req.raw));

  app.onError((err, c) => {
    const requestIdValue = c.get("requestId");
    if (err instanceof HttpError) {
      const body: ErrorBody = { error: { code: err.code, message: err.message, requestId: requestIdValue } };
      if (err.fields) body.error.fields = err.fields;
      for (const [k, v] of Object.entries(err.headers ?? {})) c.header(k, v);
      return c.json(body, err.status);
    }
    if (err instanceof HTTPException && err.status < 500) {
      // Hono's own client errors (malformed JSON, wrong Content-Type): say what to fix.
      const message =
        err.message || "Malformed request: send a JSON body with Content-Type: application/json.";
      const body: ErrorBody = { error: { code: "bad_request", message, requestId: requestIdValue } };
      return c.json(body, err.status);
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
  });
  return app;
}
