/**
 * Monitoring with toucan-js (Sentry for Workers): one client per request when SENTRY_DSN
 * is set, exposed as c.var.sentry. Request data is reduced by toucan's allowlists and then
 * by the beforeSend scrubber (services/monitoring/scrub.ts). Only the user id (never the
 * email) is attached, by captureError. Without SENTRY_DSN everything here is a no-op.
 */
import type { Context, MiddlewareHandler } from "hono";
import { Toucan } from "toucan-js";
import pkg from "../../../../package.json" with { type: "json" };
import type { AppBindings } from "../../env.ts";
import { scrubBreadcrumb, scrubEvent } from "../../services/monitoring/scrub.ts";

/** Headers worth sending; everything else (Authorization, Cookie, ...) never leaves. */
const ALLOWED_HEADERS = ["user-agent", "content-type", "content-length", "cf-ray", "x-request-id", "origin"];

function executionContext(c: Context<AppBindings>): { waitUntil(p: Promise<unknown>): void } {
  try {
    return c.executionCtx;
  } catch {
    return { waitUntil: () => {} }; // app.request() without a context (scripts, Node tests)
  }
}

/** Starts a Sentry client for the request when SENTRY_DSN is configured. */
export function sentry(): MiddlewareHandler<AppBindings> {
  return async (c, next) => {
    const dsn = typeof c.env.SENTRY_DSN === "string" ? c.env.SENTRY_DSN.trim() : "";
    if (dsn) {
      const toucan = new Toucan({
        dsn,
        context: executionContext(c),
        request: c.req.raw,
        environment: c.env.ENVIRONMENT || "production",
        release: `forex-ai@${pkg.version}`,
        sendDefaultPii: false,
        requestDataOptions: {
          allowedHeaders: ALLOWED_HEADERS,
          allowedCookies: false,
          allowedSearchParams: false,
          allowedIps: false,
        },
        beforeSend: (event) => scrubEvent(event),
        beforeBreadcrumb: (crumb) => scrubBreadcrumb(crumb),
      });
      toucan.setTag("request_id", c.get("requestId"));
      c.set("sentry", toucan);
    }
    await next();
  };
}

/** Reports an unexpected error with the signed-in user's id (never the email). */
export function captureError(c: Context<AppBindings>, err: unknown): void {
  const client = c.get("sentry");
  if (!client) return;
  const userId = c.get("userId");
  if (userId) client.setUser({ id: userId });
  client.captureException(err);
}

/** Records an auth event (sign-in, 2FA change, refresh reuse...) as a breadcrumb. */
export function authBreadcrumb(
  c: Context<AppBindings>,
  event: {
    message: string;
    level?: "info" | "warning" | "error";
    data?: Record<string, string | number | boolean>;
  },
): void {
  c.get("sentry")?.addBreadcrumb({
    category: "auth",
    type: "default",
    level: event.level ?? "info",
    message: event.message,
    data: event.data,
  });
}
