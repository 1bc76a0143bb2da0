// /api/v1/auth contract and checklist items 2, 7 and 32 (workerd).
import { afterEach, describe, expect, it, vi } from "vitest";
import { pbkdf2 } from "../auth/password.ts";
import {
  call,
  env,
  fakeClock,
  PASSWORD,
  register,
  registerWith2fa,
  totpAt,
  uniqueEmail,
} from "../auth/testing.ts";

afterEach(() => vi.restoreAllMocks());

async function activeSessions(userId: string): Promise<number> {
  const row = await env.DB.prepare(
    "SELECT COUNT(*) AS n FROM sessions WHERE user_id = ? AND revoked_at IS NULL",
  )
    .bind(userId)
    .first<{ n: number }>();
  return row?.n ?? 0;
}

describe("auth contract", () => {
  it("register -> 201 tokens body and the fx_refresh cookie", async () => {
    const email = uniqueEmail();
    const r = await call("/auth/register", { body: { email, password: PASSWORD, displayName: "Ada" } });
    expect(r.status).toBe(201);
    expect(Object.keys(r.json).sort()).toEqual(["accessToken", "expiresIn", "user"]);
    expect(r.json.expiresIn).toBeLessThanOrEqual(900);
    expect(r.json.user).toEqual({
      id: expect.any(String),
      email,
      displayName: "Ada",
      twoFactorEnabled: false,
      createdAt: expect.any(String),
    });
    expect(r.refresh).toMatch(/^[A-Za-z0-9_-]{43}$/);
    expect(r.text).not.toContain(r.refresh);
  });

  it("register twice with one email -> 409 email_taken", async () => {
    const a = await register();
    const r = await call("/auth/register", { body: { email: a.email.toUpperCase(), password: PASSWORD } });
    expect(r.status).toBe(409);
    expect(r.json.error.code).toBe("email_taken");
  });

  it("register validates fields", async () => {
    const r = await call("/auth/register", { body: { email: "not-an-email", password: "short" } });
    expect(r.status).toBe(400);
    const paths = r.json.error.fields.map((f: { path: string }) => f.path).sort();
    expect(paths).toEqual(["email", "password"]);
  });

  it("login -> 200 tokens; refresh rotates; logout clears the cookie and ends the session", async () => {
    const a = await register();
    const login = await call("/auth/login", { body: { email: a.email, password: a.password } });
    expect(login.status).toBe(200);
    expect(login.json.user.email).toBe(a.email);
    const refreshed = await call("/auth/refresh", { method: "POST", cookie: login.refresh });
    expect(refreshed.status).toBe(200);
    expect(refreshed.refresh).toBeTruthy();
    expect(refreshed.refresh).not.toBe(login.refresh);
    const me = await call("/users/me", { token: refreshed.json.accessToken });
    expect(me.status).toBe(200);
    const out = await call("/auth/logout", {
      method: "POST",
      cookie: refreshed.refresh,
      token: refreshed.json.accessToken,
    });
    expect(out.status).toBe(204);
    expect(out.setCookie).toMatch(/fx_refresh=;.*Max-Age=0/);
    const again = await call("/auth/refresh", { method: "POST", cookie: refreshed.refresh });
    expect(again.status).toBe(401);
    expect(again.json.error.code).toBe("unauthorized");
  });

  it("refresh without a cookie -> 401 unauthorized", async () => {
    const r = await call("/auth/refresh", { method: "POST" });
    expect(r.status).toBe(401);
    expect(r.json.error.code).toBe("unauthorized");
  });
});

describe("item 2: unknown emails cost the same as known ones", () => {
  it("item 2: exactly one hash per login attempt and byte-equal responses for unknown vs known email", async () => {
    const known = await register();
    const spy = vi.spyOn(pbkdf2, "derive");
    const headers = { "X-Request-Id": "item2-fixed-request-id", "CF-Connecting-IP": "10.2.2.2" };
    const body = (email: string) => ({ body: { email, password: "not the password 1" }, headers });
    const knownRes = await call("/auth/login", body(known.email));
    expect(spy).toHaveBeenCalledTimes(1);
    const unknownRes = await call("/auth/login", body(uniqueEmail("nobody")));
    expect(spy).toHaveBeenCalledTimes(2);
    expect(knownRes.status).toBe(401);
    expect(unknownRes.status).toBe(401);
    expect(unknownRes.text).toBe(knownRes.text);
    expect(unknownRes.json.error.code).toBe("invalid_credentials");
    expect([...unknownRes.headers.entries()]).toEqual([...knownRes.headers.entries()]);
    expect(knownRes.setCookie).toBeNull();
  });
});

