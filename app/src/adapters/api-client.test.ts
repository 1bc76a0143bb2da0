/**
 * The API client's auth behaviour against a fake network (a scripted fetch): one shared
 * refresh for concurrent 401s and one retry, sign-out when the refresh fails, the 429
 * toast with the server's wait, clear 5xx messages, offline errors, the 2FA branch.
 */
import { afterEach, beforeEach, describe, expect, it, vi } from "vitest";

const toasts: Array<{ text: string; kind?: string }> = [];
vi.mock("../ui/toasts.tsx", () => ({ toast: (text: string, kind?: string) => toasts.push({ text, kind }) }));

const { api, ApiError, onAuthEvent, request, refreshSession, clearSession, getSessionUser } = await import(
  "./api-client.ts"
);

type Handler = (req: {
  url: string;
  method: string;
  auth?: string;
  body?: unknown;
}) => Response | Promise<Response>;
const calls: Array<{ url: string; method: string; auth?: string }> = [];

function json(status: number, body: unknown, headers: Record<string, string> = {}): Response {
  return new Response(JSON.stringify(body), {
    status,
    headers: { "Content-Type": "application/json", ...headers },
  });
}

function tokens(token: string) {
  return {
    accessToken: token,
    expiresIn: 900,
    user: { id: "u1", email: "a@example.com", displayName: null, twoFactorEnabled: false, createdAt: "x" },
  };
}

function useNetwork(handler: Handler): void {
  vi.stubGlobal("fetch", async (url: string, init: RequestInit) => {
    const headers = (init.headers ?? {}) as Record<string, string>;
    const req = {
      url,
      method: init.method ?? "GET",
      auth: headers.Authorization,
      body: init.body ? JSON.parse(String(init.body)) : undefined,
    };
    calls.push(req);
    return handler(req);
  });
}

beforeEach(() => {
  calls.length = 0;
  toasts.length = 0;
  vi.stubGlobal("navigator", { onLine: true });
  clearSession();
});
afterEach(() => vi.unstubAllGlobals());

describe("silent refresh", () => {
  it("shares one refresh between concurrent 401s and retries each request once with the new token", async () => {
    let release: () => void = () => {};
    const refreshGate = new Promise<void>((r) => {
      release = r;
    });
    useNetwork(async (req) => {
      if (req.url.endsWith("/auth/refresh")) {
        await refreshGate;
        return json(200, tokens("new-token"));
      }
      return req.auth === "Bearer new-token"
        ? json(200, { path: req.url })
        : json(401, { error: { code: "unauthorized", message: "x" } });
    });
    const a = request<{ path: string }>("/users/settings");
    const b = request<{ path: string }>("/users/sessions");
    const c = request<{ path: string }>("/totp/status");
    await new Promise((r) => setTimeout(r, 10));
    release();
    expect(await Promise.all([a, b, c])).toEqual([
      { path: "/api/v1/users/settings" },
      { path: "/api/v1/users/sessions" },
      { path: "/api/v1/totp/status" },
    ]);
    expect(calls.filter((c) => c.url.endsWith("/auth/refresh"))).toHaveLength(1);
    expect(calls.filter((c) => c.auth === "Bearer new-token")).toHaveLength(3);
    expect(getSessionUser()?.id).toBe("u1");
  });

  it("signs out when the refresh is refused, and does not retry", async () => {
    const events: string[] = [];
    const off = onAuthEvent((e) => events.push(e.type));
    useNetwork((req) =>
      req.url.endsWith("/auth/refresh")
        ? json(401, { error: { code: "unauthorized", message: "Your session ended. Sign in again." } })
        : json(401, { error: { code: "unauthorized", message: "Sign in first." } }),
    );
    const err = (await request("/users/me").catch((e: unknown) => e)) as InstanceType<typeof ApiError>;
    off();
    expect(err).toBeInstanceOf(ApiError);
    expect(err.status).toBe(401);
    expect(calls.map((c) => c.url)).toEqual(["/api/v1/users/me", "/api/v1/auth/refresh"]);
    expect(events).toEqual(["signed-out"]);
  });

  it("a 401 that survives the refresh is returned, not looped", async () => {
    useNetwork((req) =>
      req.url.endsWith("/auth/refresh")
        ? json(200, tokens("t2"))
        : json(401, { error: { code: "unauthorized", message: "no" } }),
    );
    await expect(request("/users/me")).rejects.toMatchObject({ status: 401 });
    expect(calls).toHaveLength(3);
  });

  it("login and other auth endpoints never trigger a refresh", async () => {
    useNetwork(() =>
      json(401, { error: { code: "invalid_credentials", message: "Email or password is wrong." } }),
    );
    await expect(api.login({ email: "a@example.com", password: "x" })).rejects.toMatchObject({
      code: "invalid_credentials",
      message: "Email or password is wrong.",
    });
    expect(calls).toHaveLength(1);
  });

  it("a start-up refresh answering 'no session' after a sign-in does not sign the user out", async () => {
    let release: () => void = () => {};
    const refreshGate = new Promise<void>((r) => {
      release = r;
    });
    useNetwork(async (req) => {
      if (req.url.endsWith("/auth/refresh")) {
        await refreshGate; // no cookie yet: the answer is 401, but it arrives late
        return json(401, { error: { code: "unauthorized", message: "No refresh cookie: sign in again." } });
      }
      if (req.url.endsWith("/auth/login")) return json(200, tokens("login-token"));
      return json(200, { auth: req.auth ?? null });
    });
    const events: string[] = [];
    const off = onAuthEvent((e) => events.push(e.type));
    const restoring = refreshSession();
    await api.login({ email: "a@example.com", password: "pw" });
    release();
    expect((await restoring)?.accessToken).toBe("login-token");
    off();
    expect(events).toEqual(["tokens"]);
    expect(getSessionUser()?.id).toBe("u1");
    expect(await request("/users/me")).toEqual({ auth: "Bearer login-token" });
  });

  it("refreshSession throws (and keeps the session) when the server cannot be reached", async () => {
    vi.stubGlobal("fetch", async () => {
      throw new TypeError("Failed to fetch");
    });
    await expect(refreshSession()).rejects.toMatchObject({ code: "offline" });
  });
});

