/**
 * The paper account source: AccountSource over the trade worker (core PaperBroker + market
 * replay), plus the replay controls only a paper account has.
 */
import { proxy, type Remote } from "comlink";
import type { Bars } from "../../../../core/market/candles.ts";
import type { OrderChange, PaperOrderRequest, PositionChange } from "../../../../core/paper/types.ts";
import type { HistoryTrade } from "../../../../core/trading/history-csv.ts";
import type { TradeApi } from "../../workers/trade-api.ts";
import type { AccountSource, ActionResult, TradeSnapshot } from "./account-source.ts";
import type { SessionUpdate } from "./paper-session.ts";
import type { NotificationItem, ReplayStatus } from "./trade-types.ts";

export class PaperSource implements AccountSource {
  readonly kind = "paper" as const;
  private readonly listeners = new Set<(s: TradeSnapshot) => void>();
  private closed = false;

  private constructor(
    readonly accountId: string,
    private readonly api: Remote<TradeApi>,
    private readonly onPaper: (replay: ReplayStatus | null, notes: NotificationItem[] | undefined) => void,
  ) {}

  /** Opens a saved paper account in the worker; resolves with the source or a sentence. */
  static async open(
    accountId: string,
    api: Remote<TradeApi>,
    onSnapshot: (s: TradeSnapshot) => void,
    onPaper: (replay: ReplayStatus | null, notes: NotificationItem[] | undefined) => void,
  ): Promise<PaperSource | string> {
    const source = new PaperSource(accountId, api, onPaper);
    source.listeners.add(onSnapshot);
    const r = await api.open(
      accountId,
      proxy((u: SessionUpdate) => source.deliver(u)),
    );
    return r.ok ? source : r.message;
  }

  private deliver(u: SessionUpdate): void {
    if (this.closed) return;
    this.onPaper(u.replay, u.notifications);
    for (const l of this.listeners) l(u.snapshot);
  }

  subscribe(listener: (s: TradeSnapshot) => void): () => void {
    this.listeners.add(listener);
    return () => this.listeners.delete(listener);
  }

  place = (req: PaperOrderRequest): Promise<ActionResult> => this.api.place(req);
  modifyOrder = (id: string, change: OrderChange): Promise<ActionResult> => this.api.modifyOrder(id, change);
  cancelOrder = (id: string): Promise<ActionResult> => this.api.cancelOrder(id);
  modifyPosition = (id: string, change: PositionChange): Promise<ActionResult> =>
    this.api.modifyPosition(id, change);
  closePosition = (id: string, units?: number): Promise<ActionResult> => this.api.closePosition(id, units);
  setJournal = (id: string, note: string, tags: string[]): Promise<ActionResult> =>
    this.api.setJournal(id, note, tags);
  importHistory = (trades: HistoryTrade[]): Promise<ActionResult> => this.api.importHistory(trades);

  // Paper only: the market replay and reset.
  startReplay = (datasetId: string, start: number, spreadPips: number, speed: number) =>
    this.api.startReplay(datasetId, start, spreadPips, speed);
  play = (speed: number) => this.api.play(speed);
  pause = () => this.api.pause();
  setSpeed = (speed: number) => this.api.setSpeed(speed);
  stepBar = () => this.api.stepBar();
  jumpTo = (time: number) => this.api.jumpTo(time);
  reset = () => this.api.reset();
  bars = (): Promise<Bars | null> => this.api.bars();

  close(): void {
    this.closed = true;
    this.listeners.clear();
    void this.api.pause();
  }
}
