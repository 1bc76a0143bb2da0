/**
 * The system prompt sent upstream: the client's `system` (or ours), followed by the
 * compact context the app built locally from the user's market analysis and trades.
 */
import type { ChatRequest } from "./types.ts";

export const DEFAULT_SYSTEM_PROMPT =
  "You are the AI supervisor of Forex AI, a trading workstation for retail forex traders. " +
  "Answer concisely and concretely from the context you are given. You explain and coach; " +
  "you do not give personalised financial advice and you cannot place orders.";

export function systemPrompt(chat: ChatRequest): string {
  const base = chat.system?.trim() || DEFAULT_SYSTEM_PROMPT;
  const context = chat.context?.trim();
  if (!context) return base;
  return `${base}\n\nContext computed locally from the user's data (market analysis and trade history):\n${context}`;
}
