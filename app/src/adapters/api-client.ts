/**
 * Typed client for the Worker's /api/v1. Every failure becomes an ApiError with the
 * server's {code, message}, the HTTP status and, for 429, the seconds to wait.
 *
 * Auth: the access token lives in this module's memory only (never localStorage or
 * IndexedDB); the refresh token is the server's HttpOnly cookie. A 401 on an authenticated
 * request triggers one silent refresh (shared by every request waiting on it), then the
 * request is retried once; if the refresh fails, listeners hear "signed-out".
 */
import { toast } from "../ui/toasts.tsx";

export interface Health {
  status: "ok" | "degraded";
  version: string;
  time: string;
  d1: boolean;
}

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

export interface AuthUser {
  id: string;
  email: string;
  displayName: string | null;
  twoFactorEnabled: boolean;
  createdAt: string;
}

export interface Tokens {
  accessToken: string;
  expiresIn: number;
  user: AuthUser;
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

/** A login either signs in or asks for the second factor. */
export type LoginResult = { kind: "signed-in"; tokens: Tokens } | { kind: "two-factor"; challenge: string };

export interface SettingsDoc {
  settings: Record<string, unknown>;
  version: number;
  updatedAt?: string;
}

export interface SessionInfo {
  id: string;
  createdAt: string;
  lastUsedAt: string;
  userAgent: string | null;
  current: boolean;
}

export interface TotpSetup {
  secret: string;
  otpauthUri: string;
  qrSvg: string;
}

const post = <T>(path: string, body?: unknown, extra: RequestOptions = {}) =>
  request<T>(path, { method: "POST", body, ...extra });
const noAuth: RequestOptions = { auth: false };

export const api = {
  health: () => request<Health>("/health", noAuth),

  register: async (input: { email: string; password: string; displayName?: string }) =>
    acceptTokens(await post<Tokens>("/auth/register", input, noAuth)),
  login: async (input: { email: string; password: string }): Promise<LoginResult> => {
    const res = await post<Tokens | { challenge: string; twoFactorRequired: true }>(
      "/auth/login",
      input,
      noAuth,
    );
    if ("challenge" in res) return { kind: "two-factor", challenge: res.challenge };
    return { kind: "signed-in", tokens: acceptTokens(res) };
  },
  loginTwoFactor: async (input: { challenge: string; code: string }) =>
    acceptTokens(await post<Tokens>("/auth/login-2fa", input, noAuth)),
  logout: async () => {
    try {
      await post<unknown>("/auth/logout", undefined, noAuth);
    } finally {
      clearSession();
    }
  },
  forgotPassword: (email: string) => post<unknown>("/auth/password/forgot", { email }, noAuth),
  resetPassword: (input: { token: string; password: string; code?: string }) =>
    post<unknown>("/auth/password/reset", input, noAuth),
  changePassword: (input: { currentPassword: string; newPassword: string }) =>
    post<Partial<Tokens> | undefined>("/auth/password/change", input),

  me: () => request<AuthUser>("/users/me"),
  updateMe: (input: { displayName: string }) =>
    request<AuthUser>("/users/me", { method: "PUT", body: input }),
  getSettings: () => request<SettingsDoc>("/users/settings"),
  putSettings: (doc: { settings: Record<string, unknown>; version: number }) =>
    request<SettingsDoc>("/users/settings", { method: "PUT", body: doc }),
  sessions: () => request<{ sessions: SessionInfo[] }>("/users/sessions"),
  revokeSession: (id: string) =>
    request<unknown>(`/users/sessions/${encodeURIComponent(id)}`, { method: "DELETE" }),

  totpStatus: () =>
    request<{ enabled: boolean; pendingSetup: boolean; recoveryCodesRemaining: number }>("/totp/status"),
  totpSetup: () => post<TotpSetup>("/totp/setup"),
  totpVerify: (code: string) => post<{ enabled: boolean; recoveryCodes: string[] }>("/totp/verify", { code }),
  totpDisable: (input: { password: string; code: string }) => post<unknown>("/totp/disable", input),
  totpRecoveryCodes: (code: string) => post<{ recoveryCodes: string[] }>("/totp/recovery-codes", { code }),
};
