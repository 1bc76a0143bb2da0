/**
 * The AI supervisor's local data: imported trade histories and chat conversations, in
 * IndexedDB (Dexie version 6). Conversations never leave the device except the messages
 * the user sends to the AI provider.
 */

import type { HistoryTrade } from "../../../../core/trading/history-csv.ts";
import { db } from "../../adapters/db.ts";
import type { ChatMessageRecord, ConversationRecord, TradeHistoryRecord } from "./ai-records.ts";
import { TITLE_MAX, titleFrom } from "./conversation-search.ts";
import { PAPER_PREFIX, paperHistory } from "./trade-source.ts";

export { searchConversations } from "./conversation-search.ts";
export { PAPER_PREFIX } from "./trade-source.ts";

/** Imported histories (newest first), then the paper accounts that have closed trades. */
export async function listHistories(): Promise<TradeHistoryRecord[]> {
  const imported = (await db.tradeHistories.toArray()).sort((a, b) => b.importedAt - a.importedAt);
  const paper = (await db.paperAccounts.toArray())
    .filter((a) => a.state.history.length > 0)
    .sort((a, b) => b.updatedAt - a.updatedAt)
    .map(paperHistory);
  return [...imported, ...paper];
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
  if (id.startsWith(PAPER_PREFIX)) throw new Error("Paper accounts are managed on the Trade page.");
  await db.tradeHistories.delete(id);
}

export async function listConversations(): Promise<ConversationRecord[]> {
  return (await db.conversations.toArray()).sort((a, b) => b.updatedAt - a.updatedAt);
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
