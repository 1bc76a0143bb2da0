// The AI proxy's pure parts: SSE reassembly, each provider's request and event mapping,
// and configuration parsing (the running Worker is tested in test/unit/ai-proxy.test.ts).
import { describe, expect, it } from "vitest";
import type { Env } from "../../env.ts";
import { anthropicAdapter } from "./anthropic.ts";
import { readAiConfig } from "./config.ts";
import { openAiAdapter } from "./openai.ts";
import { createSseReader } from "./sse.ts";
import type { AiConfig, AiStreamEvent, ProviderAdapter } from "./types.ts";

const env = (vars: Record<string, string>) => vars as unknown as Env;

function run(adapter: ProviderAdapter, raw: string): AiStreamEvent[] {
  const reader = createSseReader();
  const parse = adapter.createParser();
  const events = [];
  // Feed one character at a time: events must survive any chunking.
  for (const ch of raw) events.push(...reader.push(ch));
  events.push(...reader.flush());
  return events.flatMap(parse);
}

const config: AiConfig = {
  provider: "openai",
  apiKey: "sk-unit",
  baseUrl: "https://api.openai.com",
  officialBaseUrl: true,
  model: "m",
  maxTokens: 100,
  maxRequestBytes: 1000,
  timeoutMs: 1000,
};
const chat = { messages: [{ role: "user" as const, content: "hi" }], maxTokens: 64 };

describe("SSE reader", () => {
  it("joins multi-line data, ignores comments, accepts CRLF and a last event without blank line", () => {
    const reader = createSseReader();
    const got = [
      ...reader.push(": keep-alive\r\n\r\nevent: a\r\ndata: 1\r\ndata: 2\r\n\r\nda"),
      ...reader.push("ta: tail"),
      ...reader.flush(),
    ];
    expect(got).toEqual([
      { event: "a", data: "1\n2" },
      { event: undefined, data: "tail" },
    ]);
  });
});

describe("OpenAI-compatible adapter", () => {
  it("maps deltas, finish_reason length and [DONE]", () => {
    const chunk = (delta: object, finish: string | null) =>
      `data: ${JSON.stringify({ choices: [{ delta, finish_reason: finish }] })}\n\n`;
    const raw = `${chunk({ content: "a" }, null)}${chunk({ content: "b" }, null)}${chunk({}, "length")}data: [DONE]\n\n`;
    expect(run(openAiAdapter, raw)).toEqual([
      { type: "delta", text: "a" },
      { type: "delta", text: "b" },
      { type: "done", stopReason: "max_tokens" },
    ]);
  });

  it("reports an in-stream error without its text", () => {
    const got = run(openAiAdapter, 'data: {"error":{"message":"secret detail"}}\n\n');
    expect(got).toHaveLength(1);
    expect(got[0]).toMatchObject({ type: "error", code: "ai_provider_error" });
    expect(JSON.stringify(got)).not.toContain("secret detail");
  });

  it("sends max_completion_tokens to api.openai.com and max_tokens to compatible servers", () => {
    const official = JSON.parse(String(openAiAdapter.request(config, chat).init.body));
    expect(official.max_completion_tokens).toBe(64);
    expect(official.max_tokens).toBeUndefined();
    const other = openAiAdapter.request(
      { ...config, baseUrl: "http://llm.local", officialBaseUrl: false },
      chat,
    );
    expect(other.url).toBe("http://llm.local/v1/chat/completions");
    expect(JSON.parse(String(other.init.body)).max_tokens).toBe(64);
  });
});

describe("Anthropic-compatible adapter", () => {
  it("maps text deltas, the stop reason and message_stop; ignores other blocks", () => {
    const ev = (type: string, data: object) =>
      `event: ${type}\ndata: ${JSON.stringify({ type, ...data })}\n\n`;
    const raw = [
      ev("message_start", {}),
      ev("content_block_delta", { delta: { type: "text_delta", text: "x" } }),
      ev("content_block_delta", { delta: { type: "input_json_delta", partial_json: "{" } }),
      ev("message_delta", { delta: { stop_reason: "max_tokens" } }),
      ev("message_stop", {}),
    ].join("");
    expect(run(anthropicAdapter, raw)).toEqual([
      { type: "delta", text: "x" },
      { type: "done", stopReason: "max_tokens" },
    ]);
    const error = run(anthropicAdapter, ev("error", { error: { type: "overloaded_error" } }));
    expect(error[0]).toMatchObject({ type: "error" });
  });
});

describe("readAiConfig", () => {
  it("needs a key and a known provider; says which variable, never a value", () => {
    expect(readAiConfig(env({}))).toEqual({ ok: false, problem: "AI_API_KEY is not set" });
    const bad = readAiConfig(env({ AI_PROVIDER: "gemini", AI_API_KEY: "k-123" }));
    expect(bad.ok).toBe(false);
    expect(JSON.stringify(bad)).not.toContain("k-123");
  });

  it("defaults per provider, strips a trailing /v1 and ignores bad numbers", () => {
    const result = readAiConfig(
      env({
        AI_PROVIDER: "anthropic",
        AI_API_KEY: "k",
        AI_BASE_URL: "http://127.0.0.1:9/v1/",
        AI_MAX_TOKENS: "abc",
        AI_MAX_REQUEST_BYTES: "2048",
      }),
    );
    expect(result).toMatchObject({
      ok: true,
      config: {
        baseUrl: "http://127.0.0.1:9",
        officialBaseUrl: false,
        maxTokens: 1024,
        maxRequestBytes: 2048,
      },
    });
    const openai = readAiConfig(env({ AI_API_KEY: "k" }));
    expect(openai).toMatchObject({ ok: true, config: { provider: "openai", officialBaseUrl: true } });
  });
});
