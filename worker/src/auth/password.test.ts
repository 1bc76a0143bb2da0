// Checklist items 1 and 3: PBKDF2 parameters and the password policy.
import { afterEach, describe, expect, it, vi } from "vitest";
import { COMMON_PASSWORDS } from "../common-passwords.ts";
import {
  DUMMY_HASH,
  hashPassword,
  MAX_ITERATIONS_PER_CALL,
  needsRehash,
  PBKDF2_ITERATIONS,
  parseHash,
  pbkdf2,
  UnsupportedHashError,
  verifyPassword,
} from "./password.ts";
import { passwordProblem } from "./password-policy.ts";
import { call, register, uniqueEmail } from "./testing.ts";

afterEach(() => vi.restoreAllMocks());

describe("item 1: PBKDF2-SHA256 hashing", () => {
  it("item 1: no single deriveBits call exceeds 100,000 iterations; salt 16 bytes; parameters stored", async () => {
    const spy = vi.spyOn(crypto.subtle, "deriveBits");
    const stored = await hashPassword("horse battery staple");
    expect(await verifyPassword("horse battery staple", stored)).toBe(true);
    expect(await verifyPassword("horse battery stapl", stored)).toBe(false);
    expect(spy).toHaveBeenCalledTimes(3); // one hash + two verifies, one call each
    for (const [params] of spy.mock.calls) {
      const p = params as { name: string; hash: string; iterations: number; salt: Uint8Array };
      expect(p.name).toBe("PBKDF2");
      expect(p.hash).toBe("SHA-256");
      expect(p.iterations).toBeLessThanOrEqual(MAX_ITERATIONS_PER_CALL);
      expect((p.salt as Uint8Array).byteLength).toBe(16);
    }
    expect(stored).toMatch(/^pbkdf2-sha256\$i=100000\$[A-Za-z0-9_-]{22}\$[A-Za-z0-9_-]{43}$/);
    expect(parseHash(stored).iterations).toBe(PBKDF2_ITERATIONS);
    expect(needsRehash(stored)).toBe(false);
  });

  it("item 1: unique salt per hash", async () => {
    const [a, b] = await Promise.all([hashPassword("same password!"), hashPassword("same password!")]);
    expect(a).not.toBe(b);
    expect(parseHash(a).salt).not.toEqual(parseHash(b).salt);
  });

  it("item 1: a stored hash with absurd parameters is refused before any work", async () => {
    const spy = vi.spyOn(pbkdf2, "derive");
    const subtle = vi.spyOn(crypto.subtle, "deriveBits");
    const salt = "AAAAAAAAAAAAAAAAAAAAAA";
    const hash = "A".repeat(43);
    const absurd = [
      `pbkdf2-sha256$i=999999999$${salt}$${hash}`,
      `pbkdf2-sha256$i=100001$${salt}$${hash}`,
      `pbkdf2-sha256$i=1$${salt}$${hash}`,
      `pbkdf2-sha256$i=100000$AAAA$${hash}`,
      `pbkdf2-sha256$i=100000$${salt}$AAAA`,
      `bcrypt$i=100000$${salt}$${hash}`,
      "",
    ];
    for (const stored of absurd) {
      await expect(verifyPassword("whatever123", stored)).rejects.toBeInstanceOf(UnsupportedHashError);
    }
    expect(spy).not.toHaveBeenCalled();
    expect(subtle).not.toHaveBeenCalled();
  });

  it("item 1: login against a user whose stored hash is absurd fails closed without hashing", async () => {
    const account = await register();
    await call("/auth/logout", { method: "POST", cookie: account.refresh });
    const { env } = await import("./testing.ts");
    await env.DB.prepare("UPDATE users SET password_hash = ? WHERE id = ?")
      .bind(`pbkdf2-sha256$i=900000000$AAAAAAAAAAAAAAAAAAAAAA$${"A".repeat(43)}`, account.userId)
      .run();
    const subtle = vi.spyOn(crypto.subtle, "deriveBits");
    const r = await call("/auth/login", { body: { email: account.email, password: account.password } });
    expect(r.status).toBe(401);
    expect(subtle).not.toHaveBeenCalled();
  });

  it("item 1: the dummy hash used for unknown emails has today's parameters", () => {
    expect(parseHash(DUMMY_HASH).iterations).toBe(PBKDF2_ITERATIONS);
  });
});

