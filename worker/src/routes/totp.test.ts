// /api/v1/totp contract: status, setup payload, state errors, auth required.
import { describe, expect, it } from "vitest";
import { call, register, registerWith2fa } from "../auth/testing.ts";

describe("totp routes", () => {
  it("status / setup / verify / status for a new account", async () => {
    const a = await register();
    expect((await call("/totp/status", { token: a.accessToken })).json).toEqual({
      enabled: false,
      pendingSetup: false,
      recoveryCodesRemaining: 0,
    });
    const setup = await call("/totp/setup", { method: "POST", token: a.accessToken });
    expect(Object.keys(setup.json).sort()).toEqual(["otpauthUri", "qrSvg", "secret"]);
    expect(setup.json.otpauthUri).toMatch(/^otpauth:\/\/totp\/Forex%20AI:/);
    expect(setup.json.otpauthUri).toContain("issuer=Forex%20AI");
    expect(setup.json.qrSvg.startsWith("<svg")).toBe(true);
  });

  it("state errors: verify without setup, setup/verify when on, disable/regenerate when off", async () => {
    const a = await register();
    const noSetup = await call("/totp/verify", { token: a.accessToken, body: { code: "123456" } });
    expect(noSetup.status).toBe(400);
    expect(noSetup.json.error.code).toBe("no_pending_setup");
    const off = await call("/totp/disable", {
      token: a.accessToken,
      body: { password: a.password, code: "123456" },
    });
    expect(off.status).toBe(409);
    expect(off.json.error.code).toBe("two_factor_not_enabled");
    const b = await registerWith2fa();
    const again = await call("/totp/setup", { method: "POST", token: b.accessToken });
    expect(again.status).toBe(409);
    expect(again.json.error.code).toBe("two_factor_already_enabled");
    expect((await call("/totp/status", { token: b.accessToken })).json).toEqual({
      enabled: true,
      pendingSetup: false,
      recoveryCodesRemaining: 10,
    });
    expect((await call("/users/me", { token: b.accessToken })).json.twoFactorEnabled).toBe(true);
  });

  it("every totp route needs a token", async () => {
    for (const [method, path] of [
      ["GET", "/totp/status"],
      ["POST", "/totp/setup"],
      ["POST", "/totp/verify"],
      ["POST", "/totp/disable"],
      ["POST", "/totp/recovery-codes"],
    ]) {
      const r = await call(path, {
        method,
        body: method === "POST" ? { code: "123456", password: "x" } : undefined,
      });
      expect({ path, status: r.status }).toEqual({ path, status: 401 });
    }
  });
});
