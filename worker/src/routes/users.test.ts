// /api/v1/users: profile, versioned settings (last-write-wins) and sessions.
import { describe, expect, it } from "vitest";
import { call, login, register } from "../auth/testing.ts";

describe("users/me", () => {
  it("GET returns the user; PUT changes the display name", async () => {
    const a = await register();
    const me = await call("/users/me", { token: a.accessToken });
    expect(me.status).toBe(200);
    expect(me.json).toMatchObject({
      id: a.userId,
      email: a.email,
      displayName: null,
      twoFactorEnabled: false,
    });
    const put = await call("/users/me", {
      method: "PUT",
      token: a.accessToken,
      body: { displayName: "  Grace  " },
    });
    expect(put.status).toBe(200);
    expect(put.json.displayName).toBe("Grace");
    const bad = await call("/users/me", {
      method: "PUT",
      token: a.accessToken,
      body: { displayName: "x".repeat(65) },
    });
    expect(bad.status).toBe(400);
    expect(bad.json.error.fields[0].path).toBe("displayName");
  });

  it("requires a token", async () => {
    expect((await call("/users/me")).status).toBe(401);
    expect((await call("/users/settings")).status).toBe(401);
    expect((await call("/users/sessions")).status).toBe(401);
  });
});

describe("users/settings (last-write-wins with a version)", () => {
  const put = (token: string, settings: Record<string, unknown>, version: number) =>
    call("/users/settings", { method: "PUT", token, body: { settings, version } });

  it("starts empty at version 0; each accepted write returns the next version", async () => {
    const a = await register();
    const initial = await call("/users/settings", { token: a.accessToken });
    expect(initial.json).toEqual({ settings: {}, version: 0 });
    const v1 = await put(a.accessToken, { theme: "dark" }, 0);
    expect(v1.status).toBe(200);
    expect(v1.json).toEqual({ settings: { theme: "dark" }, version: 1 });
    const v2 = await put(a.accessToken, { theme: "light", pair: "EURUSD" }, 1);
    expect(v2.json.version).toBe(2);
    expect((await call("/users/settings", { token: a.accessToken })).json).toEqual({
      settings: { theme: "light", pair: "EURUSD" },
      version: 2,
    });
  });

  it("an older version -> 409 with the current settings; the stored version wins and the server sets the next", async () => {
    const a = await register();
    await put(a.accessToken, { theme: "dark" }, 0);
    await put(a.accessToken, { theme: "light" }, 1);
    const stale = await put(a.accessToken, { theme: "blue" }, 1);
    expect(stale.status).toBe(409);
    expect(stale.json.error.code).toBe("version_conflict");
    expect(stale.json.current).toEqual({ settings: { theme: "light" }, version: 2 });
    const current = await put(a.accessToken, { theme: "green" }, 2);
    expect(current.status).toBe(200);
    expect(current.json.version).toBe(3);
  });

  it("issue 13 item 5: a version the server never issued is refused and cannot break later writes", async () => {
    const a = await register();
    await put(a.accessToken, { theme: "dark" }, 0);
    for (const forged of [Number.MAX_SAFE_INTEGER, 7, 2]) {
      const r = await put(a.accessToken, { theme: "forged" }, forged);
      expect(r.status).toBe(409);
      expect(r.json.current).toEqual({ settings: { theme: "dark" }, version: 1 });
    }
    // Writes based on what the server said keep working, one version at a time.
    const next = await put(a.accessToken, { theme: "light" }, 1);
    expect(next.status).toBe(200);
    expect(next.json.version).toBe(2);
    const again = await put(a.accessToken, { theme: "blue" }, 2);
    expect(again.json).toEqual({ settings: { theme: "blue" }, version: 3 });
    // A first write must be based on 0 once something is stored? No: 0 is only for "never saved".
    const fromZero = await put(a.accessToken, { theme: "zero" }, 0);
    expect(fromZero.status).toBe(409);
  });

  it("two parallel writes based on the same version -> exactly one wins", async () => {
    const a = await register();
    const results = await Promise.all([put(a.accessToken, { n: 1 }, 0), put(a.accessToken, { n: 2 }, 0)]);
    expect(results.map((r) => r.status).sort()).toEqual([200, 409]);
  });

  it("validates the body and caps the size", async () => {
    const a = await register();
    const noVersion = await call("/users/settings", {
      method: "PUT",
      token: a.accessToken,
      body: { settings: {} },
    });
    expect(noVersion.status).toBe(400);
    const big = await put(a.accessToken, { blob: "x".repeat(70_000) }, 0);
    expect(big.status).toBe(413);
  });
});

describe("users/sessions", () => {
  it("lists sessions with the current one marked; revoking one signs that device out", async () => {
    const a = await register();
    const phone = await login(a);
    const list = await call("/users/sessions", { token: a.accessToken });
    expect(list.status).toBe(200);
    expect(list.json.sessions).toHaveLength(2);
    expect(list.json.sessions.filter((s: { current: boolean }) => s.current)).toHaveLength(1);
    const other = list.json.sessions.find((s: { current: boolean }) => !s.current);
    const del = await call(`/users/sessions/${other.id}`, { method: "DELETE", token: a.accessToken });
    expect(del.status).toBe(204);
    expect((await call("/users/me", { token: phone.json.accessToken })).status).toBe(401);
    expect((await call("/auth/refresh", { method: "POST", cookie: phone.refresh })).status).toBe(401);
    expect((await call("/users/me", { token: a.accessToken })).status).toBe(200);
    expect((await call("/users/sessions", { token: a.accessToken })).json.sessions).toHaveLength(1);
  });

  it("cannot revoke another user's session (404)", async () => {
    const a = await register();
    const b = await register();
    const bSessions = await call("/users/sessions", { token: b.accessToken });
    const id = bSessions.json.sessions[0].id;
    const r = await call(`/users/sessions/${id}`, { method: "DELETE", token: a.accessToken });
    expect(r.status).toBe(404);
    expect((await call("/users/me", { token: b.accessToken })).status).toBe(200);
  });
});
