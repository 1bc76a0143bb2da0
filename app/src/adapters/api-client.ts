/**
 * Typed client for the Worker's /api/v1. Every failure becomes an ApiError with the
 * server's {code, message}, the HTTP status and, for 429, the seconds to wait.
 *
 * Auth: the access token lives in this module's memory only (never localStorage or
 * IndexedDB); the refresh token is the server's HttpOnly cookie. A 401 on an authenticated
 * request triggers one silent refresh (shared by every request waiting on it), then the
 * request is retried once; if the refresh fails, listeners hear "signed-out".
 *
 * One contract: request bodies, path parameters and answers are typed from the Worker's
 * own route definitions (zod-openapi) through api-contract.gen.ts, which `npm run typecheck`
 * regenerates from the Worker's OpenAPI document first. A route change the app does not
 * follow therefore fails the typecheck, and nothing here copies a server schema by hand.
 *
 * Adding a call for a new route (relay, connector, trading, AI chat, ...):
 *   1. Define the route with createRoute in worker/src/routes/<feature>.ts, chain it with
 *      `.openapi(route, handler)` and mount the sub-app in worker/src/routes/index.ts.
 *   2. Run `npm run api:contract` (or `npm run typecheck`): it regenerates
 *      app/src/adapters/api-contract.gen.ts (a build product, not committed).
 *   3. Call it with `call(method, path, input)`, path exactly as in the OpenAPI document:
 *        const trades = await call("get", "/trading/trades", { query: { limit: 50 } });
 *        await call("delete", "/users/sessions/{id}", { params: { id } });
 *        await call("post", "/relay/pair", { body: { code } });
 *      The body, params and query are checked against the route, and the answer has the
 *      type of the route's 2xx JSON response (ApiResponse<path, method>). Options such as
 *      `auth: false` (public routes) and `quietRateLimit` go in the same object. Optionally
 *      add a named wrapper to `api` below. Streams (e.g. /ai/chat, text/event-stream) use
 *      `send`-level code of their own; `request` stays for paths outside the contract.
 */
import { toast } from "../ui/toasts.tsx";
import type { ApiPaths, ApiSchemas } from "./api-contract.gen.ts";

export type { ApiPaths, ApiSchemas };
export type Health = ApiSchemas["Health"];
export type AuthUser = ApiSchemas["User"];
export type Tokens = ApiSchemas["Tokens"];
export type SettingsDoc = ApiSchemas["Settings"];
export type SessionInfo = ApiSchemas["Session"];

export interface FieldProblem {
  path: string;
  message: string;
}

export class ApiError extends Error {
  readonly status: number;
  readonly code: string;
  readonly retryAfterSeconds?: number;
  readonly fields?: FieldProblem[];
  /** The parsed error body (e.g. the current settings carried by a 409). */
  readonly body?: unknown;
  constructor(init: {
    status: number;
    code: string;
    message: string;
    retryAfterSeconds?: number;
    fields?: FieldProblem[];
    body?: unknown;
  }) {
    super(init.message);
    this.name = "ApiError";
    this.status = init.status;
    this.code = init.code;
    this.retryAfterSeconds = init.retryAfterSeconds;
    this.fields = init.fields;
    this.body = init.body;
  }
}

export interface RequestOptions {
  method?: string;
  body?: unknown;
  headers?: Record<string, string>;
  signal?: AbortSignal;
  /** Send the access token and refresh silently on 401 (default true). */
  auth?: boolean;
  /** Do not show the 429 toast (the caller reports it itself). */
  quietRateLimit?: boolean;
}

export type AuthEvent = { type: "tokens"; tokens: Tokens } | { type: "signed-out" };

const BASE = "/api/v1";
export const OFFLINE_MESSAGE = "This needs a network connection — you are offline.";
const UNREACHABLE_MESSAGE = "This needs a network connection, and the server could not be reached.";

let accessToken: string | null = null;
let sessionUser: AuthUser | null = null;
let sessionTokens: Tokens | null = null;
/** Bumped on every sign-in and sign-out: a refresh answer older than that is stale. */
let sessionEpoch = 0;
let refreshInFlight: Promise<Tokens | null> | null = null;
const listeners = new Set<(event: AuthEvent) => void>();