describe("item 7: the password step of a 2FA login issues no session", () => {
  it("item 7: step 1 returns only an opaque challenge: no token, no cookie", async () => {
    const a = await registerWith2fa();
    const before = await activeSessions(a.userId);
    const r = await call("/auth/login", { body: { email: a.email, password: a.password } });
    expect(r.status).toBe(200);
    expect(Object.keys(r.json).sort()).toEqual(["challenge", "twoFactorRequired"]);
    expect(r.json.twoFactorRequired).toBe(true);
    expect(r.json.challenge).toMatch(/^[A-Za-z0-9_-]{43}$/);
    expect(r.setCookie).toBeNull();
    expect(r.text).not.toMatch(/accessToken|eyJ/);
    expect(await activeSessions(a.userId)).toBe(before);
  });

  it("item 7: the challenge is single use (replay fails) and bound to its user", async () => {
    const clock = fakeClock();
    const a = await registerWith2fa();
    clock.advance(30_000);
    const step1 = await call("/auth/login", { body: { email: a.email, password: a.password } });
    const ok = await call("/auth/login-2fa", {
      body: { challenge: step1.json.challenge, code: await totpAt(a.secret) },
    });
    expect(ok.status).toBe(200);
    expect(ok.json.user.id).toBe(a.userId);
    expect(ok.refresh).toBeTruthy();
    clock.advance(30_000);
    const replay = await call("/auth/login-2fa", {
      body: { challenge: step1.json.challenge, code: await totpAt(a.secret) },
    });
    expect(replay.status).toBe(401);
    expect(replay.json.error.code).toBe("invalid_challenge");
  });

  it("item 7: a challenge expires after 5 minutes", async () => {
    const clock = fakeClock();
    const a = await registerWith2fa();
    const step1 = await call("/auth/login", { body: { email: a.email, password: a.password } });
    clock.advance(5 * 60_000 + 1);
    const late = await call("/auth/login-2fa", {
      body: { challenge: step1.json.challenge, code: await totpAt(a.secret) },
    });
    expect(late.status).toBe(401);
    expect(late.json.error.code).toBe("invalid_challenge");
  });

  it("item 7: two parallel step-2 calls -> exactly one session", async () => {
    const clock = fakeClock();
    const a = await registerWith2fa();
    clock.advance(30_000);
    const before = await activeSessions(a.userId);
    const step1 = await call("/auth/login", { body: { email: a.email, password: a.password } });
    const code = await totpAt(a.secret);
    // Same challenge, one with the TOTP code and one with a recovery code: both factors valid.
    const results = await Promise.all([
      call("/auth/login-2fa", { body: { challenge: step1.json.challenge, code } }),
      call("/auth/login-2fa", { body: { challenge: step1.json.challenge, code: a.recoveryCodes[0] } }),
    ]);
    expect(results.filter((r) => r.status === 200)).toHaveLength(1);
    expect(await activeSessions(a.userId)).toBe(before + 1);
  });
});

describe("item 32: error bodies are generic", () => {
  it("item 32 + 39: a broken DB binding answers 503 database_unavailable without stack, message or secrets", async () => {
    const secret = "sk_live_SECRET_TOKEN_123";
    const broken = {
      ...env,
      DB: {
        prepare() {
          throw new Error(`D1 exploded while holding ${secret}`);
        },
        batch() {
          throw new Error(`D1 exploded while holding ${secret}`);
        },
      } as unknown as D1Database,
    };
    const errors = vi.spyOn(console, "error").mockImplementation(() => {});
    const r = await call("/auth/login", {
      env: broken,
      body: { email: "victim@example.com", password: "hunter2-password" },
      headers: { Authorization: `Bearer ${secret}` },
    });
    expect(r.status).toBe(503);
    expect(r.headers.get("Retry-After")).toBe("5");
    expect(r.json.error.code).toBe("database_unavailable");
    expect(Object.keys(r.json.error).sort()).toEqual(["code", "message", "requestId"]);
    for (const leak of [secret, "D1 exploded", "hunter2", "victim@", "    at ", "stack", ".ts:"]) {
      expect(r.text).not.toContain(leak);
    }
    expect(errors).toHaveBeenCalled();
  });
});

describe("rate limiting wiring (auth class, key = IP + hashed email)", () => {
  it("the 6th login for one email from one IP within a minute -> 429; another email is unaffected", async () => {
    const a = await register();
    const headers = { "CF-Connecting-IP": "10.66.66.66" };
    const statuses: number[] = [];
    for (let i = 0; i < 6; i++) {
      statuses.push(
        (await call("/auth/login", { headers, body: { email: a.email, password: "wrong password x" } }))
          .status,
      );
    }
    expect(statuses).toEqual([401, 401, 401, 401, 401, 429]);
    const other = await call("/auth/login", {
      headers,
      body: { email: uniqueEmail("other"), password: "wrong password x" },
    });
    expect(other.status).toBe(401);
  });
});
