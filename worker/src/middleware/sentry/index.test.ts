// The Sentry middleware starts a per-request client only when SENTRY_DSN is set.
// (Envelopes and scrubbing end to end: test/unit/sentry-sink.test.ts.)
import { env } from "cloudflare:test";
import { Hono } from "hono";
import { describe, expect, it } from "vitest";
import type { AppBindings } from "../../env.ts";
import { sentry } from "./index.ts";

function app(): Hono<AppBindings> {
  const a = new Hono<AppBindings>();
  a.use("*", sentry());
  a.get("/", (c) => c.json({ client: c.get("sentry") !== undefined }));
  return a;
}

describe("sentry middleware", () => {
  it("is a no-op without SENTRY_DSN", async () => {
    const res = await app().request("/", {}, { ...env, SENTRY_DSN: undefined });
    expect(await res.json()).toEqual({ client: false });
  });

  it("gives each request its own client when SENTRY_DSN is set", async () => {
    const seen = new Set<unknown>();
    const a = new Hono<AppBindings>();
    a.use("*", sentry());
    a.get("/", (c) => {
      seen.add(c.get("sentry"));
      return c.text("ok");
    });
    const withDsn = { ...env, SENTRY_DSN: "http://public@127.0.0.1:9/1" };
    await a.request("/", {}, withDsn);
    await a.request("/", {}, withDsn);
    expect(seen.size).toBe(2);
    expect([...seen].every((s) => s !== undefined)).toBe(true);
  });
});