/** Subscribes to sign-in (new tokens) and sign-out events; returns the unsubscribe function. */
export function onAuthEvent(listener: (event: AuthEvent) => void): () => void {
  listeners.add(listener);
  return () => listeners.delete(listener);
}

function emit(event: AuthEvent): void {
  for (const l of listeners) l(event);
}

/** Stores new tokens (in memory) and tells listeners. */
export function acceptTokens(tokens: Tokens): Tokens {
  sessionEpoch++;
  sessionTokens = tokens;
  accessToken = tokens.accessToken;
  sessionUser = tokens.user;
  emit({ type: "tokens", tokens });
  return tokens;
}

/** Forgets the access token and tells listeners the user is signed out. */
export function clearSession(): void {
  sessionEpoch++;
  sessionTokens = null;
  accessToken = null;
  sessionUser = null;
  emit({ type: "signed-out" });
}

export function hasAccessToken(): boolean {
  return accessToken !== null;
}

/** The user of the current session (not reactive; see features/auth/session.ts). */
export function getSessionUser(): AuthUser | null {
  return sessionUser;
}

function isOffline(): boolean {
  return typeof navigator !== "undefined" && navigator.onLine === false;
}

function offlineError(message = OFFLINE_MESSAGE): ApiError {
  return new ApiError({ status: 0, code: "offline", message });
}

function serverErrorMessage(status: number, serverMessage: string | undefined): string {
  if (serverMessage) return serverMessage;
  if (status === 502 || status === 503 || status === 504)
    return `The service is unavailable right now (HTTP ${status}). Local features keep working; try again in a moment.`;
  return `The server had a problem (HTTP ${status}). Try again in a moment.`;
}

async function toApiError(res: Response, quietRateLimit: boolean): Promise<ApiError> {
  const text = await res.text();
  const data = text ? safeJson(text) : undefined;
  const err = (data as { error?: { code?: string; message?: string; fields?: FieldProblem[] } } | undefined)
    ?.error;
  const retry = Number(res.headers.get("Retry-After"));
  const retryAfterSeconds = Number.isFinite(retry) && retry > 0 ? Math.ceil(retry) : undefined;
  if (res.status === 429 && !quietRateLimit)
    toast(`Too many attempts — try again in ${retryAfterSeconds ?? 60} s`, "error");
  return new ApiError({
    status: res.status,
    code: err?.code ?? `http_${res.status}`,
    message:
      res.status >= 500
        ? serverErrorMessage(res.status, err?.message)
        : (err?.message ?? `Request failed (HTTP ${res.status}).`),
    retryAfterSeconds,
    fields: err?.fields,
    body: data,
  });
}

async function send(path: string, options: RequestOptions, withToken: boolean): Promise<Response> {
  if (isOffline()) throw offlineError();
  const headers: Record<string, string> = { Accept: "application/json", ...options.headers };
  if (options.body !== undefined) headers["Content-Type"] = "application/json";
  if (withToken && accessToken) headers.Authorization = `Bearer ${accessToken}`;
  try {
    return await fetch(`${BASE}${path}`, {
      method: options.method ?? "GET",
      headers,
      body: options.body === undefined ? undefined : JSON.stringify(options.body),
      credentials: "same-origin",
      signal: options.signal,
    });
  } catch (e) {
    if ((e as Error).name === "AbortError") throw e;
    throw offlineError(UNREACHABLE_MESSAGE);
  }
}

async function parse<T>(res: Response): Promise<T> {
  const text = await res.text();
  return (text ? safeJson(text) : undefined) as T;
}

/** Sends one request and parses JSON; throws ApiError on any failure, offline included. */
export async function request<T>(path: string, options: RequestOptions = {}): Promise<T> {
  const auth = options.auth ?? true;
  const quiet = options.quietRateLimit ?? false;
  let res = await send(path, options, auth);
  if (res.status === 401 && auth) {
    const hadToken = accessToken !== null;
    const tokens = await refreshSession();
    if (!tokens) {
      if (hadToken) toast("Your session has ended — sign in again.", "info");
      throw await toApiError(res, quiet);
    }
    res = await send(path, options, true);
  }
  if (res.ok) return parse<T>(res);
  throw await toApiError(res, quiet);
}

