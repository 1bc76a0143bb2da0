/**
 * Sentry beforeSend scrubber (checklist 29): events leave the Worker without
 * Authorization/Cookie/Set-Cookie headers, cookies, query strings, or any field named like
 * a password, token, code, secret, OTP, challenge or email (at any depth); bearer tokens,
 * JWTs, email addresses and sensitive key=value pairs inside strings are masked too. The
 * user keeps only its id.
 */
import type { Options } from "toucan-js";

/** Sentry's event and breadcrumb types, taken from toucan's own hooks. */
export type SentryEvent = Parameters<NonNullable<Options["beforeSend"]>>[0];
export type Breadcrumb = Parameters<NonNullable<Options["beforeBreadcrumb"]>>[0];

export const FILTERED = "[Filtered]";

const SENSITIVE_KEY =
  /pass(word|wd)?|token|secret|otp|challenge|code|authorization|cookie|api[-_]?key|credential|session|e-?mail/i;
/** Names that match the pattern above but carry no secret. */
const HARMLESS_KEY = /^(status_?code|error_?code|http_?code|code_?version)$/i;
const SENSITIVE_HEADER = /^(authorization|proxy-authorization|cookie|set-cookie|x-api-key|x-auth-token)$/i;
const MAX_DEPTH = 12;

const BEARER = /\b(Bearer|Basic)\s+[A-Za-z0-9._~+/=-]+/gi;
const JWT = /\beyJ[A-Za-z0-9_-]{5,}\.[A-Za-z0-9_-]{5,}\.[A-Za-z0-9_-]*/g;
const EMAIL = /[A-Za-z0-9._%+-]+@[A-Za-z0-9.-]+\.[A-Za-z]{2,}/g;
const URL_QUERY = /(\bhttps?:\/\/[^\s?#"'<>]+)\?[^\s#"'<>]*/gi;
const KEY_VALUE =
  /\b([A-Za-z_]*(?:password|token|secret|otp|code|challenge)[A-Za-z_]*)(\s*[=:]\s*)("[^"]*"|'[^']*'|[^\s&,;"']+)/gi;

export function isSensitiveKey(key: string): boolean {
  return SENSITIVE_KEY.test(key) && !HARMLESS_KEY.test(key);
}

/** Masks secrets that appear inside free text (messages, exception values). */
export function scrubString(value: string): string {
  return value
    .replace(BEARER, `$1 ${FILTERED}`)
    .replace(JWT, FILTERED)
    .replace(EMAIL, "[email]")
    .replace(URL_QUERY, "$1")
    .replace(KEY_VALUE, (_m, key: string, sep: string) => `${key}${sep}${FILTERED}`);
}

/** Deep copy with sensitive keys replaced and strings scrubbed. */
export function scrubValue(value: unknown, depth = 0): unknown {
  if (typeof value === "string") return scrubString(value);
  if (value === null || typeof value !== "object") return value;
  if (depth >= MAX_DEPTH) return FILTERED;
  if (Array.isArray(value)) return value.map((v) => scrubValue(v, depth + 1));
  const out: Record<string, unknown> = {};
  for (const [k, v] of Object.entries(value))
    out[k] = isSensitiveKey(k) ? FILTERED : scrubValue(v, depth + 1);
  return out;
}

/** A URL without its query string and fragment. */
export function stripQuery(url: string): string {
  const cut = url.search(/[?#]/);
  return cut < 0 ? url : url.slice(0, cut);
}

function scrubHeaders(headers: Record<string, string> | undefined): Record<string, string> | undefined {
  if (!headers) return headers;
  const out: Record<string, string> = {};
  for (const [k, v] of Object.entries(headers)) {
    if (!SENSITIVE_HEADER.test(k)) out[k] = scrubString(v);
  }
  return out;
}

export function scrubBreadcrumb(crumb: Breadcrumb): Breadcrumb {
  const out: Breadcrumb = { ...crumb };
  if (out.message) out.message = scrubString(out.message);
  if (out.data) {
    const data = scrubValue(out.data) as Record<string, unknown>;
    if (typeof data.url === "string") data.url = stripQuery(data.url);
    out.data = data;
  }
  return out;
}

/** The beforeSend hook: returns a scrubbed copy of the event. */
export function scrubEvent<E extends SentryEvent>(event: E): E {
  const out: E = { ...event };
  if (out.request) {
    const { cookies: _cookies, query_string: _query, ...request } = out.request;
    out.request = {
      ...request,
      url: request.url ? stripQuery(request.url) : request.url,
      headers: scrubHeaders(request.headers),
      data: request.data === undefined ? undefined : scrubValue(request.data),
    };
  }
  if (out.message) out.message = scrubString(out.message);
  if (out.exception?.values) {
    out.exception = {
      ...out.exception,
      values: out.exception.values.map((ex) => ({
        ...ex,
        value: ex.value ? scrubString(ex.value) : ex.value,
      })),
    };
  }
  if (out.breadcrumbs) out.breadcrumbs = out.breadcrumbs.map(scrubBreadcrumb);
  if (out.extra) out.extra = scrubValue(out.extra) as E["extra"];
  if (out.contexts) out.contexts = scrubValue(out.contexts) as E["contexts"];
  if (out.tags) out.tags = scrubValue(out.tags) as E["tags"];
  if (out.user) out.user = out.user.id === undefined ? undefined : { id: out.user.id };
  return out;
}
