/**
 * Reads the AI proxy's streamed answer: server-sent events whose data is one JSON event
 * (`delta`, then `done` or `error`; see worker/src/routes/ai.ts). Works on any fetch
 * Response body, in the browser and in Node tests.
 */
import type { ChatMessageRecord } from "./ai-records.ts";

/** How many earlier messages go with a question (the proxy caps the body size). */
const HISTORY_MESSAGES = 12;

export type ChatStreamEvent =
  | { type: "delta"; text: string }
  | { type: "done"; stopReason: string }
  | { type: "error"; code: string; message: string };

export interface ChatRequestBody {
  messages: { role: "user" | "assistant"; content: string }[];
  context?: string;
  maxTokens?: number;
}

function toEvent(block: string): ChatStreamEvent | undefined {
  const data = block
    .split(/\r?\n/)
    .filter((l) => l.startsWith("data:"))
    .map((l) => l.slice(5).trimStart())
    .join("\n");
  if (!data) return undefined;
  try {
    const e = JSON.parse(data) as ChatStreamEvent;
    return e && typeof e === "object" && typeof e.type === "string" ? e : undefined;
  } catch {
    return undefined;
  }
}

/** Yields the events of a streamed answer; a stream that ends without done/error yields an error. */
export async function* readChatEvents(body: ReadableStream<Uint8Array>): AsyncGenerator<ChatStreamEvent> {
  const reader = body.getReader();
  const decoder = new TextDecoder();
  let buffer = "";
  let finished = false;
  try {
    for (;;) {
      const { done, value } = await reader.read();
      buffer += done ? decoder.decode() : decoder.decode(value, { stream: true });
      const blocks = buffer.split(/\r?\n\r?\n/);
      buffer = done ? "" : (blocks.pop() ?? "");
      for (const block of blocks) {
        const e = toEvent(block);
        if (!e) continue;
        if (e.type !== "delta") finished = true;
        yield e;
        if (finished) return;
      }
      if (done) break;
    }
  } finally {
    reader.cancel().catch(() => {});
  }
  if (!finished)
    yield { type: "error", code: "stream_ended", message: "The answer stopped before the end. Try again." };
}

/** Collects a whole streamed answer (text so far, and the error that ended it, if any). */
export async function collectAnswer(
  body: ReadableStream<Uint8Array>,
): Promise<{ text: string; error?: string; stopReason?: string }> {
  let text = "";
  for await (const e of readChatEvents(body)) {
    if (e.type === "delta") text += e.text;
    else if (e.type === "error") return { text, error: e.message };
    else return { text, stopReason: e.stopReason };
  }
  return { text };
}

/** The messages sent upstream: earlier turns (text only) and the new question. */
export function upstreamMessages(
  history: readonly ChatMessageRecord[],
): { role: "user" | "assistant"; content: string }[] {
  return history
    .filter((m) => m.content.trim() !== "" && !(m.role === "assistant" && m.source === "local"))
    .slice(-HISTORY_MESSAGES)
    .map((m) => ({ role: m.role, content: m.content }));
}
