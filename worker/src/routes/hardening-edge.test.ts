// Issue 13 items 3, 9, 10 and 11 (checklist 35, 39, 36): security headers on the Worker's
// answers, a D1 outage answered 503 (and health 503), every body capped before parsing,
// and the dev outbox only for local requests or signed-in users. Real app in workerd.
import { env, SELF } from "cloudflare:test";
import { afterEach, describe, expect, it, vi } from "vitest";
import { call, register, uniqueEmail } from "../auth/testing.ts";
import { getEmailService } from "../services/email/index.ts";

afterEach(() => vi.restoreAllMocks());

describe("issue 13 item 3: security headers (checklist 35)", () => {
  const common = (h: Headers) => {
    expect(h.get("Strict-Transport-Security")).toMatch(/max-age=\d{7,}/);
    expect(h.get("X-Content-Type-Options")).toBe("nosniff");
    expect(h.get("Referrer-Policy")).toBe("no-referrer");
    expect(h.get("X-Frame-Options")).toBe("DENY");
    expect(h.get("Content-Security-Policy")).toContain("frame-ancestors 'none'");
  };

  it("the API answers with a CSP that allows nothing, errors included", async () => {
    for (const path of ["/health", "/users/me", "/no-such-route"]) {
      const r = await call(path);
      common(r.headers);
      expect(r.headers.get("Content-Security-Policy")).toContain("default-src 'none'");
    }
  });

  it("the API reference has its own CSP and no inline script", async () => {
    const r = await call("/docs");
    common(r.headers);
    const csp = r.headers.get("Content-Security-Policy") ?? "";
    expect(csp).toContain("script-src 'self'");
    expect(csp).not.toContain("unsafe-inline'; script");
    expect(r.text).not.toMatch(/<script>(?!<\/script>)/);
    expect(r.text).toContain('<script src="/vendor/swagger-init.js"></script>');
  });

  it("app pages served through the Worker get the app's CSP: no unsafe-eval there", async () => {
    const res = await SELF.fetch("http://localhost/trade");
    common(res.headers);
    const csp = res.headers.get("Content-Security-Policy") ?? "";
    expect(csp).toContain("script-src 'self' 'wasm-unsafe-eval'");
    expect(csp).not.toContain("'unsafe-eval'");
    expect(csp).toContain("connect-src 'self'");
  });
});

describe("issue 13 item 9: a D1 outage answers 503 with Retry-After (checklist 39)", () => {
  const down = {
    ...env,
    RATE_LIMIT_TIMEOUT_MS: "15000",
    DB: {
      prepare() {
        throw new Error("D1_ERROR: Network connection lost.");
      },
      batch() {
        return Promise.reject(new Error("D1_ERROR: Network connection lost."));
      },
    } as unknown as D1Database,
  };

  it("requests that need the database -> 503 database_unavailable + Retry-After", async () => {
    const a = await register();
    vi.spyOn(console, "error").mockImplementation(() => {});
    for (const [path, body] of [
      ["/users/me", undefined],
      ["/auth/login", { email: a.email, password: a.password }],
    ] as const) {
      const r = await call(path, { env: down, token: a.accessToken, body });
      expect(r.status, path).toBe(503);
      expect(r.headers.get("Retry-After")).toBe("5");
      expect(r.json.error.code).toBe("database_unavailable");
    }
  });

  it("health answers 503 with d1: false, so a load balancer notices", async () => {
    const r = await call("/health", { env: down });
    expect(r.status).toBe(503);
    expect(r.json).toMatchObject({ status: "degraded", d1: false });
    expect((await call("/health")).status).toBe(200);
  });
});

describe("issue 13 item 10: every body is capped before parsing (checklist 36)", () => {
  const big = (bytes: number) => `{"x":"${"a".repeat(bytes)}`; // not even valid JSON

  it("a 200 KB settings PUT and a 100 KB login -> 413, never parsed (invalid JSON would be 400)", async () => {
    const a = await register();
    const put = await SELF.fetch("http://localhost/api/v1/users/settings", {
      method: "PUT",
      headers: { Authorization: `Bearer ${a.accessToken}`, "Content-Type": "application/json" },
      body: big(200_000),
    });
    expect(put.status).toBe(413);
    const small = await SELF.fetch("http://localhost/api/v1/auth/login", {
      method: "POST",
      headers: { "Content-Type": "application/json", "CF-Connecting-IP": "198.19.0.3" },
      body: big(1000),
    });
    expect(small.status).toBe(400); // the same broken JSON under the cap reaches the parser
    const huge = await SELF.fetch("http://localhost/api/v1/auth/login", {
      method: "POST",
      headers: { "Content-Type": "application/json", "CF-Connecting-IP": "198.19.0.1" },
      body: big(100_000),
    });
    expect(huge.status).toBe(413);
    expect(((await huge.json()) as { error: { message: string } }).error.message).toContain(
      "the limit is 65536 bytes",
    );
  });

  it("a streamed body without Content-Length is counted while read and stopped at the cap", async () => {
    let sent = 0;
    const stream = new ReadableStream<Uint8Array>({
      pull(controller) {
        if (sent >= 1_000_000) return controller.close();
        sent += 16_384;
        controller.enqueue(new Uint8Array(16_384).fill(97));
      },
    });
    const res = await SELF.fetch("http://localhost/api/v1/auth/register", {
      method: "POST",
      headers: { "Content-Type": "application/json", "CF-Connecting-IP": "198.19.0.2" },
      body: stream,
      // @ts-expect-error: workerd accepts duplex for streamed request bodies
      duplex: "half",
    });
    expect(res.status).toBe(413);
    expect(sent).toBeLessThan(1_000_000);
  });
});

describe("issue 13 item 11: the dev outbox is for local requests or signed-in users", () => {
  const outbox = (headers: Record<string, string>, host = "localhost:8787") =>
    SELF.fetch(`http://${host}/api/v1/dev/outbox`, { headers });

  it("a remote request without a session -> 401; a proxied or rebound one is not local", async () => {
    expect((await outbox({ "CF-Connecting-IP": "192.168.1.20" })).status).toBe(401);
    expect(
      (await outbox({ "CF-Connecting-IP": "127.0.0.1", "X-Forwarded-For": "192.168.1.20" })).status,
    ).toBe(401);
    expect((await outbox({ "CF-Connecting-IP": "127.0.0.1" }, "evil.example")).status).toBe(401);
    expect((await outbox({ "CF-Connecting-IP": "127.0.0.1" })).status).toBe(200);
  });

  it("a signed-in remote user sees only their own emails; a browser gets the development-only notice", async () => {
    const a = await register();
    const someoneElse = uniqueEmail("other");
    await getEmailService(env).send({ to: someoneElse, template: "welcome", data: {} });
    const res = await outbox({
      "CF-Connecting-IP": "192.168.1.20",
      Authorization: `Bearer ${a.accessToken}`,
    });
    expect(res.status).toBe(200);
    const body = (await res.json()) as { notice: string; messages: Array<{ to: string }> };
    expect(body.messages.length).toBeGreaterThan(0);
    expect(body.messages.every((m) => m.to === a.email)).toBe(true);
    expect(body.notice).toContain("Development only");
    const page = await outbox({ "CF-Connecting-IP": "127.0.0.1", Accept: "text/html" });
    expect(page.headers.get("Content-Type")).toContain("text/html");
    expect(await page.text()).toContain("exists because the server runs with ENVIRONMENT=development");
  });
});
