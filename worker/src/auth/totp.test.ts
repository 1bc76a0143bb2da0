// Checklist items 4-6 and 8-10: TOTP replay, window, attempt caps, setup, disable, recovery codes.
import { afterEach, describe, expect, it, vi } from "vitest";
import { readOutbox } from "../services/email/outbox.ts";
import { MAX_CHALLENGE_ATTEMPTS } from "./challenge.ts";
import { decryptSecret } from "./encryption.ts";
import {
  call,
  env,
  fakeClock,
  login,
  register,
  registerWith2fa,
  skipRateLimitTime,
  totpAt,
} from "./testing.ts";
import { LOCK_MS, MAX_FAILURES, matchTotpStep, TOTP_PERIOD_SECONDS } from "./totp.ts";

afterEach(() => vi.restoreAllMocks());

const STEP_MS = TOTP_PERIOD_SECONDS * 1000;
/** A time in the middle of a TOTP step, so ±30 s land in the neighbouring steps. */
const midStep = (ms = Date.now()) => Math.floor(ms / STEP_MS) * STEP_MS + STEP_MS / 2;

async function challengeFor(a: { email: string; password: string }): Promise<string> {
  const r = await login(a);
  expect(r.json.twoFactorRequired).toBe(true);
  return r.json.challenge;
}

const step2 = (challenge: string, code: string) => call("/auth/login-2fa", { body: { challenge, code } });

async function twoFactorEnabled(userId: string): Promise<boolean> {
  const row = await env.DB.prepare("SELECT totp_enabled FROM users WHERE id = ?")
    .bind(userId)
    .first<{ totp_enabled: number }>();
  return row?.totp_enabled === 1;
}

describe("item 4: a TOTP code works once", () => {
  it("item 4: the same code twice -> the second fails (and older steps too)", async () => {
    const clock = fakeClock(midStep());
    const a = await registerWith2fa();
    clock.advance(STEP_MS);
    const code = await totpAt(a.secret);
    expect((await step2(await challengeFor(a), code)).status).toBe(200);
    const second = await step2(await challengeFor(a), code);
    expect(second.status).toBe(401);
    expect(second.json.error.code).toBe("code_already_used");
    // The previous step's code is inside the window but at/before the last used step.
    const older = await step2(await challengeFor(a), await totpAt(a.secret, clock.now() - STEP_MS));
    expect(older.status).toBe(401);
    const reuse = await env.DB.prepare(
      "SELECT COUNT(*) AS n FROM auth_events WHERE type = 'totp_reuse'",
    ).first<{ n: number }>();
    expect(reuse?.n).toBeGreaterThan(0);
  });

  it("item 4: 10 concurrent verifies of one code -> exactly one success", async () => {
    fakeClock(midStep());
    const a = await register();
    const setup = await call("/totp/setup", { method: "POST", token: a.accessToken });
    const code = await totpAt(setup.json.secret);
    const results = await Promise.all(
      Array.from({ length: 10 }, () => call("/totp/verify", { token: a.accessToken, body: { code } })),
    );
    expect(results.filter((r) => r.status === 200)).toHaveLength(1);
    expect(results.filter((r) => r.status !== 200).every((r) => r.status === 403 || r.status === 409)).toBe(
      true,
    );
  });

  it("item 4: 10 concurrent login-2fa calls with one code on separate challenges -> exactly one session", async () => {
    const clock = fakeClock(midStep());
    const a = await registerWith2fa();
    clock.advance(STEP_MS);
    const challenges = await Promise.all(Array.from({ length: 10 }, () => challengeFor(a)));
    const code = await totpAt(a.secret);
    const results = await Promise.all(challenges.map((ch) => step2(ch, code)));
    expect(results.filter((r) => r.status === 200)).toHaveLength(1);
  });
});

describe("item 5: window is one step back at most, server clock only", () => {
  it("item 5: fake clock: t-30s ok, t-60s and t+60s refused (module)", async () => {
    const t = midStep();
    const secret = "JBSWY3DPEHPK3PXPJBSWY3DPEHPK3PXP";
    const at = (ms: number) => totpAt(secret, ms);
    expect(await matchTotpStep(secret, await at(t), t)).toBe(Math.floor(t / STEP_MS));
    expect(await matchTotpStep(secret, await at(t - 30_000), t)).toBe(Math.floor(t / STEP_MS) - 1);
    expect(await matchTotpStep(secret, await at(t - 60_000), t)).toBeNull();
    expect(await matchTotpStep(secret, await at(t + 30_000), t)).toBeNull();
    expect(await matchTotpStep(secret, await at(t + 60_000), t)).toBeNull();
  });

  it("item 5: fake clock: t-30s ok, t-60s and t+60s refused (login-2fa)", async () => {
    const clock = fakeClock(midStep());
    const a = await registerWith2fa();
    clock.advance(5 * STEP_MS);
    const t = clock.now();
    const challenge = await challengeFor(a);
    expect((await step2(challenge, await totpAt(a.secret, t - 60_000))).status).toBe(401);
    expect((await step2(challenge, await totpAt(a.secret, t + 60_000))).status).toBe(401);
    expect((await step2(challenge, await totpAt(a.secret, t - 30_000))).status).toBe(200);
  });
});

