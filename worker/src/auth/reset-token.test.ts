// Checklist items 16 and 17: password reset tokens and the forgot/reset flow.
import { afterEach, describe, expect, it, vi } from "vitest";
import { readOutbox } from "../services/email/outbox.ts";
import { sha256 } from "./crypto-utils.ts";
import { consumeResetToken, createResetToken, peekResetToken, RESET_TTL_MS } from "./reset-token.ts";
import { call, env, fakeClock, login, register, registerWith2fa, totpAt, uniqueEmail } from "./testing.ts";

afterEach(() => vi.restoreAllMocks());

const NEW_PASSWORD = "fresh reset passphrase 5";

async function requestReset(email: string, origin?: string): Promise<string> {
  const r = await call("/auth/password/forgot", { origin, body: { email } });
  expect(r.status).toBe(202);
  const mail = (await readOutbox(env.DB, 200)).find((m) => m.to === email && m.template === "password-reset");
  const url = /(\S*\/reset-password\?token=[A-Za-z0-9_%-]+)/.exec(mail?.text ?? "")?.[1];
  if (!url) throw new Error("no reset link in the outbox");
  return url;
}

const tokenOf = (url: string) => decodeURIComponent(new URL(url).searchParams.get("token") ?? "");
const reset = (token: string, extra: Record<string, string> = {}) =>
  call("/auth/password/reset", { body: { token, password: NEW_PASSWORD, ...extra } });

describe("item 16: reset tokens", () => {
  it("item 16: >= 128 random bits, hashed at rest, single use", async () => {
    const a = await register();
    const token = tokenOf(await requestReset(a.email));
    expect(token).toMatch(/^[A-Za-z0-9_-]{43}$/); // 32 bytes = 256 bits
    const plain = await env.DB.prepare("SELECT COUNT(*) AS n FROM password_resets WHERE token_hash = ?")
      .bind(token)
      .first<{ n: number }>();
    expect(plain?.n).toBe(0);
    const hashed = await env.DB.prepare("SELECT COUNT(*) AS n FROM password_resets WHERE token_hash = ?")
      .bind(await sha256(token))
      .first<{ n: number }>();
    expect(hashed?.n).toBe(1);
    expect((await reset(token)).status).toBe(200);
    const again = await reset(token);
    expect(again.status).toBe(400);
    expect(again.json.error.code).toBe("invalid_reset_token");
    expect((await login({ email: a.email, password: NEW_PASSWORD })).status).toBe(200);
  });

  it("item 16: clock boundary: valid until 1 hour minus 1 ms, refused at exactly 1 hour (module)", async () => {
    const clock = fakeClock(1_800_000_000_000);
    const a = await register();
    const token = await createResetToken(env, a.userId);
    clock.advance(RESET_TTL_MS - 1);
    expect(await peekResetToken(env, token)).toBe(a.userId);
    clock.advance(1);
    expect(await peekResetToken(env, token)).toBeNull();
    expect(await consumeResetToken(env, token)).toBeNull();
  });

  it("item 16: clock boundary through the API: 59 min ok, 60 min refused", async () => {
    const clock = fakeClock();
    const a = await register();
    const b = await register();
    const tokenA = tokenOf(await requestReset(a.email));
    const tokenB = tokenOf(await requestReset(b.email));
    clock.advance(RESET_TTL_MS - 60_000);
    expect((await reset(tokenA)).status).toBe(200);
    clock.advance(60_000);
    expect((await reset(tokenB)).status).toBe(400);
  });

  it("item 16: a new request voids older tokens", async () => {
    const a = await register();
    const first = tokenOf(await requestReset(a.email));
    const second = tokenOf(await requestReset(a.email));
    expect(first).not.toBe(second);
    expect((await reset(first)).status).toBe(400);
    expect((await reset(second)).status).toBe(200);
  });

  it("item 16: completing a reset revokes all sessions", async () => {
    const a = await register();
    const other = await login(a);
    const token = tokenOf(await requestReset(a.email));
    expect((await reset(token)).status).toBe(200);
    expect((await call("/users/me", { token: a.accessToken })).status).toBe(401);
    expect((await call("/users/me", { token: other.json.accessToken })).status).toBe(401);
    expect((await call("/auth/refresh", { method: "POST", cookie: a.refresh })).status).toBe(401);
    expect((await call("/auth/refresh", { method: "POST", cookie: other.refresh })).status).toBe(401);
  });

  it("item 16: two parallel resets with one token -> exactly one succeeds", async () => {
    const a = await register();
    const token = tokenOf(await requestReset(a.email));
    const results = await Promise.all(Array.from({ length: 5 }, () => reset(token)));
    expect(results.filter((r) => r.status === 200)).toHaveLength(1);
  });
});

describe("item 17: forgot/reset flow", () => {
  it("item 17: same response for unknown emails (byte-equal)", async () => {
    const a = await register();
    const headers = { "X-Request-Id": "item17-fixed-request-id" };
    const known = await call("/auth/password/forgot", { headers, body: { email: a.email } });
    const unknown = await call("/auth/password/forgot", { headers, body: { email: uniqueEmail("ghost") } });
    expect(known.status).toBe(202);
    expect(unknown.status).toBe(202);
    expect(unknown.text).toBe(known.text);
  });

  it("item 17: the link is built from APP_ORIGIN, never the Host header", async () => {
    const a = await register();
    const url = await requestReset(a.email, "https://evil.example");
    expect(url.startsWith(`${env.APP_ORIGIN}/reset-password?token=`)).toBe(true);
    expect(url).not.toContain("evil.example");
  });

  it("item 17: rate limited per account and IP (auth class)", async () => {
    const a = await register();
    const headers = { "CF-Connecting-IP": "10.17.17.17" };
    const statuses: number[] = [];
    for (let i = 0; i < 6; i++) {
      statuses.push((await call("/auth/password/forgot", { headers, body: { email: a.email } })).status);
    }
    expect(statuses.slice(0, 5)).toEqual([202, 202, 202, 202, 202]);
    expect(statuses[5]).toBe(429);
  });

  it("item 17: a 2FA user still needs the second factor", async () => {
    const clock = fakeClock();
    const a = await registerWith2fa();
    clock.advance(30_000);
    const token = tokenOf(await requestReset(a.email));
    const missing = await reset(token);
    expect(missing.status).toBe(400);
    expect(missing.json.error.code).toBe("two_factor_required");
    const wrong = await reset(token, { code: "000000" });
    expect(wrong.status).toBe(400);
    expect(wrong.json.error.code).toBe("invalid_code");
    const ok = await reset(token, { code: await totpAt(a.secret) });
    expect(ok.status).toBe(200);
    const step1 = await login({ email: a.email, password: NEW_PASSWORD });
    expect(step1.json.twoFactorRequired).toBe(true);
  });
});
