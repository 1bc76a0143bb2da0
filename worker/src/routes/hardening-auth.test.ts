// Issue 13 items 1, 2, 4 (checklist 33, 34, 17) and issue 12 item 4 (old passwords stop
// working): what a black-box probe got through on the auth routes, in workerd with the real
// app, D1 and the Durable Object limiter.
import { createExecutionContext, waitOnExecutionContext } from "cloudflare:test";
import { afterEach, describe, expect, it, vi } from "vitest";
import { createApp } from "../app.ts";
import { FIRST_DELAY_MS } from "../auth/login-delay.ts";
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
import { readOutbox } from "../services/email/outbox.ts";

afterEach(() => vi.restoreAllMocks());

let ipRun = 0;
const oneIp = () => `198.18.${++ipRun}.7`;

describe("issue 13 item 1: sign-in budgets per IP and per account", () => {
  it("item 33: 25 logins to 25 different emails from one IP -> 429 after 20 (per-IP budget)", async () => {
    const ip = oneIp();
    const statuses: number[] = [];
    for (let i = 0; i < 25; i++) {
      const r = await call("/auth/login", {
        headers: { "CF-Connecting-IP": ip },
        body: { email: uniqueEmail("spray"), password: "guess-1234567" },
      });
      statuses.push(r.status);
      if (r.status === 429) {
        expect(r.json.error.message).toContain(
          "the limit is 20 per minute for sign-in from one network address",
        );
        expect(r.headers.get("Retry-After")).toMatch(/^\d+$/);
        expect(r.headers.get("RateLimit-Remaining")).toBe("0");
      }
    }
    expect(statuses.slice(0, 20).every((s) => s === 401)).toBe(true);
    expect(statuses.slice(20).every((s) => s === 429)).toBe(true);
    // Another address is not affected.
    const other = await call("/auth/login", {
      body: { email: uniqueEmail("spray"), password: "guess-1234567" },
    });
    expect(other.status).toBe(401);
  });

  it("item 33: a sign-up flood from one IP -> 429 after 20 registrations", async () => {
    const ip = oneIp();
    const statuses: number[] = [];
    for (let i = 0; i < 22; i++) {
      const r = await call("/auth/register", {
        headers: { "CF-Connecting-IP": ip },
        body: { email: uniqueEmail("flood"), password: PASSWORD },
      });
      statuses.push(r.status);
    }
    expect(statuses.filter((s) => s === 201)).toHaveLength(20);
    expect(statuses.slice(20)).toEqual([429, 429]);
  }, 60_000);

  it("item 33: wrong passwords from many IPs -> growing delays for that account, never a permanent lock", async () => {
    const clock = fakeClock();
    const a = await register();
    const wrong = () => call("/auth/login", { body: { email: a.email, password: "not the password 1" } });
    for (let i = 0; i < 5; i++) expect((await wrong()).status).toBe(401); // a new IP each time
    const delayed = await call("/auth/login", { body: { email: a.email, password: a.password } });
    expect(delayed.status).toBe(429);
    expect(delayed.json.error.code).toBe("login_delayed");
    expect(delayed.headers.get("Retry-After")).toBe(String(FIRST_DELAY_MS / 1000));
    // Unknown emails behave the same (no hint whether an account exists).
    const ghost = uniqueEmail("ghost");
    for (let i = 0; i < 5; i++)
      expect((await call("/auth/login", { body: { email: ghost, password: "x-1234567" } })).status).toBe(401);
    expect(
      (await call("/auth/login", { body: { email: ghost, password: "x-1234567" } })).json.error.code,
    ).toBe("login_delayed");
    // After the delay a password is checked again; one more failure doubles the delay.
    clock.advance(FIRST_DELAY_MS);
    expect((await wrong()).status).toBe(401);
    const longer = await call("/auth/login", { body: { email: a.email, password: a.password } });
    expect(longer.headers.get("Retry-After")).toBe(String((2 * FIRST_DELAY_MS) / 1000));
    // The delay is capped and ends: the right password then signs in and resets the count.
    clock.advance(2 * FIRST_DELAY_MS);
    expect((await call("/auth/login", { body: { email: a.email, password: a.password } })).status).toBe(200);
    expect((await wrong()).status).toBe(401);
  });
});

