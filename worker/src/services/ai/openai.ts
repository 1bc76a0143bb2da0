/**
 * OpenAI-compatible adapter: POST {base}/v1/chat/completions with a Bearer key and
 * stream: true. Chunks carry choices[0].delta.content; the stream ends with `data: [DONE]`.
 * api.openai.com gets max_completion_tokens (its newer models refuse max_tokens);
 * compatible servers (vLLM, Ollama, OpenRouter, ...) get the widely supported max_tokens.
 */
import { providerStreamError } from "./errors.ts";
import { systemPrompt } from "./prompt.ts";
import type { AiStreamEvent, ProviderAdapter, StopReason } from "./types.ts";

interface OpenAiChunk {
  choices?: Array<{ delta?: { content?: string | null }; finish_reason?: string | null }>;
  error?: { message?: string; type?: string; code?: string };
}

function stopReasonOf(reason: string): StopReason {
  if (reason === "stop") return "end";
  if (reason === "length") return "max_tokens";
  return "other";
}

export const openAiAdapter: ProviderAdapter = {
  name: "openai",
  request(config, chat) {
    const tokenField = config.officialBaseUrl ? "max_completion_tokens" : "max_tokens";
    const body = {
      model: config.model,
      messages: [
        { role: "system", content: systemPrompt(chat) },
        ...chat.messages.map((m) => ({ role: m.role, content: m.content })),
      ],
      [tokenField]: chat.maxTokens,
      stream: true,
    };
    return {
      url: `${config.baseUrl}/v1/chat/completions`,
      init: {
        method: "POST",
        headers: {
          Authorization: `Bearer ${config.apiKey}`,
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
      if (event.data.trim() === "[DONE]") return [{ type: "done", stopReason }];
      let chunk: OpenAiChunk;
      try {
        chunk = JSON.parse(event.data) as OpenAiChunk;
      } catch {
        return [];
      }
      if (chunk.error) return [providerStreamError()];
      const choice = chunk.choices?.[0];
      const out: AiStreamEvent[] = [];
      const text = choice?.delta?.content;
      if (typeof text === "string" && text) out.push({ type: "delta", text });
      if (choice?.finish_reason) stopReason = stopReasonOf(choice.finish_reason);
      return out;
    };
  },
};