/**
 * Like `request` (auth, silent refresh, ApiError on failure) but answers the raw Response
 * once it is 2xx, for streamed bodies such as the AI chat's server-sent events.
 */
export async function requestStream(path: string, options: RequestOptions = {}): Promise<Response> {
  const quiet = options.quietRateLimit ?? false;
  const withStream = { ...options, headers: { Accept: "text/event-stream", ...options.headers } };
  let res = await send(path, withStream, true);
  if (res.status === 401) {
    const tokens = await refreshSession();
    if (!tokens) throw await toApiError(res, quiet);
    res = await send(path, withStream, true);
  }
  if (res.ok) return res;
  throw await toApiError(res, quiet);
}

/**
 * Exchanges the refresh cookie for new tokens. Concurrent callers share one request.
 * Resolves null when there is no valid session (and signs out); throws when the server
 * cannot be reached or refuses for another reason (the session may still be valid).
 */
export function refreshSession(): Promise<Tokens | null> {
  if (!refreshInFlight) {
    refreshInFlight = doRefresh().finally(() => {
      refreshInFlight = null;
    });
  }
  return refreshInFlight;
}

async function doRefresh(): Promise<Tokens | null> {
  const epoch = sessionEpoch;
  const res = await send("/auth/refresh", { method: "POST", quietRateLimit: true }, false);
  const ended = res.status === 401 || res.status === 400 || res.status === 403;
  if (!res.ok && !ended) throw await toApiError(res, true);
  const tokens = res.ok ? await parse<Tokens>(res) : null;
  // A sign-in or sign-out finished while this was on its way (e.g. the start-up refresh
  // answering "no session" after the user signed in): the newer state stands.
  if (epoch !== sessionEpoch) return sessionTokens;
  if (tokens) return acceptTokens(tokens);
  clearSession();
  return null;
}

function safeJson(text: string): unknown {
  try {
    return JSON.parse(text);
  } catch {
    return undefined;
  }
}

type Method = "get" | "post" | "put" | "patch" | "delete";
/** A path of the API exactly as in the OpenAPI document, e.g. "/users/sessions/{id}". */
export type ApiPath = keyof ApiPaths;
/** The methods a path answers. */
export type ApiMethod<P extends ApiPath> = Extract<keyof ApiPaths[P], Method>;
type Operation<P extends ApiPath, M extends ApiMethod<P>> = ApiPaths[P][M] & {
  params: unknown;
  query: unknown;
  body: unknown;
  responses: unknown;
};
type SuccessStatus = 200 | 201 | 202 | 204;
type Responses<P extends ApiPath, M extends ApiMethod<P>> = Operation<P, M>["responses"];
/** The JSON answer of a route's 2xx responses (undefined for 204). */
export type ApiResponse<P extends ApiPath, M extends ApiMethod<P>> = Responses<P, M>[Extract<
  keyof Responses<P, M>,
  SuccessStatus
>];
/** The JSON body a route accepts. */
export type ApiBody<P extends ApiPath, M extends ApiMethod<P>> = Operation<P, M>["body"];

type NoParams = Record<string, never>;
/** What `call` takes for a route: its body, path parameters and query, plus request options. */
export type CallInput<P extends ApiPath, M extends ApiMethod<P>> = Omit<RequestOptions, "method" | "body"> &
  (Operation<P, M>["body"] extends undefined ? { body?: undefined } : { body: Operation<P, M>["body"] }) &
  (Operation<P, M>["params"] extends NoParams
    ? { params?: undefined }
    : { params: Operation<P, M>["params"] }) &
  (Operation<P, M>["query"] extends NoParams ? { query?: undefined } : { query?: Operation<P, M>["query"] });
