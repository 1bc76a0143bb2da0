// AI proxy end to end (checklist 31): the real Worker runs in workerd through wrangler's
// unstable_startWorker with AI_BASE_URL pointing at a local server that imitates the
// OpenAI- and Anthropic-compatible APIs. We sign up through the API and check what the
// provider receives (key only in its header, clamped max tokens) and what the browser
// gets (normalised SSE, mapped errors, 413, 401, 429, /status) — never the key.

import { afterAll, beforeAll, describe, expect, it } from "vitest";
import {
  type FakeAiProvider,
  type RecordedRequest,
  startFakeAiProvider,
} from "../support/fake-ai-provider.ts";
import { localWorkers } from "../support/local-workers.ts";

const OPENAI_KEY = "sk-test-openai-9f8e7d6c5b4a-SECRET";
const ANTHROPIC_KEY = "sk-ant-test-0a1b2c3d4e5f-SECRET";
const MAX_TOKENS = 256;
const MAX_BYTES = 4096;
const CLIENT_IP = "203.0.113.31";

const { migratedState, startWorker, dispose: disposeWorkers } = localWorkers("forex-ai-ai-proxy-");
let provider: FakeAiProvider;
/** Everything the browser side received, checked for the keys at the end. */
const seenByBrowser: string[] = [];

interface Answer {
  status: number;
  headers: Headers;
  text: string;
}

async function call(url: string, init: RequestInit & { token?: string } = {}): Promise<Answer> {
  const headers = new Headers(init.headers);
  headers.set("CF-Connecting-IP", CLIENT_IP);
  if (init.token) headers.set("Authorization", `Bearer ${init.token}`);
  const res = await fetch(url, { ...init, headers });
  const text = await res.text();
  seenByBrowser.push(text, JSON.stringify([...res.headers]));
  return { status: res.status, headers: res.headers, text };
}

let userCount = 0;
async function signUp(origin: string): Promise<string> {
  userCount += 1;
  const res = await call(`${origin}/api/v1/auth/register`, {
    method: "POST",
    headers: { "Content-Type": "application/json" },
    body: JSON.stringify({
      email: `ai-proxy-${userCount}@example.com`,
      password: "correct horse battery 31",
    }),
  });
  expect(res.status).toBe(201);
  return (JSON.parse(res.text) as { accessToken: string }).accessToken;
}

function chat(origin: string, token: string | undefined, body: unknown): Promise<Answer> {
  return call(`${origin}/api/v1/ai/chat`, {
    method: "POST",
    token,
    headers: { "Content-Type": "application/json" },
    body: typeof body === "string" ? body : JSON.stringify(body),
  });
}

/** The `data:` events of a normalised stream. */
function events(text: string): Array<{ type: string; text?: string; stopReason?: string }> {
  return text
    .split("\n\n")
    .filter((block) => block.startsWith("data: "))
    .map((block) => JSON.parse(block.slice("data: ".length)));
}

const hello = { messages: [{ role: "user", content: "What is EURUSD doing?" }], context: "regime: trend" };
const TIMEOUT = { timeout: 30_000 };
let openai = "";
let anthropic = "";
let unconfigured = "";

beforeAll(async () => {
  provider = await startFakeAiProvider();
  const template = migratedState();
  const common = { AI_MAX_TOKENS: String(MAX_TOKENS), AI_MAX_REQUEST_BYTES: String(MAX_BYTES) };
  [openai, anthropic, unconfigured] = await Promise.all([
    startWorker("openai", template, {
      ...common,
      AI_PROVIDER: "openai",
      AI_API_KEY: OPENAI_KEY,
      AI_BASE_URL: provider.url,
      AI_MODEL: "test-gpt",
      AI_TIMEOUT_MS: "1500",
    }),
    startWorker("anthropic", template, {
      ...common,
      AI_PROVIDER: "anthropic",
      AI_API_KEY: ANTHROPIC_KEY,
      AI_BASE_URL: `${provider.url}/v1/`,
      AI_MODEL: "test-claude",
    }),
    startWorker("none", template, {}),
  ]);
  // First requests compile the Worker and open D1 and the Durable Objects: do it here,
  // not inside the first test's time budget.
  for (const origin of [openai, anthropic, unconfigured]) await signUp(origin);
}, 120_000);

afterAll(async () => {
  await disposeWorkers();
  await provider?.close();
});

/** The one provider request whose body holds marker (robust to stray late requests). */
function sentWith(marker: string): RecordedRequest {
  const found = provider.requests.filter((r) => r.body.includes(marker));
  expect(found).toHaveLength(1);
  return found[0];
}

function errorOf(res: Answer): { code: string; message: string; fields?: Array<{ path: string }> } {
  return (JSON.parse(res.text) as { error: { code: string; message: string } }).error;
}

