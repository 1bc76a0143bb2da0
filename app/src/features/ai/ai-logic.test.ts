// The AI page's pure parts: the context parts and switches, the local answer (says it is
// local and why, quotes only computed figures), the stream reader on a body cut mid-event,
// conversation search, and the digest's content.
import { describe, expect, it } from "vitest";
import { barsFromCloses, range } from "../../../../core/analysis/analysis-fixtures.ts";
import { analyzeMarket } from "../../../../core/analysis/index.ts";
import { analyzeHabits } from "../../../../core/analysis/trades/index.ts";
import type { HistoryTrade } from "../../../../core/trading/history-csv.ts";
import type { PaperAccountRecord } from "../trade/trade-types.ts";
import type { ConversationRecord } from "./ai-records.ts";
import { collectAnswer, readChatEvents } from "./chat-stream.ts";
import { contextParts, contextText } from "./context.ts";
import { searchConversations, titleFrom } from "./conversation-search.ts";
import { buildDigest } from "./digest-build.ts";
import { localAnswer } from "./local-answer.ts";
import { paperHistory } from "./trade-source.ts";

const market = analyzeMarket(
  barsFromCloses(
    range(300, (i) => 1.1 + 0.0005 * i + 0.0002 * Math.sin(i)),
    0.0003,
  ),
  { symbol: "EURUSD", timeframe: "H1" },
);
const HOUR = 3_600_000;
const trades: HistoryTrade[] = range(6, (i) => ({
  symbol: "EURUSD",
  side: "buy",
  units: i === 5 ? 50_000 : 10_000,
  entryTime: Date.UTC(2024, 2, 4) + i * 24 * HOUR + 9 * HOUR,
  exitTime: Date.UTC(2024, 2, 4) + i * 24 * HOUR + 10 * HOUR,
  entryPrice: 1.1,
  exitPrice: 1.1,
  pnl: 10,
}));
const habits = { name: "h.csv", analysis: analyzeHabits(trades) };

function streamOf(pieces: string[]): ReadableStream<Uint8Array> {
  const enc = new TextEncoder();
  return new ReadableStream({
    start(c) {
      for (const p of pieces) c.enqueue(enc.encode(p));
      c.close();
    },
  });
}

describe("context", () => {
  it("has a part per kind of data the user has; switched-off parts are left out", () => {
    expect(contextParts({}).map((p) => p.id)).toEqual([]);
    const parts = contextParts({ market, habits });
    expect(parts.map((p) => p.id)).toEqual(["market", "habits", "alerts"]);
    expect(parts[0].text).toContain(market.summary);
    expect(parts[2].text).toContain(
      "- size_outlier: 50000 units of EURUSD on 2024-03-09: 5x your median of 10000 units.",
    );
    const text = contextText(parts, new Set(["habits"]));
    expect(text).toContain("## Market analysis");
    expect(text).not.toContain("## Trade-history figures");
    expect(contextText(parts, new Set(["market", "habits", "alerts"]))).toBe("");
  });
});

describe("localAnswer", () => {
  it("says it is local and why; a market question gets the market figures only", () => {
    const text = localAnswer({ question: "What is the trend?", reason: "you are offline", market, habits });
    expect(text.startsWith("Answered from local analysis (you are offline).")).toBe(true);
    expect(text).toContain(market.summary);
    expect(text).not.toContain("Your trading:");
  });

  it("a habits question gets the habit figures and alerts; missing data is named, not invented", () => {
    const text = localAnswer({
      question: "What about my trades?",
      reason: "no AI provider is configured on the server",
    });
    expect(text).toContain("no trade history yet");
    const withData = localAnswer({ question: "How is my sizing?", reason: "x", habits });
    expect(withData).toContain('Trade history "h.csv": 6 closed trades');
    expect(withData).toContain("size_outlier");
  });
});

describe("readChatEvents", () => {
  it("reassembles events cut across chunks", async () => {
    const raw =
      'data: {"type":"delta","text":"Hel"}\n\ndata: {"type":"delta","text":"lo"}\n\ndata: {"type":"done","stopReason":"end"}\n\n';
    const pieces = range(Math.ceil(raw.length / 7), (i) => raw.slice(i * 7, i * 7 + 7));
    expect(await collectAnswer(streamOf(pieces))).toEqual({ text: "Hello", stopReason: "end" });
  });

  it("a stream that ends without done is an error", async () => {
    const events = [];
    for await (const e of readChatEvents(streamOf(['data: {"type":"delta","text":"a"}\n\n']))) events.push(e);
    expect(events.at(-1)).toMatchObject({ type: "error", code: "stream_ended" });
  });
});

describe("conversations", () => {
  const conv = (title: string, content: string): ConversationRecord => ({
    id: title,
    title,
    createdAt: 0,
    updatedAt: 0,
    messages: [{ role: "user", content, at: 0 }],
  });
  it("search matches every word in the title or the messages, ignoring case", () => {
    const all = [conv("Market", "Where is SUPPORT now?"), conv("Habits", "my revenge trades")];
    expect(searchConversations(all, "support where").map((c) => c.id)).toEqual(["Market"]);
    expect(searchConversations(all, "habits revenge").map((c) => c.id)).toEqual(["Habits"]);
    expect(searchConversations(all, "")).toHaveLength(2);
    expect(searchConversations(all, "nothing")).toEqual([]);
  });
  it("titles are one line and capped", () => {
    expect(titleFrom("  a\n b ")).toBe("a b");
    expect(titleFrom("x".repeat(200))).toHaveLength(80);
  });
});

describe("buildDigest", () => {
  it("lists the newest alerts with the history they come from", () => {
    const history = { id: "1", name: "h.csv", importedAt: 0, trades };
    const digest = buildDigest([{ history, analysis: habits.analysis }], Date.UTC(2024, 2, 20));
    expect(digest.period).toBe("week to 2024-03-20");
    expect(digest.summary).toBe("6 trades in 1 history(ies); 1 alert(s).");
    expect(digest.lines).toEqual([
      "Size outlier (h.csv): 50000 units of EURUSD on 2024-03-09: 5x your median of 10000 units.",
    ]);
  });
});

describe("paperHistory", () => {
  it("turns a paper account's closed trades into a history with its starting balance", () => {
    const closed = {
      id: "t1",
      positionId: "p1",
      symbol: "EURUSD",
      side: "sell" as const,
      units: 2000,
      entryTime: 1,
      exitTime: 2,
      entryPrice: 1.1,
      exitPrice: 1.09,
      pnl: 20,
      commission: 0,
      swap: 0,
      reason: "tp" as const,
      note: "",
      tags: ["london"],
    };
    const account = {
      id: "acc",
      name: "Practice",
      currency: "USD",
      updatedAt: 5,
      replay: null,
      notifications: [],
      state: { config: { balance: 10_000 }, history: [closed] },
    } as unknown as PaperAccountRecord;
    expect(paperHistory(account)).toEqual({
      id: "paper:acc",
      name: "Paper account: Practice",
      importedAt: 5,
      startingBalance: 10_000,
      trades: [
        {
          symbol: "EURUSD",
          side: "sell",
          units: 2000,
          entryTime: 1,
          exitTime: 2,
          entryPrice: 1.1,
          exitPrice: 1.09,
          pnl: 20,
          tags: ["london"],
        },
      ],
    });
  });
});
