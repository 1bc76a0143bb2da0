// Checklist items 12-15: revocation, refresh-token rotation and reuse, atomic rotation, cookie.
import { afterEach, describe, expect, it, vi } from "vitest";
import { sha256 } from "./crypto-utils.ts";
import { REFRESH_GRACE_MS, SESSION_ABSOLUTE_MS, SESSION_IDLE_MS } from "./session.ts";
import { call, env, fakeClock, login, register, registerWith2fa, totpAt } from "./testing.ts";

afterEach(() => vi.restoreAllMocks());

const refresh = (cookie: string) => call("/auth/refresh", { method: "POST", cookie });
const me = (token: string) => call("/users/me", { token });

describe("item 12: revocation before expiry", () => {
  it("item 12: right after logout the access token -> 401", async () => {
    const a = await register();
    expect((await me(a.accessToken)).status).toBe(200);
    const out = await call("/auth/logout", { method: "POST", cookie: a.refresh, token: a.accessToken });
    expect(out.status).toBe(204);
    const after = await me(a.accessToken);
    expect(after.status).toBe(401);
    expect(after.json.error.code).toBe("unauthorized");
  });

  it("item 12: logout with only the cookie also kills that session's access token", async () => {
    const a = await register();
    await call("/auth/logout", { method: "POST", cookie: a.refresh });
    expect((await me(a.accessToken)).status).toBe(401);
  });

  it("item 12: a password change makes every older access token fail (this and other devices)", async () => {
    const a = await register();
    const other = await login(a);
    const changed = await call("/auth/password/change", {
      token: a.accessToken,
      body: { currentPassword: a.password, newPassword: "another strong phrase 7" },
    });
    expect(changed.status).toBe(200);
    expect((await me(a.accessToken)).status).toBe(401);
    expect((await me(other.json.accessToken)).status).toBe(401);
    expect((await refresh(other.refresh as string)).status).toBe(401);
    expect((await me(changed.json.accessToken)).status).toBe(200);
  });

  it("item 12: turning 2FA on signs out other sessions; the current one stays", async () => {
    const a = await register();
    const other = await login(a);
    const setup = await call("/totp/setup", { method: "POST", token: a.accessToken });
    const verify = await call("/totp/verify", {
      token: a.accessToken,
      body: { code: await totpAt(setup.json.secret) },
    });
    expect(verify.status).toBe(200);
    expect((await me(other.json.accessToken)).status).toBe(401);
    expect((await refresh(other.refresh as string)).status).toBe(401);
    expect((await me(a.accessToken)).status).toBe(200);
  });
});

describe("item 13: refresh tokens are opaque, hashed, rotated; reuse revokes the family", () => {
  it("item 13: opaque and stored only as a hash", async () => {
    const a = await register();
    expect(a.refresh).toMatch(/^[A-Za-z0-9_-]{43}$/);
    expect(a.refresh.split(".")).toHaveLength(1);
    const plain = await env.DB.prepare("SELECT COUNT(*) AS n FROM refresh_tokens WHERE token_hash = ?")
      .bind(a.refresh)
      .first<{ n: number }>();
    expect(plain?.n).toBe(0);
    const hashed = await env.DB.prepare("SELECT COUNT(*) AS n FROM refresh_tokens WHERE token_hash = ?")
      .bind(await sha256(a.refresh))
      .first<{ n: number }>();
    expect(hashed?.n).toBe(1);
  });

  it("item 13: every refresh rotates; reusing an old token revokes the whole family, other devices unaffected", async () => {
    const a = await register();
    const laptop = await login(a);
    const r1 = await refresh(a.refresh);
    const r2 = await refresh(r1.refresh as string);
    expect(new Set([a.refresh, r1.refresh, r2.refresh]).size).toBe(3);
    // The attacker replays the first token after the legitimate client moved on.
    const reuse = await refresh(a.refresh);
    expect(reuse.status).toBe(401);
    expect((await refresh(r2.refresh as string)).status).toBe(401);
    expect((await me(r2.json.accessToken)).status).toBe(401);
    // The laptop is another family: still signed in.
    expect((await me(laptop.json.accessToken)).status).toBe(200);
    expect((await refresh(laptop.refresh as string)).status).toBe(200);
    const logged = await env.DB.prepare(
      "SELECT COUNT(*) AS n FROM auth_events WHERE type = 'refresh_reuse'",
    ).first<{
      n: number;
    }>();
    expect(logged?.n).toBeGreaterThan(0);
  });

  it("item 13: reuse after the grace period (successor unused) also revokes the family", async () => {
    const clock = fakeClock();
    const a = await register();
    const r1 = await refresh(a.refresh);
    clock.advance(REFRESH_GRACE_MS + 1);
    expect((await refresh(a.refresh)).status).toBe(401);
    expect((await refresh(r1.refresh as string)).status).toBe(401);
  });
});

