/**
 * Typed client for the Worker's /api/v1. Every failure becomes an ApiError with the
 * server's {code, message}, the HTTP status and, for 429, the seconds to wait.
 */

export interface Health {
  status: "ok" | "degraded";
  version: string;
  time: string;
  d1: boolean;
}

export class ApiError extends Error {
  readonly status: number;
  readonly code: string;
  readonly retryAfterSeconds?: number;
  readonly fields?: Array<{ path: string; message: string }>;
  constructor(init: {
    status: number;
    code: string;
    message: string;
    retryAfterSeconds?: number;
    fields?: Array<{ path: string; message: string }>;
  }) {
    super(init.message);
    this.name = "ApiError";
    this.status = init.status;
    this.code = init.code;
    this.retryAfterSeconds = init.retryAfterSeconds;
    this.fields = init.fields;
  }
}

export interface RequestOptions {
  method?: string;
  body?: unknown;
  headers?: Record<string, string>;
  signal?: AbortSignal;
}

const BASE = "/api/v1";

/** Sends one request and parses JSON; throws ApiError on any failure, offline included. */
export async function request<T>(path: string, options: RequestOptions = {}): Promise<T> {
  const headers: Record<string, string> = { Accept: "application/json", ...options.headers };
  if (options.body !== undefined) headers["Content-Type"] = "application/json";
  let res: Response;
  try {
    res = await fetch(`${BASE}${path}`, {
      method: options.method ?? "GET",
      headers,
      body: options.body === undefined ? undefined : JSON.stringify(options.body),
      credentials: "same-origin",
      signal: options.signal,
    });
  } catch {
    throw new ApiError({
      status: 0,
      code: "offline",
      message: "This needs a network connection, and the server could not be reached.",
    });
  }
  const text = await res.text();
  const data = text ? safeJson(text) : undefined;
  if (res.ok) return data as T;
  const err = (
    data as
      | { error?: { code?: string; message?: string; fields?: Array<{ path: string; message: string }> } }
      | undefined
  )?.error;
  const retry = Number(res.headers.get("Retry-After"));
  throw new ApiError({
    status: res.status,
    code: err?.code ?? `http_${res.status}`,
    message:
      err?.message ??
      (res.status >= 500
        ? "The server had a problem. Try again in a moment."
        : `Request failed (${res.status}).`),
    retryAfterSeconds: Number.isFinite(retry) && retry > 0 ? retry : undefined,
    fields: err?.fields,
  });
}

function safeJson(text: string): unknown {
  try {
    return JSON.parse(text);
  } catch {
    return undefined;
  }
}

export const api = {
  health: () => request<Health>("/health"),
};
