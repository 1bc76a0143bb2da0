/**
 * Anthropic-compatible adapter: POST {base}/v1/messages with x-api-key and
 * anthropic-version headers and stream: true. Text arrives in content_block_delta events
 * (delta.type "text_delta"); message_delta carries stop_reason; message_stop ends it.
 */
import { providerStreamError } from "./errors.ts";
import { systemPrompt } from "./prompt.ts";
import type { AiStreamEvent, ChatMessage, ProviderAdapter, StopReason } from "./types.ts";

export const ANTHROPIC_VERSION = "2023-06-01";

interface AnthropicEvent {
  type?: string;
  delta?: { type?: string; text?: string; stop_reason?: string | null };
}

function stopReasonOf(reason: string): StopReason {
  if (reason === "end_turn" || reason === "stop_sequence") return "end";
  if (reason === "max_tokens") return "max_tokens";
  return "other";
}

/** The Messages API wants the conversation to open with a user turn. */
function fromFirstUserTurn(messages: ChatMessage[]): ChatMessage[] {
  const first = messages.findIndex((m) => m.role === "user");
  return first <= 0 ? messages : messages.slice(first);
}

export const anthropicAdapter: ProviderAdapter = {
  name: "anthropic",
  request(config, chat) {
    const body = {
      model: config.model,
      max_tokens: chat.maxTokens,
      system: systemPrompt(chat),
      messages: fromFirstUserTurn(chat.messages).map((m) => ({ role: m.role, content: m.content })),
      stream: true,
    };
    return {
      url: `${config.baseUrl}/v1/messages`,
      init: {
        method: "POST",
        headers: {
          "x-api-key": config.apiKey,
          "anthropic-version": ANTHROPIC_VERSION,
          "Content-Type": "application/json",
          Accept: "text/event-stream",
        },
        body: JSON.stringify(body),
      },
    };
  },
  createParser() {
    let stopReason: StopReason = "end";
    return (event): AiStreamEvent[] => {
      let data: AnthropicEvent;
      try {
        data = JSON.parse(event.data) as AnthropicEvent;
      } catch {
        return [];
      }
      const type = data.type ?? event.event;
      if (type === "error") return [providerStreamError()];
      if (type === "content_block_delta" && data.delta?.type === "text_delta" && data.delta.text)
        return [{ type: "delta", text: data.delta.text }];
      if (type === "message_delta" && data.delta?.stop_reason)
        stopReason = stopReasonOf(data.delta.stop_reason);
      if (type === "message_stop") return [{ type: "done", stopReason }];
      return [];
    };
  },
};