type CallArgs<P extends ApiPath, M extends ApiMethod<P>> = Operation<P, M>["body"] extends undefined
  ? Operation<P, M>["params"] extends NoParams
    ? [input?: CallInput<P, M>]
    : [input: CallInput<P, M>]
  : [input: CallInput<P, M>];

/** "/users/sessions/{id}" with params {id} -> "/users/sessions/abc", plus the query string. */
function fillPath(path: string, params?: Record<string, unknown>, query?: Record<string, unknown>): string {
  const filled = path.replace(/\{(\w+)\}/g, (_m, name: string) => {
    const value = params?.[name];
    if (value === undefined) throw new Error(`Missing path parameter "${name}" for ${path}`);
    return encodeURIComponent(String(value));
  });
  const search = new URLSearchParams();
  for (const [k, v] of Object.entries(query ?? {})) if (v !== undefined) search.set(k, String(v));
  const qs = search.toString();
  return qs ? `${filled}?${qs}` : filled;
}

/**
 * Calls one route of the contract: body, path parameters and answer are typed from the
 * Worker's route definition. Same behaviour as `request` (auth, refresh, errors, 429 toast).
 */
export function call<P extends ApiPath, M extends ApiMethod<P>>(
  method: M,
  path: P,
  ...[input]: CallArgs<P, M>
): Promise<ApiResponse<P, M>> {
  const { params, query, body, ...options } = (input ?? {}) as CallInput<P, M> & {
    params?: Record<string, unknown>;
    query?: Record<string, unknown>;
    body?: unknown;
  };
  return request<ApiResponse<P, M>>(fillPath(path, params, query), {
    ...options,
    method: method.toUpperCase(),
    body,
  });
}

/** A login either signs in or asks for the second factor. */
export type LoginResult = { kind: "signed-in"; tokens: Tokens } | { kind: "two-factor"; challenge: string };

export type TotpSetup = ApiResponse<"/totp/setup", "post">;

type Body<P extends ApiPath, M extends ApiMethod<P>> = ApiBody<P, M>;

/** Named calls used by the app's pages (each one a typed `call`). */
export const api = {
  health: () => call("get", "/health", { auth: false }),

  register: async (body: Body<"/auth/register", "post">) =>
    acceptTokens(await call("post", "/auth/register", { body, auth: false })),
  login: async (body: Body<"/auth/login", "post">): Promise<LoginResult> => {
    const res = await call("post", "/auth/login", { body, auth: false });
    if ("challenge" in res) return { kind: "two-factor", challenge: res.challenge };
    return { kind: "signed-in", tokens: acceptTokens(res) };
  },
  loginTwoFactor: async (body: Body<"/auth/login-2fa", "post">) =>
    acceptTokens(await call("post", "/auth/login-2fa", { body, auth: false })),
  logout: async () => {
    try {
      await call("post", "/auth/logout", { auth: false });
    } finally {
      clearSession();
    }
  },
  forgotPassword: (email: string) => call("post", "/auth/password/forgot", { body: { email }, auth: false }),
  resetPassword: (body: Body<"/auth/password/reset", "post">) =>
    call("post", "/auth/password/reset", { body, auth: false }),
  changePassword: (body: Body<"/auth/password/change", "post">) =>
    call("post", "/auth/password/change", { body }),

  me: () => call("get", "/users/me"),
  updateMe: (body: Body<"/users/me", "put">) => call("put", "/users/me", { body }),
  getSettings: () => call("get", "/users/settings"),
  putSettings: (body: Body<"/users/settings", "put">) => call("put", "/users/settings", { body }),
  sessions: () => call("get", "/users/sessions"),
  revokeSession: (id: string) => call("delete", "/users/sessions/{id}", { params: { id } }),

  totpStatus: () => call("get", "/totp/status"),
  totpSetup: () => call("post", "/totp/setup"),
  totpVerify: (code: string) => call("post", "/totp/verify", { body: { code } }),
  totpDisable: (body: Body<"/totp/disable", "post">) => call("post", "/totp/disable", { body }),
  totpRecoveryCodes: (code: string) => call("post", "/totp/recovery-codes", { body: { code } }),
};
