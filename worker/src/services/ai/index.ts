/**
 * AI proxy service: `openChatStream(config, chat)` calls the configured provider and
 * returns the browser's normalised SSE stream. Upstream failures before the first byte
 * throw HttpError (see errors.ts); failures mid-stream become a final `error` event.
 * If the browser goes away, the upstream request is cancelled too (no paid tokens wasted).
 */
import { anthropicAdapter } from "./anthropic.ts";
import {
  logProviderUnreachable,
  providerStatusError,
  providerUnavailable,
  streamBrokenError,
} from "./errors.ts";
import { openAiAdapter } from "./openai.ts";
import { createSseReader, encodeEvents } from "./sse.ts";
import type {
  AiConfig,
  AiProviderName,
  AiStreamEvent,
  ChatRequest,
  ProviderAdapter,
  SseEvent,
} from "./types.ts";

export { aiLimits, readAiConfig } from "./config.ts";
export { aiNotConfigured } from "./errors.ts";
export type { AiConfig, AiStreamEvent, ChatRequest } from "./types.ts";

const ADAPTERS: Record<AiProviderName, ProviderAdapter> = {
  openai: openAiAdapter,
  anthropic: anthropicAdapter,
};

export function adapterFor(provider: AiProviderName): ProviderAdapter {
  return ADAPTERS[provider];
}

/** Calls upstream with a deadline for the response headers. */
async function callProvider(
  config: AiConfig,
  chat: ChatRequest,
  requestId?: string,
): Promise<{ res: Response; abort: AbortController }> {
  const { url, init } = adapterFor(config.provider).request(config, chat);
  const abort = new AbortController();
  const timer = setTimeout(() => abort.abort(), config.timeoutMs);
  try {
    const res = await fetch(url, { ...init, signal: abort.signal });
    return { res, abort };
  } catch (err) {
    const reason = abort.signal.aborted ? `no answer within ${config.timeoutMs} ms` : errorName(err);
    logProviderUnreachable(config.provider, reason, requestId);
    throw providerUnavailable();
  } finally {
    clearTimeout(timer);
  }
}

function errorName(err: unknown): string {
  return err instanceof Error ? err.name : "unknown";
}

type ReadResult = ReadableStreamReadResult<Uint8Array> | "timeout" | "failed";

async function readWithin(reader: ReadableStreamDefaultReader<Uint8Array>, ms: number): Promise<ReadResult> {
  let timer: ReturnType<typeof setTimeout> | undefined;
  const timeout = new Promise<"timeout">((resolve) => {
    timer = setTimeout(() => resolve("timeout"), ms);
  });
  try {
    return await Promise.race([reader.read(), timeout]);
  } catch {
    return "failed";
  } finally {
    clearTimeout(timer);
  }
}

/** Turns the provider's SSE body into the normalised stream, ending after done or error. */
function normalise(
  body: ReadableStream<Uint8Array>,
  options: { adapter: ProviderAdapter; idleMs: number; abort: AbortController },
): ReadableStream<Uint8Array> {
  const reader = body.getReader();
  const decoder = new TextDecoder();
  const sse = createSseReader();
  const parse = options.adapter.createParser();
  let finished = false;
  const toEvents = (events: SseEvent[]): AiStreamEvent[] => {
    const out: AiStreamEvent[] = [];
    for (const e of events) {
      for (const n of parse(e)) {
        if (finished) break;
        out.push(n);
        if (n.type !== "delta") finished = true;
      }
    }
    return out;
  };
  const stopUpstream = () => {
    reader.cancel().catch(() => {});
    options.abort.abort();
  };
  return new ReadableStream<Uint8Array>({
    async pull(controller) {
      for (;;) {
        const next = await readWithin(reader, options.idleMs);
        let out: AiStreamEvent[] = [];
        if (next !== "timeout" && next !== "failed") {
          const text = next.done ? decoder.decode() : decoder.decode(next.value, { stream: true });
          out = toEvents([...sse.push(text), ...(next.done ? sse.flush() : [])]);
        }
        const ended = typeof next === "string" || next.done;
        if (ended && !finished) {
          out.push(streamBrokenError());
          finished = true;
        }
        if (out.length) controller.enqueue(encodeEvents(out));
        if (ended || finished) {
          stopUpstream();
          controller.close();
          return;
        }
        if (out.length) return;
      }
    },
    cancel() {
      stopUpstream();
    },
  });
}

/** Starts the upstream call; resolves once the provider accepted it (status 2xx). */
export async function openChatStream(
  config: AiConfig,
  chat: ChatRequest,
  requestId?: string,
): Promise<ReadableStream<Uint8Array>> {
  const { res, abort } = await callProvider(config, chat, requestId);
  if (!res.ok) throw await providerStatusError(config.provider, res, requestId);
  if (!res.body) throw providerUnavailable();
  return normalise(res.body, { adapter: adapterFor(config.provider), idleMs: config.timeoutMs, abort });
}
