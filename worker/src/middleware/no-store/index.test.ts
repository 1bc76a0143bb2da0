// no-store on API answers, in workerd through the real app (success, error and auth paths).
import { SELF } from "cloudflare:test";
import { Hono } from "hono";
import { describe, expect, it } from "vitest";
import { call, register } from "../../auth/testing.ts";
import type { AppBindings } from "../../env.ts";
import { noStore } from "./index.ts";

describe("noStore", () => {
  it("marks tokens, personal data and settings answers no-store", async () => {
    const a = await register();
    const login = await call("/auth/login", { body: { email: a.email, password: a.password } });
    expect(login.status).toBe(200);
    expect(login.headers.get("Cache-Control")).toBe("no-store");
    const refresh = await call("/auth/refresh", { method: "POST", cookie: login.refresh });
    expect(refresh.status).toBe(200);
    expect(refresh.headers.get("Cache-Control")).toBe("no-store");
    for (const path of ["/users/me", "/users/settings", "/users/sessions", "/totp/status"]) {
      const res = await call(path, { token: a.accessToken });
      expect([path, res.status]).toEqual([path, 200]);
      expect([path, res.headers.get("Cache-Control")]).toEqual([path, "no-store"]);
    }
  });

  it("marks error answers too (401, 404) and leaves the PWA's assets alone", async () => {
    const denied = await call("/users/settings");
    expect(denied.status).toBe(401);
    expect(denied.headers.get("Cache-Control")).toBe("no-store");
    const missing = await SELF.fetch("http://example.com/api/v1/nope");
    expect(missing.status).toBe(404);
    expect(missing.headers.get("Cache-Control")).toBe("no-store");
    const page = await SELF.fetch("http://example.com/");
    expect(page.status).toBe(200);
    expect(page.headers.get("Cache-Control")).not.toBe("no-store");
  });

  it("keeps a Cache-Control a route chose itself", async () => {
    const app = new Hono<AppBindings>();
    app.use("*", noStore());
    app.get("/public", (c) => c.text("x", 200, { "Cache-Control": "public, max-age=60" }));
    app.get("/plain", (c) => c.text("x"));
    expect((await app.request("/public")).headers.get("Cache-Control")).toBe("public, max-age=60");
    expect((await app.request("/plain")).headers.get("Cache-Control")).toBe("no-store");
  });
});
