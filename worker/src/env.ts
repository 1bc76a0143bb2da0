/** Bindings and variables the Worker receives (see wrangler.toml and .dev.vars.example). */
export interface Env {
  DB: D1Database;
  ASSETS: Fetcher;
  RELAY: DurableObjectNamespace;
  RATE_LIMITER: DurableObjectNamespace;
  /** "development" enables the dev outbox and verbose errors in logs (never in bodies). */
  ENVIRONMENT: string;
  /** Comma-separated origins allowed by CORS and the relay's Origin check. */
  ALLOWED_ORIGINS: string;
  /** Public origin of the app, used to build links in emails (never the Host header). */
  APP_ORIGIN: string;
  EMAIL_PROVIDER?: string;
  /** "off" skips the relay's per-order trading budget, honoured only in development (bench:relay). */
  RELAY_ORDER_BUDGET?: string;
  [key: string]: unknown;
}

/** Hono generics used by every sub-app. */
export interface AppBindings {
  Bindings: Env;
  Variables: {
    requestId: string;
    /** Set by the auth middleware once the access token is verified. */
    userId?: string;
    /** Per-request Sentry client (toucan-js), present only when SENTRY_DSN is set. */
    sentry?: import("toucan-js").Toucan;
  };
}