describe("item 6: attempts capped per challenge and per account", () => {
  it(`item 6: after ${MAX_CHALLENGE_ATTEMPTS} wrong codes on a challenge even the right one fails`, async () => {
    const clock = fakeClock(midStep());
    const a = await registerWith2fa();
    clock.advance(STEP_MS);
    const challenge = await challengeFor(a);
    for (let i = 0; i < MAX_CHALLENGE_ATTEMPTS; i++) {
      expect((await step2(challenge, "000000")).json.error.code).toBe("invalid_code");
    }
    const right = await step2(challenge, await totpAt(a.secret));
    expect(right.status).toBe(401);
    expect(right.json.error.code).toBe("invalid_challenge");
  });

  it("item 6: attempts are counted atomically: 12 parallel wrong codes -> only 5 are checked", async () => {
    const clock = fakeClock(midStep());
    const a = await registerWith2fa();
    clock.advance(STEP_MS);
    const challenge = await challengeFor(a);
    const results = await Promise.all(
      Array.from({ length: 12 }, (_, i) => step2(challenge, String(100000 + i))),
    );
    const checked = results.filter((r) => r.json.error.code === "invalid_code");
    expect(checked).toHaveLength(MAX_CHALLENGE_ATTEMPTS);
    expect((await step2(challenge, await totpAt(a.secret))).status).toBe(401);
  });

  it(`item 6: after ${MAX_FAILURES} wrong codes across challenges the account locks; the right code fails until it expires`, async () => {
    const clock = fakeClock(midStep());
    const a = await registerWith2fa();
    clock.advance(STEP_MS);
    let failures = 0;
    while (failures < MAX_FAILURES) {
      const challenge = await challengeFor(a);
      for (let i = 0; i < MAX_CHALLENGE_ATTEMPTS && failures < MAX_FAILURES; i++, failures++) {
        expect((await step2(challenge, "999999")).status).toBe(401);
      }
    }
    const locked = await step2(await challengeFor(a), await totpAt(a.secret));
    expect(locked.status).toBe(429);
    expect(locked.json.error.code).toBe("too_many_attempts");
    expect(Number(locked.headers.get("Retry-After"))).toBeGreaterThanOrEqual(1);
    const recovery = await step2(await challengeFor(a), a.recoveryCodes[0]);
    expect(recovery.status).toBe(429);
    clock.advance(LOCK_MS + STEP_MS);
    expect((await step2(await challengeFor(a), await totpAt(a.secret))).status).toBe(200);
  }, 30_000); // a dozen sign-ins: slow on a loaded machine
});

describe("item 8: setup", () => {
  it("item 8: enabling without a valid code leaves 2FA off", async () => {
    const a = await register();
    const setup = await call("/totp/setup", { method: "POST", token: a.accessToken });
    expect(setup.status).toBe(200);
    expect((await call("/totp/status", { token: a.accessToken })).json).toMatchObject({
      enabled: false,
      pendingSetup: true,
    });
    const wrong = await call("/totp/verify", { token: a.accessToken, body: { code: "123456" } });
    expect(wrong.status).toBe(403);
    const missing = await call("/totp/verify", { token: a.accessToken, body: {} });
    expect(missing.status).toBe(400);
    expect(await twoFactorEnabled(a.userId)).toBe(false);
    const plain = await login(a);
    expect(plain.json.accessToken).toBeTruthy();
  });

  it("item 8: the secret comes from a CSPRNG, is encrypted at rest and never logged", async () => {
    const logs: string[] = [];
    for (const level of ["log", "info", "warn", "error", "debug"] as const) {
      vi.spyOn(console, level).mockImplementation((...args: unknown[]) => {
        logs.push(args.map(String).join(" "));
      });
    }
    fakeClock(midStep());
    const a = await register();
    const first = await call("/totp/setup", { method: "POST", token: a.accessToken });
    const second = await call("/totp/setup", { method: "POST", token: a.accessToken });
    const secret = second.json.secret as string;
    expect(secret).toMatch(/^[A-Z2-7]{32}$/); // 20 bytes = 160 bits
    expect(first.json.secret).not.toBe(secret);
    expect(second.json.otpauthUri).toContain(`secret=${secret}`);
    expect(second.json.qrSvg).toMatch(/^<svg[\s\S]*<\/svg>\s*$/);
    const pending = await env.DB.prepare("SELECT totp_pending_enc FROM users WHERE id = ?")
      .bind(a.userId)
      .first<{ totp_pending_enc: string }>();
    expect(pending?.totp_pending_enc).toMatch(/^v1\./);
    expect(pending?.totp_pending_enc).not.toContain(secret);
    expect(await decryptSecret(env, pending?.totp_pending_enc as string, a.userId)).toBe(secret);
    await expect(decryptSecret(env, pending?.totp_pending_enc as string, "another-user")).rejects.toThrow();
    const verify = await call("/totp/verify", { token: a.accessToken, body: { code: await totpAt(secret) } });
    expect(verify.status).toBe(200);
    const enabled = await env.DB.prepare("SELECT totp_secret_enc FROM users WHERE id = ?")
      .bind(a.userId)
      .first<{ totp_secret_enc: string }>();
    expect(enabled?.totp_secret_enc).not.toContain(secret);
    expect(logs.length).toBeGreaterThan(0);
    expect(logs.join("\n")).not.toContain(secret);
  });
});

