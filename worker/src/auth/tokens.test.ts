// Checklist item 11: access tokens are short-lived, algorithm pinned, exp/iss/aud/typ checked.
import { afterEach, describe, expect, it, vi } from "vitest";
import { hmacSha256, toBase64Url, utf8 } from "./crypto-utils.ts";
import { getAuthKeys, MissingSecretError } from "./keys.ts";
import { call, env, register } from "./testing.ts";
import { ACCESS_TOKEN_TTL_SECONDS, JWT_AUDIENCE, JWT_ISSUER, verifyAccessToken } from "./tokens.ts";

afterEach(() => vi.restoreAllMocks());

const b64json = (v: unknown) => toBase64Url(utf8(JSON.stringify(v)));

async function hmac(hash: "SHA-256" | "SHA-512", key: Uint8Array, data: string): Promise<string> {
  if (hash === "SHA-256") return hmacSha256(key, data);
  const k = await crypto.subtle.importKey("raw", key, { name: "HMAC", hash }, false, ["sign"]);
  return toBase64Url(new Uint8Array(await crypto.subtle.sign("HMAC", k, utf8(data))));
}

async function forge(opts: {
  header?: Record<string, unknown>;
  claims?: Record<string, unknown>;
  hash?: "SHA-256" | "SHA-512" | "none";
  key?: Uint8Array;
  base: Record<string, unknown>;
}): Promise<string> {
  const header = { alg: "HS256", typ: "JWT", ...opts.header };
  const body = `${b64json(header)}.${b64json({ ...opts.base, ...opts.claims })}`;
  if (opts.hash === "none") return `${body}.`;
  const key = opts.key ?? (await getAuthKeys(env)).jwt;
  return `${body}.${await hmac(opts.hash ?? "SHA-256", key, body)}`;
}

function claimsOf(token: string): Record<string, unknown> {
  return JSON.parse(
    new TextDecoder().decode(
      Uint8Array.from(atob(token.split(".")[1].replace(/-/g, "+").replace(/_/g, "/")), (c) =>
        c.charCodeAt(0),
      ),
    ),
  );
}

describe("item 11: access tokens", () => {
  it("item 11: short-lived (<= 15 min) HS256 with iss, aud, typ, sid and ver", async () => {
    const a = await register();
    const claims = claimsOf(a.accessToken);
    expect(claims).toMatchObject({ iss: JWT_ISSUER, aud: JWT_AUDIENCE, typ: "access", sub: a.userId });
    expect((claims.exp as number) - (claims.iat as number)).toBeLessThanOrEqual(900);
    expect(ACCESS_TOKEN_TTL_SECONDS).toBeLessThanOrEqual(900);
    expect(JSON.parse(atob(a.accessToken.split(".")[0]))).toMatchObject({ alg: "HS256" });
  });

  it("item 11: alg none, swapped alg, expired, wrong audience/issuer, wrong key, tampered, refresh-as-access -> 401", async () => {
    const a = await register();
    const base = claimsOf(a.accessToken);
    const now = Math.floor(Date.now() / 1000);
    // Sanity: a correctly forged token is accepted, so the refusals below are about the one change each makes.
    const good = await forge({ base });
    expect((await call("/users/me", { token: good })).status).toBe(200);
    const cases: Record<string, string> = {
      "alg none": await forge({ base, header: { alg: "none" }, hash: "none" }),
      "alg none with a signature": await forge({ base, header: { alg: "none" } }),
      "swapped alg HS512": await forge({ base, header: { alg: "HS512" }, hash: "SHA-512" }),
      "swapped alg RS256 (key confusion)": await forge({ base, header: { alg: "RS256" } }),
      expired: await forge({ base, claims: { iat: now - 1000, exp: now - 100 } }),
      "too long lived": await forge({ base, claims: { iat: now, exp: now + 3600 } }),
      "wrong audience": await forge({ base, claims: { aud: "someone-else" } }),
      "wrong issuer": await forge({ base, claims: { iss: "evil" } }),
      "refresh typ": await forge({ base, claims: { typ: "refresh" } }),
      "no typ": await forge({ base, claims: { typ: undefined } }),
      "other key": await forge({ base, key: utf8("a-completely-different-secret-of-32-bytes!") }),
      tampered: `${a.accessToken.split(".")[0]}.${b64json({ ...base, sub: "someone-else" })}.${a.accessToken.split(".")[2]}`,
      "refresh token as access": a.refresh,
      garbage: "not.a.jwt",
    };
    for (const [label, token] of Object.entries(cases)) {
      const r = await call("/users/me", { token });
      expect({ label, status: r.status }).toEqual({ label, status: 401 });
      expect(r.json.error.code).toBe("unauthorized");
      expect(await verifyAccessToken(env, token)).toBeNull();
    }
  });

  it("item 11: no Authorization header -> 401 with WWW-Authenticate", async () => {
    const r = await call("/users/me");
    expect(r.status).toBe(401);
    expect(r.headers.get("WWW-Authenticate")).toContain("Bearer");
  });
});

describe("secrets", () => {
  it("issue 13 item 6: any ENVIRONMENT but development without secrets refuses requests (503, clear log)", async () => {
    const errors = vi.spyOn(console, "error").mockImplementation(() => {});
    const a = await register(); // a token signed with the development key
    for (const environment of ["production", "staging", "Development", "", undefined]) {
      const other = {
        ...env,
        ENVIRONMENT: environment,
        JWT_SECRET: undefined,
        TOTP_ENCRYPTION_KEY: undefined,
      };
      await expect(getAuthKeys(other as typeof env)).rejects.toBeInstanceOf(MissingSecretError);
      expect(await verifyAccessToken(other as typeof env, a.accessToken).catch(() => "refused")).toBe(
        "refused",
      );
      const me = await call("/users/me", { env: other as typeof env, token: a.accessToken });
      expect(me.status, `ENVIRONMENT=${environment}`).toBe(503);
      expect(me.json.error.code).toBe("server_misconfigured");
      const reg = await call("/auth/register", {
        env: other as typeof env,
        body: { email: "p@example.com", password: "prod passphrase 1" },
      });
      expect(reg.status).toBe(503);
      expect(reg.text).not.toContain("JWT_SECRET");
    }
    expect(errors.mock.calls.flat().join(" ")).toContain("JWT_SECRET and TOTP_ENCRYPTION_KEY must be set");
    // Development keeps working with its fixed keys (wrangler.toml, npm start, these tests).
    expect((await call("/users/me", { token: a.accessToken })).status).toBe(200);
  });

  it("configured secrets are used (tokens from the dev key do not verify)", async () => {
    const a = await register();
    const configured = {
      ...env,
      JWT_SECRET: "test-only-secret-0123456789abcdef0123456789abcdef",
      TOTP_ENCRYPTION_KEY: btoa(String.fromCharCode(...new Uint8Array(32).fill(9))),
    };
    expect(await verifyAccessToken(configured, a.accessToken)).toBeNull();
    expect(await verifyAccessToken(env, a.accessToken)).not.toBeNull();
  });
});
