/** Conversation titles and search (pure). */
import type { ConversationRecord } from "./ai-records.ts";

export const TITLE_MAX = 80;

/** Conversations whose title or any message contains every word of the query (case-insensitive). */
export function searchConversations(all: readonly ConversationRecord[], query: string): ConversationRecord[] {
  const words = query.toLowerCase().split(/\s+/).filter(Boolean);
  if (words.length === 0) return [...all];
  return all.filter((c) => {
    const text = `${c.title}\n${c.messages.map((m) => m.content).join("\n")}`.toLowerCase();
    return words.every((w) => text.includes(w));
  });
}

export function titleFrom(question: string): string {
  const one = question.replace(/\s+/g, " ").trim();
  return one.length > TITLE_MAX ? `${one.slice(0, TITLE_MAX - 1)}…` : one;
}
