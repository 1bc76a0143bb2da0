/**
 * The client's contract with the Worker. The type checks below are enforced by
 * `tsc -p app` (part of `npm run typecheck`): every `@ts-expect-error` must stay an error,
 * so a client that accepted a body, path or answer the Worker's routes do not define would
 * fail the typecheck. The runtime checks cover how `call` builds the request.
 */
import { afterEach, beforeEach, describe, expect, it, vi } from "vitest";

vi.mock("../ui/toasts.tsx", () => ({ toast: () => {} }));

const { call, clearSession } = await import("./api-client.ts");
type ApiResponseOf = import("./api-client.ts").ApiResponse<"/users/me", "get">;

const sent: Array<{ url: string; method: string; body?: unknown }> = [];

beforeEach(() => {
  sent.length = 0;
  vi.stubGlobal("navigator", { onLine: true });
  vi.stubGlobal("fetch", async (url: string, init: RequestInit) => {
    sent.push({
      url,
      method: init.method ?? "GET",
      body: init.body ? JSON.parse(String(init.body)) : undefined,
    });
    return new Response(JSON.stringify({ ok: true }), { status: 200 });
  });
  clearSession();
});
afterEach(() => vi.unstubAllGlobals());

/** Never called: only compiled. Each marked line must be a type error. */
function contractTypeChecks(): unknown[] {
  const user: ApiResponseOf = {
    id: "u",
    email: "a@example.com",
    displayName: null,
    twoFactorEnabled: false,
    createdAt: "2026-01-01T00:00:00Z",
  };
  return [
    user,
    // @ts-expect-error misspelt field: POST /auth/login takes {email, password}
    call("post", "/auth/login", { body: { email: "a@example.com", pasword: "x" } }),
    // @ts-expect-error missing required field `password`
    call("post", "/auth/login", { body: { email: "a@example.com" } }),
    // @ts-expect-error the route takes a body
    call("post", "/auth/login"),
    // @ts-expect-error no such route
    call("get", "/users/nope"),
    // @ts-expect-error /health answers GET only
    call("delete", "/health"),
    // @ts-expect-error the path parameter `id` is required
    call("delete", "/users/sessions/{id}"),
    // @ts-expect-error version is a number in the Settings schema
    call("put", "/users/settings", { body: { settings: {}, version: "1" } }),
    call("get", "/users/me").then((me) => {
      // @ts-expect-error the User schema has no `name` (it is `displayName`)
      return me.name;
    }),
    call("get", "/totp/status").then((s) => s.recoveryCodesRemaining.toFixed(0)),
  ];
}

describe("call", () => {
  it("sends the route's method and JSON body to /api/v1 + path", async () => {
    await call("post", "/auth/login", { body: { email: "a@example.com", password: "pw" }, auth: false });
    expect(sent).toEqual([
      { url: "/api/v1/auth/login", method: "POST", body: { email: "a@example.com", password: "pw" } },
    ]);
  });

  it("fills path parameters, encoded", async () => {
    await call("delete", "/users/sessions/{id}", { params: { id: "a/b c" } });
    expect(sent.map((s) => [s.method, s.url])).toEqual([["DELETE", "/api/v1/users/sessions/a%2Fb%20c"]]);
  });

  it("contract type checks compile (see contractTypeChecks)", () => {
    expect(typeof contractTypeChecks).toBe("function");
  });
});