describe("errors", () => {
  it("429: toast with the Retry-After wait, and retryAfterSeconds on the error", async () => {
    useNetwork(() =>
      json(429, { error: { code: "rate_limited", message: "Too many requests" } }, { "Retry-After": "42" }),
    );
    const err = await api.login({ email: "a@example.com", password: "x" }).catch((e) => e);
    expect(err).toMatchObject({ status: 429, code: "rate_limited", retryAfterSeconds: 42 });
    expect(toasts).toEqual([{ text: "Too many attempts — try again in 42 s", kind: "error" }]);
  });

  it("5xx without a JSON body gets a clear message; with one, the server's message", async () => {
    useNetwork(() => new Response("<html>Bad gateway</html>", { status: 502 }));
    await expect(api.health()).rejects.toMatchObject({
      status: 502,
      message: expect.stringContaining("The service is unavailable right now (HTTP 502)"),
    });
    useNetwork(() =>
      json(500, { error: { code: "internal", message: "Something went wrong on our side." } }),
    );
    await expect(api.health()).rejects.toMatchObject({
      code: "internal",
      message: "Something went wrong on our side.",
    });
  });

  it("offline: no request is sent and the error says a network is needed", async () => {
    vi.stubGlobal("navigator", { onLine: false });
    useNetwork(() => json(200, {}));
    await expect(api.forgotPassword("a@example.com")).rejects.toMatchObject({
      code: "offline",
      message: expect.stringContaining("needs a network connection"),
    });
    expect(calls).toHaveLength(0);
  });

  it("field errors and the 409 body are kept on the error", async () => {
    useNetwork(() =>
      json(409, {
        error: { code: "version_conflict", message: "changed" },
        current: { settings: { a: 1 }, version: 7 },
      }),
    );
    const err = await api.putSettings({ settings: {}, version: 1 }).catch((e) => e);
    expect(err.body.current.version).toBe(7);
  });
});

describe("login", () => {
  it("a 2FA account gets the challenge branch and no tokens", async () => {
    const events: string[] = [];
    const off = onAuthEvent((e) => events.push(e.type));
    useNetwork(() => json(200, { challenge: "c-1", twoFactorRequired: true }));
    expect(await api.login({ email: "a@example.com", password: "pw" })).toEqual({
      kind: "two-factor",
      challenge: "c-1",
    });
    off();
    expect(events).toEqual([]);
    expect(getSessionUser()).toBeNull();
  });

  it("tokens are kept in memory and sent as Bearer; logout forgets them", async () => {
    useNetwork((req) => {
      if (req.url.endsWith("/auth/login")) return json(200, tokens("tok-1"));
      if (req.url.endsWith("/auth/logout")) return new Response(null, { status: 204 });
      return json(200, { auth: req.auth ?? null });
    });
    await api.login({ email: "a@example.com", password: "pw" });
    expect(await request("/users/me")).toEqual({ auth: "Bearer tok-1" });
    await api.logout();
    expect(getSessionUser()).toBeNull();
  });
});