describe("issue 13 item 2: credential checks behind a session", () => {
  it("item 34: 40 wrong currentPassword with a stolen token -> 429 after 5, whatever the IP", async () => {
    const a = await register();
    const statuses: number[] = [];
    for (let i = 0; i < 40; i++) {
      const r = await call("/auth/password/change", {
        token: a.accessToken,
        body: { currentPassword: `guess number ${i}`, newPassword: "brand new passphrase 9" },
      });
      statuses.push(r.status);
    }
    expect(statuses.slice(0, 5)).toEqual([403, 403, 403, 403, 403]);
    expect(statuses.slice(5).every((s) => s === 429)).toBe(true);
  });

  it("item 34: /totp/disable is limited per user and answers one error for either wrong credential", async () => {
    const clock = fakeClock();
    const a = await registerWith2fa();
    clock.advance(30_000);
    const rightCode = await totpAt(a.secret);
    const wrongPassword = await call("/totp/disable", {
      token: a.accessToken,
      body: { password: "wrong password here", code: rightCode },
    });
    const wrongCode = await call("/totp/disable", {
      token: a.accessToken,
      body: { password: a.password, code: "000000" },
    });
    expect(wrongPassword.status).toBe(403);
    expect(wrongCode.status).toBe(403);
    const { requestId: _a, ...one } = wrongPassword.json.error;
    const { requestId: _b, ...other } = wrongCode.json.error;
    expect(one).toEqual(other);
    expect(one).toEqual({
      code: "invalid_credentials",
      message: "The password or the authentication code is wrong.",
    });
    for (let i = 0; i < 3; i++)
      await call("/totp/disable", { token: a.accessToken, body: { password: `guess ${i}`, code: "000000" } });
    const limited = await call("/totp/disable", {
      token: a.accessToken,
      body: { password: "guess", code: "000000" },
    });
    expect(limited.status).toBe(429);
  });

  it("item 34: with 2FA on, a password change needs a code as well as the right password", async () => {
    const clock = fakeClock();
    const a = await registerWith2fa();
    const change = (extra: Record<string, string>) =>
      call("/auth/password/change", {
        token: a.accessToken,
        body: { currentPassword: a.password, newPassword: "another sturdy passphrase 43", ...extra },
      });
    const noCode = await change({});
    expect(noCode.status).toBe(400);
    expect(noCode.json.error.code).toBe("two_factor_required");
    const badCode = await change({ code: "000000" });
    expect(badCode.status).toBe(403);
    expect(badCode.json.error.code).toBe("invalid_credentials");
    clock.advance(30_000);
    const ok = await change({ code: await totpAt(a.secret) });
    expect(ok.status).toBe(200);
  });
});

describe("issue 12 item 4: the old password fails after a change and after a reset", () => {
  it("after a password change", async () => {
    const a = await register();
    const changed = await call("/auth/password/change", {
      token: a.accessToken,
      body: { currentPassword: a.password, newPassword: "another strong phrase 7" },
    });
    expect(changed.status).toBe(200);
    expect((await call("/auth/login", { body: { email: a.email, password: a.password } })).status).toBe(401);
    expect(
      (await call("/auth/login", { body: { email: a.email, password: "another strong phrase 7" } })).status,
    ).toBe(200);
  });

  it("after a password reset", async () => {
    const a = await register();
    expect((await call("/auth/password/forgot", { body: { email: a.email } })).status).toBe(202);
    const mail = (await readOutbox(env.DB, 200)).find(
      (m) => m.to === a.email && m.template === "password-reset",
    );
    const token = mail?.text.match(/token=([A-Za-z0-9_-]+)/)?.[1];
    expect(token).toBeTruthy();
    const reset = await call("/auth/password/reset", {
      body: { token, password: "fresh reset passphrase 5" },
    });
    expect(reset.status).toBe(200);
    expect((await call("/auth/login", { body: { email: a.email, password: a.password } })).status).toBe(401);
    expect(
      (await call("/auth/login", { body: { email: a.email, password: "fresh reset passphrase 5" } })).status,
    ).toBe(200);
  });
});

describe("issue 13 item 4: forgot-password does the same work, after the answer, for any email", () => {
  it("answers known and unknown emails while every D1 query is held (nothing before the answer)", async () => {
    const a = await register();
    const app = createApp();
    let release: () => void = () => {};
    const gate = new Promise<void>((r) => {
      release = r;
    });
    const queries: string[] = [];
    const held = (stmt: D1PreparedStatement, sql: string): D1PreparedStatement =>
      new Proxy(stmt, {
        get(target, prop) {
          if (prop === "bind") return (...v: unknown[]) => held(target.bind(...v), sql);
          if (prop === "first" || prop === "all" || prop === "run" || prop === "raw")
            return async (...args: unknown[]) => {
              queries.push(sql);
              await gate;
              return (target[prop] as (...a: unknown[]) => unknown).apply(target, args);
            };
          return Reflect.get(target, prop);
        },
      });
    const db = new Proxy(env.DB, {
      get(target, prop) {
        if (prop === "prepare") return (sql: string) => held(target.prepare(sql), sql);
        if (prop === "batch")
          return async (s: D1PreparedStatement[]) => {
            await gate;
            return target.batch(s);
          };
        return Reflect.get(target, prop);
      },
    });
    const heldEnv = { ...env, DB: db, RATE_LIMIT_TIMEOUT_MS: "15000" };
    const answers: Array<{ status: number; body: string }> = [];
    const contexts = [];
    for (const email of [a.email, uniqueEmail("nobody")]) {
      const ctx = createExecutionContext();
      contexts.push(ctx);
      const res = await Promise.race([
        app.fetch(
          new Request("http://localhost/api/v1/auth/password/forgot", {
            method: "POST",
            headers: { "Content-Type": "application/json", "CF-Connecting-IP": oneIp() },
            body: JSON.stringify({ email }),
          }),
          heldEnv,
          ctx,
        ),
        new Promise<Response>((_, reject) =>
          setTimeout(() => reject(new Error("answer waited for D1")), 5000),
        ),
      ]);
      answers.push({ status: res.status, body: (await res.text()).replace(/"requestId":"[^"]+"/, "") });
    }
    expect(answers[0]).toEqual(answers[1]);
    expect(answers[0].status).toBe(202);
    release();
    for (const ctx of contexts) await waitOnExecutionContext(ctx);
    // Both looked the address up after answering; only the real account got a link.
    expect(queries.filter((q) => q.includes("FROM users")).length).toBeGreaterThanOrEqual(2);
    const mail = await readOutbox(env.DB, 200);
    expect(mail.some((m) => m.to === a.email && m.template === "password-reset")).toBe(true);
  }, 20_000);
});
