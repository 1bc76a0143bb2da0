/**
 * Security headers and Content Security Policies (checklist 35), in one place for both
 * paths a response can take: the Worker's own answers (API, docs, SPA fallback; see
 * middleware/security-headers) and the static assets served without the Worker, through
 * the `_headers` file the build writes from headersFile() (vite.config.ts).
 *
 * The app's policy is as strict as the app allows: scripts only from the origin, plus
 * 'wasm-unsafe-eval' for TensorFlow.js's WASM backend; no 'unsafe-eval' except in the
 * backtest worker, which compiles user strategies with new Function (a dedicated worker
 * takes its CSP from its own script's response, so only that file gets it); connections
 * to the same origin (API, AI stream, relay WebSocket) and the configured extra origins.
 * Pure: no imports, so the Vite config can use it too.
 */
export type Directives = Readonly<Record<string, readonly string[]>>;

/** The policy of every app page. */
export const APP_CSP: Directives = {
  "default-src": ["'self'"],
  "script-src": ["'self'", "'wasm-unsafe-eval'"],
  // Solid's runtime and lightweight-charts set style attributes (tested: blocking them is a
  // violation on most pages); <style> elements and inline stylesheets stay blocked.
  "style-src": ["'self'"],
  "style-src-attr": ["'unsafe-inline'"],
  "img-src": ["'self'", "data:", "blob:"],
  "font-src": ["'self'", "data:"],
  "connect-src": ["'self'"],
  "worker-src": ["'self'"],
  "manifest-src": ["'self'"],
  "object-src": ["'none'"],
  "base-uri": ["'self'"],
  "form-action": ["'self'"],
  "frame-ancestors": ["'none'"],
};

/** The backtest worker (user strategies are compiled with new Function there, and only there). */
export const STRATEGY_WORKER_CSP: Directives = {
  ...APP_CSP,
  "script-src": [...(APP_CSP["script-src"] ?? []), "'unsafe-eval'"],
};

/** Worker scripts that get STRATEGY_WORKER_CSP (a `_headers` path pattern). */
export const STRATEGY_WORKER_PATHS = ["/assets/backtest.worker-*"];

/** API answers are data: nothing may run, load or frame them. */
export const API_CSP: Directives = {
  "default-src": ["'none'"],
  "base-uri": ["'none'"],
  "form-action": ["'none'"],
  "frame-ancestors": ["'none'"],
};

/** The API reference (swagger-ui, served from /vendor with an external start script). */
export const DOCS_CSP: Directives = {
  "default-src": ["'self'"],
  "script-src": ["'self'"],
  "style-src": ["'self'", "'unsafe-inline'"],
  "img-src": ["'self'", "data:"],
  "connect-src": ["'self'"],
  "object-src": ["'none'"],
  "base-uri": ["'none'"],
  "form-action": ["'none'"],
  "frame-ancestors": ["'none'"],
};

/** Headers on every response besides the CSP. */
export const COMMON_HEADERS: Readonly<Record<string, string>> = {
  "Strict-Transport-Security": "max-age=31536000; includeSubDomains",
  "X-Content-Type-Options": "nosniff",
  "Referrer-Policy": "no-referrer",
  "X-Frame-Options": "DENY",
  "Cross-Origin-Opener-Policy": "same-origin",
  "Permissions-Policy": "camera=(), microphone=(), geolocation=(), payment=(), usb=()",
};

/** Extra connect-src origins from a comma- or space-separated list (CSP_CONNECT_SRC). */
export function extraOrigins(value: string | undefined): string[] {
  return (value ?? "")
    .split(/[\s,]+/)
    .map((s) => s.trim())
    .filter((s) => /^(https?|wss?):\/\/[^\s;,'"]+$/.test(s));
}

/** The policy with extra connect-src origins. */
export function withConnect(policy: Directives, extra: readonly string[]): Directives {
  if (extra.length === 0) return policy;
  return { ...policy, "connect-src": [...(policy["connect-src"] ?? ["'self'"]), ...extra] };
}

/** A policy as a header value. */
export function cspValue(policy: Directives): string {
  return Object.entries(policy)
    .map(([name, values]) => [name, ...values].join(" "))
    .join("; ");
}

/** The `_headers` file for the static assets (Cloudflare Workers static assets format). */
export function headersFile(extraConnect: readonly string[] = []): string {
  const lines = ["# Written by the build from worker/src/security/headers-policy.ts; do not edit.", "/*"];
  lines.push(`  Content-Security-Policy: ${cspValue(withConnect(APP_CSP, extraConnect))}`);
  for (const [k, v] of Object.entries(COMMON_HEADERS)) lines.push(`  ${k}: ${v}`);
  for (const path of STRATEGY_WORKER_PATHS) {
    lines.push(path, "  ! Content-Security-Policy");
    lines.push(`  Content-Security-Policy: ${cspValue(withConnect(STRATEGY_WORKER_CSP, extraConnect))}`);
  }
  return `${lines.join("\n")}\n`;
}