describe("item 14: rotation is atomic in D1", () => {
  it("item 14: 10 parallel refreshes of one token -> all signed in with the same successor, family intact", async () => {
    const a = await register();
    const results = await Promise.all(Array.from({ length: 10 }, () => refresh(a.refresh)));
    expect(results.map((r) => r.status)).toEqual(Array(10).fill(200));
    const successors = new Set(results.map((r) => r.refresh));
    expect(successors.size).toBe(1);
    const [successor] = successors;
    expect(successor).not.toBe(a.refresh);
    const rows = await env.DB.prepare(
      "SELECT COUNT(*) AS n FROM refresh_tokens t JOIN sessions s ON s.id = t.session_id WHERE s.user_id = ?",
    )
      .bind(a.userId)
      .first<{ n: number }>();
    expect(rows?.n).toBe(2);
    const next = await refresh(successor as string);
    expect(next.status).toBe(200);
    expect((await me(next.json.accessToken)).status).toBe(200);
  });
});

describe("item 15: refresh cookie attributes and lifetimes", () => {
  it("item 15: HttpOnly; Secure; SameSite=Strict; Path=/api/v1/auth; never in the body", async () => {
    const a = await register();
    const r = await call("/auth/login", {
      origin: "https://forex.example",
      body: { email: a.email, password: a.password },
    });
    const cookie = r.setCookie ?? "";
    expect(cookie).toMatch(/^fx_refresh=[A-Za-z0-9_-]{43};/);
    for (const attr of [
      "HttpOnly",
      "Secure",
      "SameSite=Strict",
      "Path=/api/v1/auth",
      `Max-Age=${SESSION_IDLE_MS / 1000}`,
    ]) {
      expect(cookie).toContain(attr);
    }
    expect(r.text).not.toContain(r.refresh);
    const plainRemote = await call("/auth/refresh", {
      origin: "http://forex.example",
      method: "POST",
      cookie: r.refresh,
    });
    expect(plainRemote.setCookie).toContain("Secure");
  });

  it("item 15: Secure is dropped only for plain http on localhost/127.0.0.1", async () => {
    const a = await register();
    for (const origin of ["http://localhost", "http://127.0.0.1:8787"]) {
      const r = await call("/auth/login", { origin, body: { email: a.email, password: a.password } });
      expect(r.setCookie).toContain("HttpOnly");
      expect(r.setCookie).not.toContain("Secure");
    }
  });

  it("item 15: idle lifetime: a refresh token unused for 7 days stops working", async () => {
    const clock = fakeClock();
    const a = await register();
    clock.advance(SESSION_IDLE_MS + 1);
    expect((await refresh(a.refresh)).status).toBe(401);
  });

  it("item 15: absolute lifetime: even an active session ends after 30 days", async () => {
    const clock = fakeClock();
    const a = await register();
    let token = a.refresh;
    for (let day = 6; day < 30; day += 6) {
      clock.advance(6 * 24 * 3600_000);
      const r = await refresh(token);
      expect(r.status).toBe(200);
      const maxAge = Number(/Max-Age=(\d+)/.exec(r.setCookie ?? "")?.[1]);
      expect(maxAge * 1000).toBeLessThanOrEqual(SESSION_ABSOLUTE_MS - day * 24 * 3600_000);
      token = r.refresh as string;
    }
    clock.advance(6 * 24 * 3600_000 + 1);
    expect((await refresh(token)).status).toBe(401);
  });
});

describe("2FA users and sessions", () => {
  it("a 2FA login creates its own family that refreshes normally", async () => {
    const clock = fakeClock();
    const a = await registerWith2fa();
    clock.advance(30_000);
    const step1 = await login(a);
    const step2 = await call("/auth/login-2fa", {
      body: { challenge: step1.json.challenge, code: await totpAt(a.secret) },
    });
    expect(step2.status).toBe(200);
    expect((await refresh(step2.refresh as string)).status).toBe(200);
  });
});