describe("item 3: password policy", () => {
  // 128 characters of unrelated words (zxcvbn scores the first 48; the whole string is hashed).
  const long = Array.from(
    { length: 128 },
    (_, i) =>
      "Tulip harbor violin meadow quartz orbit lantern cobalt plum ferry gravel sonnet whisker marble canyon thistle ember juniper kiln yak"[
        i % 132
      ],
  ).join("");
  const cases: Array<[label: string, password: string, ok: boolean]> = [
    ["7 characters", "abcdefg", false],
    ["8 characters but easy to guess (item 37)", "kq7!vzpw", false],
    ["no composition rules: lowercase words", "plumtreewindowgravel", true],
    ["no composition rules: digits only, not common", "8041739526185203", true],
    ["spaces allowed", "four odd words in a row", true],
    ["unicode counted by code point (8 emoji, 7 characters below the minimum)", "🐢🦊🐙🌵🍄🚲🎻", false],
    ["128 characters allowed", long, true],
    ["129 characters refused", `${long}z`, false],
    ["common: password", "password", false],
    ["common, any case: PassWord1", "PassWord1", false],
    ["common: 12345678", "12345678", false],
    ["common: qwerty123", "qwerty123", false],
    // Issue 13 item 7: accepted before zxcvbn-ts scored them.
    ["probe: aaaaaaaa", "aaaaaaaa", false],
    ["probe: Password1!", "Password1!", false],
    ["probe: 12345678910", "12345678910", false],
    ["probe: eight spaces", "        ", false],
  ];
  for (const [label, password, ok] of cases) {
    it(`item 3: ${label} -> ${ok ? "accepted" : "refused"}`, () => {
      expect(passwordProblem(password) === null).toBe(ok);
    });
  }

  it("item 37: a weak password is refused with the reason, and the email counts as a guessable word", async () => {
    expect(passwordProblem("Password1!")).toMatch(/^This password is too easy to guess\. .+/);
    expect(passwordProblem("aaaaaaaa")).toContain("Repeated characters");
    expect(passwordProblem("gravel-thistle-kiln")).toBeNull();
    expect(passwordProblem("zoltanquibrix")).toBeNull();
    expect(passwordProblem("zoltanquibrix", "zoltan.quibrix@example.com")).not.toBeNull();
    for (const password of ["aaaaaaaa", "Password1!", "12345678910", "        "]) {
      const r = await call("/auth/register", { body: { email: uniqueEmail(), password } });
      expect(r.status, password).toBe(400);
      expect(r.json.error.fields[0].path).toBe("password");
      expect(r.json.error.fields[0].message).toMatch(/too easy to guess|common|at least 8/);
    }
  });

  it("item 3: the shipped list only holds entries that would pass the length rule", () => {
    expect(COMMON_PASSWORDS.size).toBeGreaterThan(100);
    for (const p of COMMON_PASSWORDS) expect(p.length).toBeGreaterThanOrEqual(8);
  });

  it("item 3: no truncation: passwords differing only at character 120 are different", async () => {
    const base = "q".repeat(119);
    const stored = await hashPassword(`${base}A`);
    expect(await verifyPassword(`${base}A`, stored)).toBe(true);
    expect(await verifyPassword(`${base}B`, stored)).toBe(false);
  });

  it("item 3: register refuses a common password with a field-level error", async () => {
    const r = await call("/auth/register", { body: { email: uniqueEmail(), password: "iloveyou" } });
    expect(r.status).toBe(400);
    expect(r.json.error.code).toBe("validation_failed");
    expect(r.json.error.fields[0].path).toBe("password");
  });

  it("item 3: changing the password needs the current one", async () => {
    const a = await register();
    const wrong = await call("/auth/password/change", {
      token: a.accessToken,
      body: { currentPassword: "not my password", newPassword: "brand new passphrase 9" },
    });
    expect(wrong.status).toBe(403);
    expect(wrong.json.error.code).toBe("invalid_credentials");
    const missing = await call("/auth/password/change", {
      token: a.accessToken,
      body: { newPassword: "brand new passphrase 9" },
    });
    expect(missing.status).toBe(400);
    const ok = await call("/auth/password/change", {
      token: a.accessToken,
      body: { currentPassword: a.password, newPassword: "brand new passphrase 9" },
    });
    expect(ok.status).toBe(200);
    expect(ok.json.accessToken).toBeTruthy();
    const relogin = await call("/auth/login", {
      body: { email: a.email, password: "brand new passphrase 9" },
    });
    expect(relogin.status).toBe(200);
  });
});
