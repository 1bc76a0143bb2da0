/**
 * Sending a chat question: who answers (the AI provider through the Worker's proxy, or
 * the local analysis when offline, signed out, with no provider configured, or when the
 * provider refuses before answering), streaming the answer into the stored conversation.
 */
import { ApiError, call, requestStream } from "../../adapters/api-client.ts";
import { currentUser } from "../auth/session.ts";
import { type ChatStreamEvent, readChatEvents } from "./chat-stream.ts";

export { upstreamMessages } from "./chat-stream.ts";

export type Route = { kind: "provider"; provider: string; model: string } | { kind: "local"; reason: string };

/** Decides who answers. */
export async function chooseRoute(): Promise<Route> {
  if (!navigator.onLine) return { kind: "local", reason: "you are offline" };
  if (!currentUser())
    return { kind: "local", reason: "you are not signed in; the AI provider needs an account" };
  try {
    const status = await call("get", "/ai/status");
    if (!status.configured) return { kind: "local", reason: "no AI provider is configured on the server" };
    return { kind: "provider", provider: status.provider ?? "unknown", model: status.model ?? "unknown" };
  } catch (error) {
    const why = error instanceof ApiError ? error.message : "the server could not be reached";
    return { kind: "local", reason: `the AI status could not be read: ${why}` };
  }
}

/**
 * Streams the provider's answer, calling onEvent per event. Throws ApiError when the proxy
 * refuses before streaming (the caller then answers locally).
 */
export async function streamProviderAnswer(
  body: { messages: { role: "user" | "assistant"; content: string }[]; context?: string },
  onEvent: (e: ChatStreamEvent) => void,
  signal?: AbortSignal,
): Promise<void> {
  const res = await requestStream("/ai/chat", { method: "POST", body, signal, quietRateLimit: true });
  if (!res.body) throw new ApiError({ status: 502, code: "ai_no_body", message: "The AI answer was empty." });
  for await (const e of readChatEvents(res.body)) onEvent(e);
}
