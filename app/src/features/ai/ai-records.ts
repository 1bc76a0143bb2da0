/** Shapes the AI supervisor stores in IndexedDB (Dexie version 6: tradeHistories, conversations). */
import type { HistoryTrade } from "../../../../core/trading/history-csv.ts";

/** A trade history imported from a CSV file (the paper-trading export format). */
export interface TradeHistoryRecord {
  id: string;
  /** file name or label */
  name: string;
  importedAt: number;
  trades: HistoryTrade[];
  /** balance before the first trade, when the user gave it (drawdown in percent) */
  startingBalance?: number;
}

export interface ChatMessageRecord {
  role: "user" | "assistant";
  content: string;
  at: number;
  /** assistant only: who answered */
  source?: "provider" | "local";
  provider?: string;
  model?: string;
  /** why the local analysis answered instead of the provider */
  localReason?: string;
  /** an error that cut the answer short */
  error?: string;
  /** the context parts sent with this question (user messages) */
  contextParts?: string[];
}

export interface ConversationRecord {
  id: string;
  title: string;
  createdAt: number;
  updatedAt: number;
  messages: ChatMessageRecord[];
}
