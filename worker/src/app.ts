/**
 * The Hono application: request ids, security headers, the config guard (no dev keys
 * outside development), CORS for configured origins, a body cap before any parsing, the
 * D1 guard (outage -> 503), the /api/v1 sub-apps, the OpenAPI document and its reference
 * UI, and the one onError that shapes every error (error-handler.ts).
 * API answers are never cached (no-store): they carry tokens and personal data.
 * Anything outside /api is the PWA, served from static assets with SPA fallback.
 */

import { swaggerUI } from "@hono/swagger-ui";
import { OpenAPIHono } from "@hono/zod-openapi";
import { cors } from "hono/cors";
import pkg from "../../package.json" with { type: "json" };
import type { AppBindings } from "./env.ts";
import { errorHandler } from "./error-handler.ts";
import { HttpError } from "./errors.ts";
import { bodyLimit } from "./middleware/body-limit/index.ts";
import { bodyLimitFor } from "./middleware/body-limit/limits.ts";
import { configGuard } from "./middleware/config-guard/index.ts";
import { d1Guard } from "./middleware/d1-guard/index.ts";
import { noStore } from "./middleware/no-store/index.ts";
import { requestId } from "./middleware/request-id/index.ts";
import { securityHeaders } from "./middleware/security-headers/index.ts";
import { sentry } from "./middleware/sentry/index.ts";
import { routes } from "./routes/index.ts";

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
  exposeHeaders: [
    "Retry-After",
    "X-Request-Id",
    "RateLimit-Limit",
    "RateLimit-Remaining",
    "RateLimit-Reset",
    "RateLimit-Policy",
  ],
  maxAge: 600,
});

export function createApp(): OpenAPIHono<AppBindings> {
  const app = new OpenAPIHono<AppBindings>();
  app.use("*", requestId());
  app.use("*", securityHeaders());
  app.use("/api/*", noStore());
  app.use("/api/*", sentry());
  app.use("/api/*", apiCors);
  app.use("/api/*", configGuard());
  app.use("/api/*", bodyLimit({ maxBytes: bodyLimitFor }));
  app.use("/api/*", d1Guard());

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
  // No inline script (the docs CSP allows none): swagger-ui starts from /vendor/swagger-init.js.
  api.get(
    "/docs",
    swaggerUI({
      url: "/api/v1/openapi.json",
      baseUrl: "/vendor",
      title: "Forex AI API",
      manuallySwaggerUIHtml: (asset) =>
        `<div id="swagger-ui"></div>${asset.css.map((u) => `<link rel="stylesheet" href="${u}" />`).join("")}` +
        `${asset.js.map((u) => `<script src="${u}"></script>`).join("")}<script src="/vendor/swagger-init.js"></script>`,
    }),
  );
  app.route("/api/v1", api);

  app.all("/api/*", () => {
    throw new HttpError(404, "not_found", "No such API endpoint. See /api/v1/docs for the reference.");
  });
  app.all("*", (c) => c.env.ASSETS.fetch(c.req.raw));

  app.onError(errorHandler);
  return app;
}
