/**
 * The account source behind the Trade page: where quotes, positions, orders and history come
 * from and where orders go. The paper implementation (paper-source.ts) runs the core paper
 * broker and market replay in a Web Worker; a broker connector (issue 9) plugs in by
 * implementing this same interface and listing its accounts in the picker (trade-store.ts,
 * `registerAccountProvider`). Every method resolves to an ActionResult: failures carry a
 * sentence for the trader, never a thrown error.
 */
import type {
  AccountView,
  ClosedTrade,
  EquityPoint,
  OrderChange,
  PaperEvent,
  PaperOrderRequest,
  PaperQuote,
  PositionChange,
  PositionView,
  WorkingOrderView,
} from "../../../../core/paper/types.ts";
import type { HistoryTrade } from "../../../../core/trading/history-csv.ts";

/** The result of an action: ok, or a sentence saying what went wrong. */
export type ActionResult = { ok: true; events: PaperEvent[] } | { ok: false; message: string };

/** What the page shows; pushed to subscribers on every change. */
export interface TradeSnapshot {
  account: AccountView;
  /** The latest quote of the account's current symbol (null before the first). */
  quote: PaperQuote | null;
  positions: PositionView[];
  orders: WorkingOrderView[];
  /** Bumped whenever history (or journal notes) change; history itself comes with it. */
  historyVersion: number;
  history?: ClosedTrade[];
  equityVersion: number;
  equity?: EquityPoint[];
  /** Events since the previous snapshot (fills, closes, cancels, margin calls). */
  events: PaperEvent[];
}

/** One entry of the account picker. */
export interface AccountEntry {
  id: string;
  name: string;
  kind: "paper" | "connector";
  currency: string;
}

export interface AccountSource {
  readonly kind: "paper" | "connector";
  readonly accountId: string;
  /** Calls `listener` with every new snapshot; returns the unsubscribe function. */
  subscribe(listener: (s: TradeSnapshot) => void): () => void;
  place(req: PaperOrderRequest): Promise<ActionResult>;
  modifyOrder(id: string, change: OrderChange): Promise<ActionResult>;
  cancelOrder(id: string): Promise<ActionResult>;
  modifyPosition(id: string, change: PositionChange): Promise<ActionResult>;
  closePosition(id: string, units?: number): Promise<ActionResult>;
  setJournal(tradeId: string, note: string, tags: string[]): Promise<ActionResult>;
  importHistory(trades: HistoryTrade[]): Promise<ActionResult>;
  /** Stops pushing snapshots and releases what the source holds (worker, socket). */
  close(): void;
}