describe("item 31: AI proxy with an OpenAI-compatible provider", TIMEOUT, () => {
  it("item 31: streams the answer normalised; the key reaches the provider only as its Bearer header", async () => {
    const token = await signUp(openai);
    provider.setMode({ kind: "stream", pieces: ["Hello", ", trader", "!"] });
    const question = { ...hello, messages: [{ role: "user", content: "What is EURUSD doing? (openai)" }] };
    const res = await chat(openai, token, question);
    expect(res.status).toBe(200);
    expect(res.headers.get("Content-Type")).toMatch(/^text\/event-stream/);
    expect(events(res.text)).toEqual([
      { type: "delta", text: "Hello" },
      { type: "delta", text: ", trader" },
      { type: "delta", text: "!" },
      { type: "done", stopReason: "end" },
    ]);
    const sent = sentWith("(openai)");
    expect(sent.path).toBe("/v1/chat/completions");
    expect(sent.headers.authorization).toBe(`Bearer ${OPENAI_KEY}`);
    const otherHeaders = Object.entries(sent.headers).filter(([k]) => k !== "authorization");
    expect(JSON.stringify(otherHeaders)).not.toContain(OPENAI_KEY);
    expect(sent.body).not.toContain(OPENAI_KEY);
    const body = JSON.parse(sent.body);
    expect(body).toMatchObject({ model: "test-gpt", stream: true, max_tokens: MAX_TOKENS });
    expect(body.messages[0].role).toBe("system");
    expect(body.messages[0].content).toContain("regime: trend");
    expect(body.messages[1]).toEqual({ role: "user", content: "What is EURUSD doing? (openai)" });
    expect(res.text).not.toContain(OPENAI_KEY);
  });

  it("item 31: maxTokens is clamped to AI_MAX_TOKENS in the forwarded body", async () => {
    const token = await signUp(openai);
    provider.setMode({ kind: "stream", pieces: ["ok"] });
    const forwarded: number[] = [];
    for (const maxTokens of [100_000, 50, undefined]) {
      const marker = `clamp test ${maxTokens}`;
      const res = await chat(openai, token, { messages: [{ role: "user", content: marker }], maxTokens });
      expect(res.status).toBe(200);
      forwarded.push(JSON.parse(sentWith(marker).body).max_tokens);
    }
    expect(forwarded).toEqual([MAX_TOKENS, 50, MAX_TOKENS]);
  });

  it("item 31: a body over AI_MAX_REQUEST_BYTES -> 413 before parsing (Content-Length and actual bytes)", async () => {
    const token = await signUp(openai);
    const before = provider.requests.length;
    const big = { messages: [{ role: "user", content: "x".repeat(MAX_BYTES) }] };
    const declared = await chat(openai, token, big);
    expect(declared.status).toBe(413);
    expect(errorOf(declared)).toMatchObject({ code: "payload_too_large" });
    expect(errorOf(declared).message).toContain(`the limit is ${MAX_BYTES} bytes`);
    // Not even JSON: refused for its size, so nothing parsed it (a parse would answer 400).
    const garbage = await chat(openai, token, `{${"x".repeat(MAX_BYTES + 10)}`);
    expect(garbage.status).toBe(413);
    // No Content-Length (chunked upload): the actual bytes are counted.
    const bytes = new TextEncoder().encode(JSON.stringify(big));
    const stream = new ReadableStream<Uint8Array>({
      start(controller) {
        for (let i = 0; i < bytes.length; i += 1000) controller.enqueue(bytes.slice(i, i + 1000));
        controller.close();
      },
    });
    const chunked = await call(`${openai}/api/v1/ai/chat`, {
      method: "POST",
      token,
      headers: { "Content-Type": "application/json" },
      body: stream,
      duplex: "half",
    } as RequestInit & { token: string });
    expect(chunked.status).toBe(413);
    expect(errorOf(chunked).message).toContain(`the limit is ${MAX_BYTES} bytes`);
    expect(provider.requests.length).toBe(before);
  });

  it("item 31: invalid requests -> 400 with field errors, nothing forwarded", async () => {
    const token = await signUp(openai);
    const before = provider.requests.length;
    const empty = await chat(openai, token, { messages: [] });
    expect(empty.status).toBe(400);
    expect(errorOf(empty).fields?.map((f) => f.path)).toContain("messages");
    const lastAssistant = await chat(openai, token, { messages: [{ role: "assistant", content: "hi" }] });
    expect(lastAssistant.status).toBe(400);
    expect(errorOf(lastAssistant).fields?.map((f) => f.path)).toContain("messages.0.role");
    const badRole = await chat(openai, token, {
      messages: [{ role: "system", content: "hi" }],
      maxTokens: 0,
    });
    expect(errorOf(badRole).fields?.map((f) => f.path)).toEqual(
      expect.arrayContaining(["messages.0.role", "maxTokens"]),
    );
    expect(provider.requests.length).toBe(before);
  });

  it("item 31: provider 401 -> 502 with a clear message and none of the provider's body", async () => {
    const token = await signUp(openai);
    const leaky = `{"error":{"message":"Incorrect API key provided: ${OPENAI_KEY}","type":"invalid_request_error","code":"invalid_api_key"}}`;
    provider.setMode({ kind: "status", status: 401, body: leaky });
    const res = await chat(openai, token, hello);
    expect(res.status).toBe(502);
    expect(errorOf(res)).toMatchObject({
      code: "ai_provider_auth",
      message: "The AI provider refused our key — the operator must check AI_API_KEY.",
    });
    expect(res.text).not.toContain("Incorrect API key");
    expect(res.text).not.toContain(OPENAI_KEY);
  });

  it("item 31: provider 429 -> 503 with the provider's Retry-After", async () => {
    const token = await signUp(openai);
    provider.setMode({
      kind: "status",
      status: 429,
      headers: { "Retry-After": "17" },
      body: '{"error":{"type":"rate_limit_exceeded","message":"slow down"}}',
    });
    const res = await chat(openai, token, hello);
    expect(res.status).toBe(503);
    expect(res.headers.get("Retry-After")).toBe("17");
    expect(errorOf(res).code).toBe("ai_provider_rate_limited");
    expect(errorOf(res).message).toContain("in 17 s");
    expect(res.text).not.toContain("slow down");
  });

  it("item 31: provider 5xx and a provider that never answers -> 502 unavailable", async () => {
    const token = await signUp(openai);
    provider.setMode({ kind: "status", status: 500, body: '{"error":"internal stack trace at /srv/x.py"}' });
    const failed = await chat(openai, token, hello);
    expect(failed.status).toBe(502);
    expect(errorOf(failed).message).toMatch(/^The AI provider is unavailable/);
    expect(failed.text).not.toContain("stack trace");
    provider.setMode({ kind: "hang" });
    const started = Date.now();
    const hung = await chat(openai, token, hello);
    expect(hung.status).toBe(502);
    expect(errorOf(hung).code).toBe("ai_provider_unavailable");
    expect(Date.now() - started).toBeLessThan(10_000);
  });

  it("item 31: a provider that stalls mid-answer -> the text so far, then an error event", async () => {
    const token = await signUp(openai);
    provider.setMode({ kind: "stream", pieces: ["Partial"], stall: true });
    const res = await chat(openai, token, hello);
    expect(res.status).toBe(200);
    const got = events(res.text);
    expect(got[0]).toEqual({ type: "delta", text: "Partial" });
    expect(got.at(-1)).toMatchObject({ type: "error", code: "ai_provider_unavailable" });
    expect(got.some((e) => e.type === "done")).toBe(false);
  });

  it("item 31: signed-out requests -> 401 and nothing is forwarded", async () => {
    const before = provider.requests.length;
    const res = await chat(openai, undefined, hello);
    expect(res.status).toBe(401);
    expect(errorOf(res).code).toBe("unauthorized");
    const bogus = await chat(openai, "not-a-real-token", hello);
    expect(bogus.status).toBe(401);
    expect((await call(`${openai}/api/v1/ai/status`)).status).toBe(401);
    expect(provider.requests.length).toBe(before);
  });

  it("item 31: the ml rate class refuses the 11th quick call with 429 and Retry-After", async () => {
    const token = await signUp(openai);
    provider.setMode({ kind: "stream", pieces: ["ok"] });
    const statuses: number[] = [];
    for (let i = 0; i < 10; i += 1) statuses.push((await chat(openai, token, hello)).status);
    expect(statuses).toEqual(Array(10).fill(200));
    const before = provider.requests.length;
    const refused = await chat(openai, token, hello);
    expect(refused.status).toBe(429);
    expect(Number(refused.headers.get("Retry-After"))).toBeGreaterThanOrEqual(1);
    expect(errorOf(refused).message).toContain("10 per minute for AI requests");
    expect(provider.requests.length).toBe(before);
    // Another user is not affected.
    expect((await chat(openai, await signUp(openai), hello)).status).toBe(200);
  });

  it("item 31: /status shows provider, model and caps, never the key", async () => {
    const res = await call(`${openai}/api/v1/ai/status`, { token: await signUp(openai) });
    expect(res.status).toBe(200);
    expect(JSON.parse(res.text)).toEqual({
      configured: true,
      provider: "openai",
      model: "test-gpt",
      maxTokens: MAX_TOKENS,
      maxRequestBytes: MAX_BYTES,
    });
    expect(res.text).not.toContain(OPENAI_KEY);
  });
});

