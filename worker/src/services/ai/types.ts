/**
 * The AI proxy's shared shapes: the validated chat request, the provider-neutral events
 * streamed to the browser, and the port every provider adapter implements.
 */

export type AiProviderName = "openai" | "anthropic";

export interface ChatMessage {
  role: "user" | "assistant";
  content: string;
}

/** A chat request after validation, with maxTokens already clamped to the server cap. */
export interface ChatRequest {
  messages: ChatMessage[];
  system?: string;
  context?: string;
  maxTokens: number;
}

/** Why the model stopped: finished normally, hit the token cap, or anything else. */
export type StopReason = "end" | "max_tokens" | "other";

/** What the browser receives, one `data: <json>` SSE event each, whatever the provider. */
export type AiStreamEvent =
  | { type: "delta"; text: string }
  | { type: "done"; stopReason: StopReason }
  | { type: "error"; code: string; message: string };

/** One server-sent event as read from the provider (`event:` line optional). */
export interface SseEvent {
  event?: string;
  data: string;
}

/** Settings the adapters need; apiKey never leaves the Worker except in the provider header. */
export interface AiConfig {
  provider: AiProviderName;
  apiKey: string;
  /** Without a trailing slash or /v1: the adapter appends its path. */
  baseUrl: string;
  /** True when baseUrl is the provider's own public API (not a compatible server). */
  officialBaseUrl: boolean;
  model: string;
  maxTokens: number;
  maxRequestBytes: number;
  timeoutMs: number;
}

/** A provider adapter: builds the upstream request and turns its SSE into AiStreamEvents. */
export interface ProviderAdapter {
  readonly name: AiProviderName;
  request(config: AiConfig, chat: ChatRequest): { url: string; init: RequestInit };
  /** A fresh stateful parser per stream; returns the events one upstream event yields. */
  createParser(): (event: SseEvent) => AiStreamEvent[];
}