describe("item 9: disabling needs password + code", () => {
  it("item 9: each missing factor is refused; a stolen access token alone cannot disable", async () => {
    const clock = fakeClock(midStep());
    const a = await registerWith2fa();
    clock.advance(STEP_MS);
    const code = await totpAt(a.secret);
    const attempts = [
      { body: {}, status: 400 },
      { body: { code }, status: 400 },
      { body: { password: a.password }, status: 400 },
      { body: { password: "wrong password!", code }, status: 403 },
      { body: { password: a.password, code: "000000" }, status: 403 },
    ];
    for (const attempt of attempts) {
      const r = await call("/totp/disable", { token: a.accessToken, body: attempt.body });
      expect(r.status).toBe(attempt.status);
      expect(await twoFactorEnabled(a.userId)).toBe(true);
    }
    clock.advance(STEP_MS);
    skipRateLimitTime(61_000); // five attempts used this user's minute (auth class, per user)
    const ok = await call("/totp/disable", {
      token: a.accessToken,
      body: { password: a.password, code: await totpAt(a.secret) },
    });
    expect(ok.status).toBe(200);
    expect(ok.json).toEqual({ enabled: false });
    expect(await twoFactorEnabled(a.userId)).toBe(false);
    const mail = await readOutbox(env.DB, 200);
    expect(mail.some((m) => m.to === a.email && m.template === "2fa-disabled")).toBe(true);
    expect(mail.some((m) => m.to === a.email && m.template === "2fa-enabled")).toBe(true);
  });

  it("item 9: a recovery code can stand in for the TOTP code", async () => {
    const a = await registerWith2fa();
    const ok = await call("/totp/disable", {
      token: a.accessToken,
      body: { password: a.password, code: a.recoveryCodes[3] },
    });
    expect(ok.status).toBe(200);
  });
});

describe("item 10: recovery codes", () => {
  it("item 10: random, single use, stored hashed", async () => {
    const clock = fakeClock(midStep());
    const a = await registerWith2fa();
    expect(a.recoveryCodes).toHaveLength(10);
    expect(new Set(a.recoveryCodes).size).toBe(10);
    for (const code of a.recoveryCodes) expect(code).toMatch(/^[A-Z0-9]{4}-[A-Z0-9]{4}-[A-Z0-9]{4}$/);
    const { results } = await env.DB.prepare("SELECT code_hash FROM recovery_codes WHERE user_id = ?")
      .bind(a.userId)
      .all<{ code_hash: string }>();
    expect(results).toHaveLength(10);
    const stored = results.map((r) => r.code_hash).join(" ");
    for (const code of a.recoveryCodes) {
      expect(stored).not.toContain(code);
      expect(stored).not.toContain(code.replace(/-/g, ""));
    }
    clock.advance(STEP_MS);
    const first = await step2(await challengeFor(a), a.recoveryCodes[0].toLowerCase());
    expect(first.status).toBe(200);
    const again = await step2(await challengeFor(a), a.recoveryCodes[0]);
    expect(again.status).toBe(401);
    expect((await call("/totp/status", { token: first.json.accessToken })).json.recoveryCodesRemaining).toBe(
      9,
    );
  });

  it("item 10: regenerating voids the old set", async () => {
    const clock = fakeClock(midStep());
    const a = await registerWith2fa();
    clock.advance(STEP_MS);
    const regen = await call("/totp/recovery-codes", {
      token: a.accessToken,
      body: { code: await totpAt(a.secret) },
    });
    expect(regen.status).toBe(200);
    expect(regen.json.recoveryCodes).toHaveLength(10);
    expect(regen.json.recoveryCodes).not.toContain(a.recoveryCodes[1]);
    expect((await step2(await challengeFor(a), a.recoveryCodes[1])).status).toBe(401);
    expect((await step2(await challengeFor(a), regen.json.recoveryCodes[1])).status).toBe(200);
  });

  it("item 10: regenerating needs a valid code", async () => {
    const a = await registerWith2fa();
    const r = await call("/totp/recovery-codes", { token: a.accessToken, body: { code: "000000" } });
    expect(r.status).toBe(403);
    const none = await call("/totp/recovery-codes", { token: a.accessToken, body: {} });
    expect(none.status).toBe(400);
  });
});
