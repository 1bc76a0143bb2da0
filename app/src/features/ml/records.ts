/**
 * What the ML feature stores in IndexedDB: trained models (registry, with versions per
 * name), bots, and each bot's journal of decisions with the features behind them.
 */
import type { OosReport } from "../../../../core/ml/report.ts";
import type { PaperState } from "../../../../core/paper/paper-state.ts";
import type { ReplayPosition } from "../../../../core/paper/replay.ts";
import type { ModelArtifacts, ModelMeta } from "../../adapters/tf/model-files.ts";
import type { WindowResult } from "../../adapters/tf/pipeline.ts";

export interface ModelRecord {
  id: string;
  /** models with the same name are versions 1, 2, ... */
  name: string;
  version: number;
  createdAt: number;
  datasetId: string;
  symbol: string;
  timeframe: string;
  /** the training data's first and last bar time and bar count */
  range: { start: number; end: number; bars: number };
  meta: ModelMeta;
  report: OosReport;
  windows: WindowResult[];
  backend: string;
  seed: number;
  epochs: number;
  artifacts: ModelArtifacts;
}

/** Where a bot trades: the paper broker on market replay, or the linked connector (live quotes). */
export type BotTarget = "paper-replay" | "connector";

export type BotSource = { kind: "model"; modelId: string } | { kind: "strategy"; strategyId: string };

export interface BotRisk {
  /** risk per trade, % of the balance (sized by core/risk positionSize) */
  riskPct: number;
  stopPips: number;
  /** 0 = no take-profit */
  takeProfitPips: number;
  /** model bots: long above this P(up), short below 1 - this */
  threshold: number;
  allowShort: boolean;
}

export interface BotRecord {
  id: string;
  name: string;
  source: BotSource;
  datasetId: string;
  symbol: string;
  timeframe: string;
  risk: BotRisk;
  target: BotTarget;
  status: "inactive" | "active";
  /** replay speed (x market time) */
  speed: number;
  /** first replayed bar time */
  replayFrom: number;
  createdAt: number;
  updatedAt: number;
  /** the bot's paper account and replay position, saved every bar so a reload resumes */
  paper?: PaperState;
  replay?: ReplayPosition;
  startBalance: number;
  /** connector bots: the connector chosen when the bot was created (id and name) */
  connector?: { id: string; name: string };
  /**
   * connector bots: the broker the connector reported when the bot was last activated; the
   * bot pauses if it changes (a paper rehearsal never sends orders to a live account)
   */
  brokerAtActivation?: { kind: string; live: boolean };
}

export interface BotDecisionRecord {
  id?: number;
  botId: string;
  /** market time of the decision (close of the bar it was made on) */
  time: number;
  price: number;
  /** model bots: P(up); strategy bots: NaN */
  probability: number;
  /** the side the bot wanted: 1 long, -1 short, 0 flat */
  want: -1 | 0 | 1;
  /**
   * refused: the venue refused the order (the reason is in `outcome`); pause/resume: a
   * connector bot stopped while its connector was offline and started again.
   */
  action: "buy" | "sell" | "close" | "hold" | "skip" | "refused" | "pause" | "resume";
  units: number;
  /** why, for "skip" (e.g. the features are still warming up) */
  note: string;
  features: Record<string, number>;
  equity: number;
  /** the venue's answer to the order sent: the broker's ack ("filled 500000 at 1.0851") or its refusal */
  outcome?: string;
  /** where the bot traded when it decided */
  venue?: BotTarget;
}
