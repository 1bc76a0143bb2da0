/**
 * The browser database (IndexedDB through Dexie). Schema versions only ever grow:
 * add a new db.version(n) block with the changed stores; never edit an old one.
 */
import Dexie, { type EntityTable } from "dexie";
import type { ConversationRecord, TradeHistoryRecord } from "../features/ai/ai-records.ts";
import type { RunRecord, UserStrategyRecord } from "../features/backtest/run-records.ts";
import type { BotDecisionRecord, BotRecord, ModelRecord } from "../features/ml/records.ts";
import type { SavedOptimisation } from "../features/optimise/saved-optimisations.ts";
import type { PaperAccountRecord } from "../features/trade/trade-types.ts";
import type { ChunkLayout } from "./chunk-codec.ts";
import type { PendingCommand } from "./relay-socket.ts";

/** A stored price series: metadata; the bars live in columnar chunks. */
export interface DatasetRecord {
  id: string;
  symbol: string;
  /** display name, e.g. "EURUSD (simulated)" */
  label?: string;
  timeframe: string;
  start: number;
  end: number;
  bars: number;
  bytes: number;
  simulated?: boolean;
  /** true once bars with the data's own spread column were stored (absent in older records) */
  hasSpread?: boolean;
  source?: string;
  createdAt: number;
  updatedAt: number;
}

/**
 * A columnar chunk of bars for one data set and period. Current records hold one compact
 * buffer (`data`, see chunk-codec.ts, described by `layout`); records written by the first
 * build hold six Float64 buffers instead. bar-store.ts reads both.
 */
export interface ChunkRecord {
  datasetId: string;
  start: number;
  end: number;
  count: number;
  layout?: ChunkLayout;
  data?: ArrayBuffer;
  time?: ArrayBuffer;
  open?: ArrayBuffer;
  high?: ArrayBuffer;
  low?: ArrayBuffer;
  close?: ArrayBuffer;
  volume?: ArrayBuffer;
}

/** A small key-value store for preferences and UI state (last chart view, …). */
export interface KvRecord {
  key: string;
  value: unknown;
  updatedAt: number;
}

export class ForexDb extends Dexie {
  datasets!: EntityTable<DatasetRecord, "id">;
  chunks!: Dexie.Table<ChunkRecord, [string, number]>;
  kv!: EntityTable<KvRecord, "key">;
  runs!: EntityTable<RunRecord, "id">;
  userStrategies!: EntityTable<UserStrategyRecord, "id">;
  tradeHistories!: EntityTable<TradeHistoryRecord, "id">;
  conversations!: EntityTable<ConversationRecord, "id">;
  models!: EntityTable<ModelRecord, "id">;
  bots!: EntityTable<BotRecord, "id">;
  botDecisions!: EntityTable<BotDecisionRecord, "id">;
  relayCommands!: EntityTable<PendingCommand, "key">;
  paperAccounts!: EntityTable<PaperAccountRecord, "id">;
  optimisations!: EntityTable<SavedOptimisation, "id">;

  constructor(name = "forex-ai") {
    super(name);
    this.version(1).stores({
      datasets: "id, symbol, timeframe, [symbol+timeframe]",
      chunks: "[datasetId+start], datasetId",
      kv: "key",
    });
    // Backtest runs and user strategies (features/backtest).
    this.version(2).stores({ runs: "id, createdAt, datasetId", userStrategies: "id, name, updatedAt" });
    // Saved optimisation results (features/optimise), so they survive a reload.
    this.version(3).stores({ optimisations: "id, createdAt" });
    // Paper trading accounts: broker state, replay position, notifications (features/trade).
    this.version(4).stores({ paperAccounts: "id, updatedAt" });
    // ML model registry, bots and their decision journal (features/ml).
    this.version(5).stores({
      models: "id, name, createdAt",
      bots: "id, createdAt",
      botDecisions: "++id, botId",
    });
    // AI supervisor: imported trade histories and chat conversations (features/ai).
    this.version(6).stores({ tradeHistories: "id, importedAt", conversations: "id, updatedAt" });
    // Live trading: relay commands saved (with their idempotency key) before sending.
    this.version(7).stores({ relayCommands: "key, createdAt" });
  }
}

export const db = new ForexDb();
