/**
 * Security headers on every answer the Worker itself gives (checklist 35): the API (a CSP
 * that allows nothing), the API reference (its own CSP), and the app pages it serves
 * through ASSETS (the app's CSP, unless the asset already carries one from `_headers`).
 * Policies live in worker/src/security/headers-policy.ts.
 */
import type { MiddlewareHandler } from "hono";
import type { AppBindings } from "../../env.ts";
import {
  API_CSP,
  APP_CSP,
  COMMON_HEADERS,
  cspValue,
  DOCS_CSP,
  extraOrigins,
  withConnect,
} from "../../security/headers-policy.ts";

const DOCS_PATH = "/api/v1/docs";
let cached: { raw: unknown; app: string } | undefined;

function appCsp(raw: unknown): string {
  if (!cached || cached.raw !== raw) {
    cached = { raw, app: cspValue(withConnect(APP_CSP, extraOrigins(typeof raw === "string" ? raw : ""))) };
  }
  return cached.app;
}

const apiCsp = cspValue(API_CSP);
const docsCsp = cspValue(DOCS_CSP);

export function securityHeaders(): MiddlewareHandler<AppBindings> {
  return async (c, next) => {
    await next();
    const path = c.req.path;
    let headers = c.res.headers;
    try {
      headers.set("X-Content-Type-Options", "nosniff");
    } catch {
      // Responses from ASSETS can be immutable: copy once.
      c.res = new Response(c.res.body, c.res);
      headers = c.res.headers;
    }
    for (const [k, v] of Object.entries(COMMON_HEADERS)) if (!headers.has(k)) headers.set(k, v);
    if (headers.has("Content-Security-Policy")) return;
    const policy =
      path === DOCS_PATH ? docsCsp : path.startsWith("/api/") ? apiCsp : appCsp(c.env.CSP_CONNECT_SRC);
    headers.set("Content-Security-Policy", policy);
  };
}
