// Dev-only endpoints: the outbox (console email provider, D1) and the crash route.
import { env, SELF } from "cloudflare:test";
import { describe, expect, it } from "vitest";
import { createApp } from "../app.ts";
import { getEmailService } from "../services/email/index.ts";
import { CRASH_FAKE_SECRETS } from "./dev.ts";

interface Outbox {
  messages: Array<{
    to: string;
    subject: string;
    text: string;
    html: string;
    template: string;
    createdAt: string;
  }>;
}

describe("GET /api/v1/dev/outbox", () => {
  it("returns console-provider emails newest first with text, HTML and template", async () => {
    const email = getEmailService(env);
    await email.send({ to: "first@example.com", template: "welcome", data: { name: "<Ada>" } });
    await email.send({
      to: "second@example.com",
      template: "password-reset",
      data: { resetUrl: "http://localhost:8787/reset-password?token=abc123" },
    });
    const res = await SELF.fetch("http://localhost:8787/api/v1/dev/outbox", {
      headers: { "CF-Connecting-IP": "127.0.0.1" },
    });
    expect(res.status).toBe(200);
    const { messages } = (await res.json()) as Outbox;
    expect(messages.map((m) => m.to).slice(0, 2)).toEqual(["second@example.com", "first@example.com"]);
    const [reset, welcome] = messages;
    expect(reset.template).toBe("password-reset");
    expect(reset.subject).toBe("Reset your Forex AI password");
    expect(reset.text).toContain("http://localhost:8787/reset-password?token=abc123");
    expect(reset.html).toContain('href="http://localhost:8787/reset-password?token=abc123"');
    expect(welcome.html).toContain("Hello &lt;Ada&gt;");
    expect(welcome.html).not.toContain("<Ada>");
    expect(Date.parse(welcome.createdAt)).not.toBeNaN();
  });

  it("is a 404 outside development, for the outbox and the crash route", async () => {
    const app = createApp();
    const prod = {
      ...env,
      ENVIRONMENT: "production",
      JWT_SECRET: "test-only-secret-0123456789abcdef0123456789abcdef",
      TOTP_ENCRYPTION_KEY: btoa(String.fromCharCode(...new Uint8Array(32).fill(9))),
    };
    for (const path of ["/api/v1/dev/outbox", "/api/v1/dev/crash"]) {
      const res = await app.request(path, {}, prod);
      expect(res.status).toBe(404);
      expect(((await res.json()) as { error: { code: string } }).error.code).toBe("not_found");
    }
  });

  it("does not store emails outside development", async () => {
    await getEmailService({ ...env, ENVIRONMENT: "production" }).send({
      to: "prod@example.com",
      template: "welcome",
      data: {},
    });
    const row = await env.DB.prepare("SELECT COUNT(*) AS n FROM dev_outbox WHERE to_address = ?")
      .bind("prod@example.com")
      .first<{ n: number }>();
    expect(row?.n).toBe(0);
  });
});

describe("GET /api/v1/dev/crash (checklist 32)", () => {
  it("answers a generic 500 body without stack, message or secrets", async () => {
    const res = await SELF.fetch(`http://example.com/api/v1/dev/crash?token=${CRASH_FAKE_SECRETS.token}`, {
      headers: { Authorization: `Bearer ${CRASH_FAKE_SECRETS.token}` },
    });
    expect(res.status).toBe(500);
    const text = await res.text();
    const body = JSON.parse(text) as { error: { code: string; message: string; requestId: string } };
    expect(body.error.code).toBe("internal");
    expect(body.error.requestId).toBe(res.headers.get("X-Request-Id"));
    for (const secret of Object.values(CRASH_FAKE_SECRETS)) expect(text).not.toContain(secret);
    expect(text).not.toMatch(/Deliberate crash|at .*\.ts|stack/i);
  });
});
