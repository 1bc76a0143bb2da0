// The AI chat path end to end, from the app's side: the context is built with the app's
// own code (features/ai/context.ts) from core's analyses of constructed data, posted to
// the real Worker (workerd via wrangler's unstable_startWorker) whose proxy streams from a
// local OpenAI- or Anthropic-style server, and the answer is read with the app's stream
// reader (features/ai/chat-stream.ts). Checked: the streamed text arrives whole, the
// provider receives exactly the context parts switched on, and a provider error in the
// middle of the answer reaches the app as the text so far plus a clear error, never the
// provider's own error text.

import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type { ChatMessageRecord } from "../../app/src/features/ai/ai-records.ts";
import { collectAnswer, upstreamMessages } from "../../app/src/features/ai/chat-stream.ts";
import { type ContextPartId, contextParts, contextText } from "../../app/src/features/ai/context.ts";
import { barsFromCloses, range } from "../../core/analysis/analysis-fixtures.ts";
import { analyzeMarket } from "../../core/analysis/index.ts";
import { analyzeHabits } from "../../core/analysis/trades/index.ts";
import type { HistoryTrade } from "../../core/trading/history-csv.ts";
import { type FakeAiProvider, startFakeAiProvider } from "../support/fake-ai-provider.ts";
import { localWorkers } from "../support/local-workers.ts";

const { migratedState, startWorker, dispose: disposeWorkers } = localWorkers("forex-ai-chat-path-");
let provider: FakeAiProvider;
const origins: Record<"openai" | "anthropic", string> = { openai: "", anthropic: "" };
const tokens: Record<"openai" | "anthropic", string> = { openai: "", anthropic: "" };

async function signUp(origin: string, name: string): Promise<string> {
  const res = await fetch(`${origin}/api/v1/auth/register`, {
    method: "POST",
    headers: { "Content-Type": "application/json", "CF-Connecting-IP": "203.0.113.77" },
    body: JSON.stringify({ email: `chat-path-${name}@example.com`, password: "correct horse battery 77" }),
  });
  expect(res.status).toBe(201);
  return ((await res.json()) as { accessToken: string }).accessToken;
}

/** A steady uptrend (known answer: trend up) and a history with one revenge episode. */
const market = analyzeMarket(
  barsFromCloses(
    range(300, (i) => 1.1 + 0.0005 * i + 0.0002 * Math.sin(i)),
    0.0003,
  ),
  { symbol: "EURUSD", timeframe: "H1" },
);
const HOUR = 3_600_000;
/** Nine calm days at 09:00-10:00, then 10 min after the losing ninth trade one of 2.5x the size. */
const trades: HistoryTrade[] = range(10, (i) => {
  const day = Date.UTC(2024, 2, 4) + Math.min(i, 8) * 24 * HOUR;
  const entry = i === 9 ? day + 10 * HOUR + 10 * 60_000 : day + 9 * HOUR;
  return {
    symbol: "EURUSD",
    side: "buy" as const,
    units: i === 9 ? 25_000 : 10_000,
    entryTime: entry,
    exitTime: entry + HOUR,
    entryPrice: 1.1,
    exitPrice: 1.1,
    pnl: i === 8 ? -80 : 15,
  };
});
const habits = { name: "constructed.csv", analysis: analyzeHabits(trades) };
const parts = contextParts({ market, habits });

async function ask(
  name: "openai" | "anthropic",
  question: string,
  off: ReadonlySet<ContextPartId> = new Set(),
): Promise<{ text: string; error?: string; stopReason?: string }> {
  const history: ChatMessageRecord[] = [
    { role: "user", content: "Hi", at: 1 },
    { role: "assistant", content: "Answered from local analysis (offline).", at: 2, source: "local" },
    { role: "user", content: question, at: 3 },
  ];
  const res = await fetch(`${origins[name]}/api/v1/ai/chat`, {
    method: "POST",
    headers: {
      "Content-Type": "application/json",
      Authorization: `Bearer ${tokens[name]}`,
      "CF-Connecting-IP": "203.0.113.77",
    },
    body: JSON.stringify({
      messages: upstreamMessages(history),
      context: contextText(parts, off) || undefined,
    }),
  });
  expect(res.status).toBe(200);
  return collectAnswer(res.body as ReadableStream<Uint8Array>);
}

/** The system prompt the provider received for the request whose body holds marker. */
function systemPromptFor(marker: string): string {
  const found = provider.requests.filter((r) => r.body.includes(marker));
  expect(found).toHaveLength(1);
  const body = JSON.parse(found[0].body);
  return found[0].path === "/v1/messages" ? body.system : body.messages[0].content;
}

beforeAll(async () => {
  provider = await startFakeAiProvider();
  const template = migratedState();
  [origins.openai, origins.anthropic] = await Promise.all([
    startWorker("openai", template, {
      AI_PROVIDER: "openai",
      AI_API_KEY: "sk-chat-path",
      AI_BASE_URL: provider.url,
      AI_MODEL: "m1",
    }),
    startWorker("anthropic", template, {
      AI_PROVIDER: "anthropic",
      AI_API_KEY: "sk-ant-chat-path",
      AI_BASE_URL: provider.url,
      AI_MODEL: "m2",
    }),
  ]);
  tokens.openai = await signUp(origins.openai, "openai");
  tokens.anthropic = await signUp(origins.anthropic, "anthropic");
}, 120_000);

afterAll(async () => {
  await disposeWorkers();
  await provider?.close();
});

describe.each(["openai", "anthropic"] as const)("chat path through the %s-style proxy", (name) => {
  it("streams the whole answer; the provider gets the context built from the analyses", {
    timeout: 30_000,
  }, async () => {
    provider.setMode({ kind: "stream", pieces: ["EURUSD is ", "trending up ", "(ADX above 25)."] });
    const answer = await ask(name, `Trend? [${name}-1]`);
    expect(answer).toEqual({ text: "EURUSD is trending up (ADX above 25).", stopReason: "end" });
    const system = systemPromptFor(`[${name}-1]`);
    expect(market.regime).toBe("trend");
    expect(system).toContain(market.summary);
    expect(system).toContain("## Trade-history figures");
    expect(system).toContain("- revenge_trading: After a loss of 80 on EURUSD");
    // The local answer stays on the device: only the user's turns and real provider answers go.
    const body = JSON.parse(provider.requests.at(-1)?.body ?? "{}");
    expect(JSON.stringify(body)).not.toContain("Answered from local analysis");
  });

  it("a context part switched off is not sent", { timeout: 30_000 }, async () => {
    provider.setMode({ kind: "stream", pieces: ["ok"] });
    await ask(name, `Habits only [${name}-2]`, new Set<ContextPartId>(["market"]));
    const system = systemPromptFor(`[${name}-2]`);
    expect(system).not.toContain(market.summary);
    expect(system).toContain("## Alerts and recommendations");
  });

  it("a provider error mid-stream: the text so far, then a clear error without the provider's text", {
    timeout: 30_000,
  }, async () => {
    provider.setMode({ kind: "stream", pieces: ["First ", "second ", "third"], errorAfter: 2 });
    const answer = await ask(name, `Break [${name}-3]`);
    expect(answer.text).toBe("First second ");
    expect(answer.error).toBe(
      "The AI provider stopped with an error in the middle of the answer. Try again.",
    );
    expect(JSON.stringify(answer)).not.toContain("SECRET-DETAIL");
  });
});
