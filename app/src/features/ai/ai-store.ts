/**
 * The AI supervisor's local data: imported trade histories and chat conversations, in
 * IndexedDB (Dexie version 6). Conversations never leave the device except the messages
 * the user sends to the AI provider.
 */

import type { HistoryTrade } from "../../../../core/trading/history-csv.ts";
import { db } from "../../adapters/db.ts";
import type { ChatMessageRecord, ConversationRecord, TradeHistoryRecord } from "./ai-records.ts";

export const TITLE_MAX = 80;

export async function listHistories(): Promise<TradeHistoryRecord[]> {
  return (await db.tradeHistories.toArray()).sort((a, b) => b.importedAt - a.importedAt);
}

export async function saveHistory(input: {
  name: string;
  trades: HistoryTrade[];
  startingBalance?: number;
  now: number;
}): Promise<TradeHistoryRecord> {
  const record: TradeHistoryRecord = {
    id: crypto.randomUUID(),
    name: input.name,
    importedAt: input.now,
    trades: input.trades,
    ...(input.startingBalance ? { startingBalance: input.startingBalance } : {}),
  };
  await db.tradeHistories.add(record);
  return record;
}

export async function deleteHistory(id: string): Promise<void> {
  await db.tradeHistories.delete(id);
}

export async function listConversations(): Promise<ConversationRecord[]> {
  return (await db.conversations.toArray()).sort((a, b) => b.updatedAt - a.updatedAt);
}

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

export async function createConversation(question: string, now: number): Promise<ConversationRecord> {
  const record: ConversationRecord = {
    id: crypto.randomUUID(),
    title: titleFrom(question),
    createdAt: now,
    updatedAt: now,
    messages: [],
  };
  await db.conversations.add(record);
  return record;
}

/** Replaces the messages of a conversation (called as an answer streams in). */
export async function saveMessages(id: string, messages: ChatMessageRecord[], now: number): Promise<void> {
  await db.conversations.update(id, { messages, updatedAt: now });
}

export async function renameConversation(id: string, title: string): Promise<void> {
  const clean = title.trim();
  if (!clean) throw new Error("A conversation needs a name.");
  await db.conversations.update(id, { title: clean.slice(0, TITLE_MAX) });
}

export async function deleteConversation(id: string): Promise<void> {
  await db.conversations.delete(id);
}
