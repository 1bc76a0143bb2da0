// Monitoring end to end (checklist 29): the real Worker runs in workerd through wrangler's
// unstable_startWorker with SENTRY_DSN pointing at a local sink; a forced error must reach
// the sink as a real Sentry envelope carrying the user id and none of the secrets.
import { mkdtempSync, rmSync } from "node:fs";
import http from "node:http";
import type net from "node:net";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { unstable_startWorker } from "wrangler";
import { CRASH_FAKE_SECRETS } from "../../worker/src/routes/dev-secrets.ts";

interface Envelope {
  url: string;
  header: Record<string, unknown>;
  items: Array<{ header: Record<string, unknown>; payload: Record<string, unknown> }>;
  raw: string;
}

const envelopes: Envelope[] = [];
let sink: http.Server;
let sinkPort = 0;
let worker: Awaited<ReturnType<typeof unstable_startWorker>>;
// An empty assets directory: the PWA is not needed here and may not be built yet.
const assetsDir = mkdtempSync(join(tmpdir(), "forex-ai-sink-assets-"));

function parseEnvelope(url: string, raw: string): Envelope {
  const lines = raw.split("\n").filter((l) => l.trim());
  const items: Envelope["items"] = [];
  for (let i = 1; i + 1 < lines.length; i += 2)
    items.push({ header: JSON.parse(lines[i]), payload: JSON.parse(lines[i + 1]) });
  return { url, header: JSON.parse(lines[0]), items, raw };
}

async function waitFor<T>(find: () => T | undefined, ms: number): Promise<T> {
  const deadline = Date.now() + ms;
  for (;;) {
    const found = find();
    if (found !== undefined) return found;
    if (Date.now() > deadline) throw new Error(`Nothing arrived at the sink within ${ms} ms`);
    await new Promise((r) => setTimeout(r, 100));
  }
}

beforeAll(async () => {
  sink = http.createServer((req, res) => {
    const chunks: Buffer[] = [];
    req.on("data", (c: Buffer) => chunks.push(c));
    req.on("end", () => {
      envelopes.push(parseEnvelope(req.url ?? "", Buffer.concat(chunks).toString("utf8")));
      res.writeHead(200, { "Content-Type": "application/json" });
      res.end("{}");
    });
  });
  await new Promise<void>((resolve) => sink.listen(0, "127.0.0.1", resolve));
  sinkPort = (sink.address() as net.AddressInfo).port;
  worker = await unstable_startWorker({
    config: "wrangler.toml",
    assets: assetsDir,
    bindings: { SENTRY_DSN: { type: "plain_text", value: `http://public@127.0.0.1:${sinkPort}/1` } },
    dev: {
      server: { hostname: "127.0.0.1", port: 0 },
      inspector: false,
      persist: false,
      watch: false,
      logLevel: "none",
    },
  });
  await worker.ready;
}, 120_000);

afterAll(async () => {
  await worker?.dispose();
  await new Promise<void>((resolve) => sink?.close(() => resolve()));
  rmSync(assetsDir, { recursive: true, force: true });
});

describe("Sentry envelopes from the running Worker", () => {
  it("reports a forced 500 with the user id and without any secret", async () => {
    const url = new URL("/api/v1/dev/crash?token=fake-query-token-81&otp=55", await worker.url);
    const res = await fetch(url, {
      headers: {
        Authorization: `Bearer ${CRASH_FAKE_SECRETS.token}`,
        Cookie: "refresh=fake-cookie-value-42",
        "X-Request-Id": "sink-test-request-1",
      },
    });
    expect(res.status).toBe(500);
    const body = await res.text();
    expect(body).not.toContain(CRASH_FAKE_SECRETS.token);

    const envelope = await waitFor(
      () => envelopes.find((e) => e.items.some((i) => i.header.type === "event")),
      25_000,
    );
    expect(envelope.url).toMatch(/^\/api\/1\/envelope\/\?sentry_key=public&/);
    const event = envelope.items.find((i) => i.header.type === "event")?.payload as {
      exception: { values: Array<{ type: string; value: string }> };
      user?: { id?: string; email?: string };
      request?: { url?: string; headers?: Record<string, string>; query_string?: unknown; cookies?: unknown };
      tags?: Record<string, string>;
      extra?: Record<string, unknown>;
    };
    expect(event.exception.values[0].type).toBe("Error");
    expect(event.exception.values[0].value).toContain("Deliberate crash for monitoring tests");
    expect(event.user).toEqual({ id: "dev-crash-user" });
    expect(event.tags?.request_id).toBe("sink-test-request-1");
    expect(event.request?.url).toMatch(/\/api\/v1\/dev\/crash$/);
    expect(event.request?.query_string).toBeUndefined();
    expect(event.request?.cookies).toBeUndefined();
    const headerNames = Object.keys(event.request?.headers ?? {}).map((h) => h.toLowerCase());
    expect(headerNames).not.toContain("authorization");
    expect(headerNames).not.toContain("cookie");
    expect(event.extra).toBeDefined(); // the planted context arrived, scrubbed
    for (const secret of [
      ...Object.values(CRASH_FAKE_SECRETS),
      "fake-query-token-81",
      "fake-cookie-value-42",
      "crash@example.com",
    ]) {
      expect(envelope.raw).not.toContain(secret);
    }
  }, 60_000);

  it("sends nothing for expected errors (HttpError such as 404)", async () => {
    const before = envelopes.length;
    const res = await fetch(new URL("/api/v1/no-such-endpoint", await worker.url));
    expect(res.status).toBe(404);
    await new Promise((r) => setTimeout(r, 1000));
    expect(envelopes.length).toBe(before);
  });
});
