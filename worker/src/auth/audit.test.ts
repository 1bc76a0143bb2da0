// Checklist item 30: auth events are logged with hashed ids (D1, log line, Sentry breadcrumb).
import { Hono } from "hono";
import { afterEach, describe, expect, it, vi } from "vitest";
import type { AppBindings } from "../env.ts";
import { audit, hashId } from "./audit.ts";
import { call, env, fakeClock, login, registerWith2fa, totpAt } from "./testing.ts";

afterEach(() => vi.restoreAllMocks());

interface EventRow {
  type: string;
  outcome: string;
  user_hash: string | null;
  ip_hash: string | null;
  detail: string | null;
}

async function eventsFor(userId: string): Promise<EventRow[]> {
  const { results } = await env.DB.prepare(
    "SELECT type, outcome, user_hash, ip_hash, detail FROM auth_events WHERE user_hash = ? ORDER BY id",
  )
    .bind(await hashId(env, "user", userId))
    .all<EventRow>();
  return results;
}

describe("item 30: auth events with hashed ids", () => {
  it("item 30: success, failure, TOTP reuse and refresh reuse are logged with hashed ids only", async () => {
    const lines: string[] = [];
    vi.spyOn(console, "log").mockImplementation((...args: unknown[]) => {
      lines.push(args.map(String).join(" "));
    });
    const clock = fakeClock();
    const a = await registerWith2fa();
    clock.advance(30_000);
    await login({ email: a.email, password: "wrong password here" });
    const code = await totpAt(a.secret);
    const ok = await call("/auth/login-2fa", { body: { challenge: (await login(a)).json.challenge, code } });
    expect(ok.status).toBe(200);
    await call("/auth/login-2fa", { body: { challenge: (await login(a)).json.challenge, code } });
    const r1 = await call("/auth/refresh", { method: "POST", cookie: ok.refresh });
    await call("/auth/refresh", { method: "POST", cookie: r1.refresh });
    await call("/auth/refresh", { method: "POST", cookie: ok.refresh });

    const events = await eventsFor(a.userId);
    const seen = events.map((e) => `${e.type}:${e.outcome}`);
    for (const expected of [
      "register:success",
      "2fa_enabled:success",
      "login:failure",
      "login:success",
      "login_2fa:success",
      "totp_reuse:failure",
      "refresh_reuse:failure",
    ]) {
      expect(seen).toContain(expected);
    }
    const stored = JSON.stringify(events);
    const logged = lines.filter((l) => l.includes('"auth_event"')).join("\n");
    expect(logged).toContain(await hashId(env, "user", a.userId));
    for (const secret of [a.email, a.userId, a.password, code, a.secret, ok.refresh as string]) {
      expect(stored).not.toContain(secret);
      expect(logged).not.toContain(secret);
    }
    for (const e of events) expect(e.user_hash).toMatch(/^[A-Za-z0-9_-]{22}$/);
  });

  it("item 30: unknown-email login failures are logged without any user id", async () => {
    const before = await env.DB.prepare(
      "SELECT COUNT(*) AS n FROM auth_events WHERE type = 'login' AND user_hash IS NULL",
    ).first<{ n: number }>();
    await login({ email: "nobody-at-all@example.com", password: "whatever password" });
    const after = await env.DB.prepare(
      "SELECT COUNT(*) AS n FROM auth_events WHERE type = 'login' AND user_hash IS NULL",
    ).first<{ n: number }>();
    expect((after?.n ?? 0) - (before?.n ?? 0)).toBe(1);
  });

  it("item 30: a Sentry breadcrumb (category auth, hashed ids, no email) when a client is present", async () => {
    const crumbs: Array<{ category?: string; message?: string; data?: Record<string, unknown> }> = [];
    const sentry = { addBreadcrumb: (b: (typeof crumbs)[number]) => crumbs.push(b), setUser: () => {} };
    const app = new Hono<AppBindings>();
    app.use("*", async (c, next) => {
      c.set("requestId", "audit-test");
      c.set("sentry", sentry as unknown as NonNullable<AppBindings["Variables"]["sentry"]>);
      await next();
    });
    app.get("/", async (c) => {
      await audit(c, { type: "login", outcome: "failure", userId: "user-123", detail: "bad_credentials" });
      return c.text("ok");
    });
    const res = await app.request("/", { headers: { "CF-Connecting-IP": "203.0.113.9" } }, env);
    expect(res.status).toBe(200);
    expect(crumbs).toHaveLength(1);
    expect(crumbs[0].category).toBe("auth");
    expect(crumbs[0].data?.user).toBe(await hashId(env, "user", "user-123"));
    expect(JSON.stringify(crumbs)).not.toContain("user-123");
    expect(JSON.stringify(crumbs)).not.toContain("203.0.113.9");
  });
});

describe("hashed ids", () => {
  it("are stable per input and differ across inputs", async () => {
    expect(await hashId(env, "user", "x")).toBe(await hashId(env, "user", "x"));
    expect(await hashId(env, "user", "x")).not.toBe(await hashId(env, "user", "y"));
    expect(await hashId(env, "user", "x")).not.toBe(await hashId(env, "ip", "x"));
  });
});