describe("item 31: AI proxy with an Anthropic-compatible provider", TIMEOUT, () => {
  it("item 31: streams the answer normalised; the key reaches the provider only as x-api-key", async () => {
    const token = await signUp(anthropic);
    provider.setMode({ kind: "stream", pieces: ["Range", "-bound ", "today."] });
    const messages = [
      { role: "assistant", content: "Welcome back." },
      { role: "user", content: "Range or trend? (anthropic)" },
    ];
    const res = await chat(anthropic, token, { ...hello, messages, maxTokens: 5000, system: "Be brief." });
    expect(res.status).toBe(200);
    expect(events(res.text)).toEqual([
      { type: "delta", text: "Range" },
      { type: "delta", text: "-bound " },
      { type: "delta", text: "today." },
      { type: "done", stopReason: "end" },
    ]);
    const sent = sentWith("(anthropic)");
    expect(sent.path).toBe("/v1/messages");
    expect(sent.headers["x-api-key"]).toBe(ANTHROPIC_KEY);
    expect(sent.headers["anthropic-version"]).toBe("2023-06-01");
    expect(sent.headers.authorization).toBeUndefined();
    const otherHeaders = Object.entries(sent.headers).filter(([k]) => k !== "x-api-key");
    expect(JSON.stringify(otherHeaders)).not.toContain(ANTHROPIC_KEY);
    expect(sent.body).not.toContain(ANTHROPIC_KEY);
    const body = JSON.parse(sent.body);
    expect(body).toMatchObject({ model: "test-claude", stream: true, max_tokens: MAX_TOKENS });
    expect(body.system).toMatch(/^Be brief\.[\s\S]*regime: trend$/);
    // The Messages API wants a user turn first: the leading greeting is dropped.
    expect(body.messages).toEqual([{ role: "user", content: "Range or trend? (anthropic)" }]);
    expect(res.text).not.toContain(ANTHROPIC_KEY);
  });

  it("item 31: provider 403, 429 and 529 are mapped to clear messages", async () => {
    const token = await signUp(anthropic);
    const body = `{"type":"error","error":{"type":"permission_error","message":"key ${ANTHROPIC_KEY} denied"}}`;
    provider.setMode({ kind: "status", status: 403, body });
    const refused = await chat(anthropic, token, hello);
    expect([refused.status, errorOf(refused).code]).toEqual([502, "ai_provider_auth"]);
    provider.setMode({ kind: "status", status: 429, headers: { "retry-after": "42" }, body });
    const busy = await chat(anthropic, token, hello);
    expect([busy.status, busy.headers.get("Retry-After")]).toEqual([503, "42"]);
    provider.setMode({
      kind: "status",
      status: 529,
      body: '{"type":"error","error":{"type":"overloaded_error"}}',
    });
    const overloaded = await chat(anthropic, token, hello);
    expect([overloaded.status, errorOf(overloaded).code]).toEqual([502, "ai_provider_unavailable"]);
    for (const res of [refused, busy, overloaded]) expect(res.text).not.toContain("denied");
  });

  it("item 31: /status names the provider and model, never the key", async () => {
    const res = await call(`${anthropic}/api/v1/ai/status`, { token: await signUp(anthropic) });
    expect(JSON.parse(res.text)).toMatchObject({
      configured: true,
      provider: "anthropic",
      model: "test-claude",
    });
    expect(res.text).not.toContain(ANTHROPIC_KEY);
  });
});

describe("item 31: AI proxy without a key", TIMEOUT, () => {
  it("item 31: chat -> 503 ai_not_configured (the app answers locally); /status says not configured", async () => {
    const token = await signUp(unconfigured);
    const before = provider.requests.length;
    const res = await chat(unconfigured, token, hello);
    expect(res.status).toBe(503);
    expect(errorOf(res).code).toBe("ai_not_configured");
    expect(errorOf(res).message).toContain("the app answers from local analysis");
    const status = await call(`${unconfigured}/api/v1/ai/status`, { token });
    expect(JSON.parse(status.text)).toMatchObject({ configured: false });
    expect(JSON.parse(status.text).provider).toBeUndefined();
    expect(provider.requests.length).toBe(before);
  });

  it("item 31: no browser response in this file ever carried a key", () => {
    expect(seenByBrowser.length).toBeGreaterThan(20);
    const everything = seenByBrowser.join("\n");
    expect(everything).not.toContain(OPENAI_KEY);
    expect(everything).not.toContain(ANTHROPIC_KEY);
    for (const req of provider.requests) expect(req.body).not.toMatch(/SECRET/);
  });
});
