/**
 * One paper account at work inside the trade worker: the core PaperBroker fed by a
 * MarketReplay of a stored data set (quotes take the set's own per-bar spread when it has a
 * spread column, else the Settings spread), saved to IndexedDB after every action and every
 * second while the replay plays, so a reload or a closed tab loses nothing. The UI gets a
 * snapshot (TradeSnapshot + ReplayStatus) after each change through `emit`.
 */

import type { Bars } from "../../../../core/market/candles.ts";
import { symbolInfo } from "../../../../core/market/symbols.ts";
import { TIMEFRAME_MS, type Timeframe } from "../../../../core/market/timeframes.ts";
import { PaperBroker } from "../../../../core/paper/paper-broker.ts";
import { MarketReplay, QUOTES_PER_BAR } from "../../../../core/paper/replay.ts";
import type { PaperEvent } from "../../../../core/paper/types.ts";
import type { ForexDb } from "../../adapters/db.ts";
import { loadWindow } from "../chart/load-bars.ts";
import type { TradeSnapshot } from "./account-source.ts";
import { describeEvent } from "./notify.ts";
import type { NotificationItem, PaperAccountRecord, ReplaySetup, ReplayStatus } from "./trade-types.ts";

const MAX_NOTIFICATIONS = 200;
const SAVE_EVERY_MS = 1000;

export interface SessionUpdate {
  snapshot: TradeSnapshot;
  replay: ReplayStatus | null;
  /** Only when they changed since the previous update. */
  notifications?: NotificationItem[];
}

export class PaperSession {
  broker: PaperBroker;
  private replay: MarketReplay | null = null;
  private setup: ReplaySetup | null = null;
  bars: Bars | null = null;
  private playing = false;
  private notes: NotificationItem[];
  private pending: PaperEvent[] = [];
  private historyVersion = 1;
  private equityVersion = 1;
  private curveSeen = 0;
  private notesVersion = 1;
  private sentNotes = 0;
  private sentHistory = 0;
  private sentEquity = 0;
  private historyLength = 0;
  private lastBar = -1;
  private quotesInBar = 0;
  private lastSave = 0;

  constructor(
    private readonly db: ForexDb,
    private record: PaperAccountRecord,
    private readonly now: () => number,
  ) {
    this.broker = PaperBroker.restore(record.state);
    this.notes = [...record.notifications];
    this.historyLength = this.broker.history().length;
  }

  get accountId(): string {
    return this.record.id;
  }

  /** Reloads the saved replay (paused where it stood). */
  async resume(): Promise<void> {
    const r = this.record.replay;
    if (!r) return;
    if (await this.loadBars(r)) {
      this.replay?.seek(r.position);
      this.lastBar = r.position.sub === 0 ? r.position.bar - 1 : r.position.bar;
      this.quotesInBar = r.position.sub === 0 ? QUOTES_PER_BAR : r.position.sub;
    }
  }

  /** Starts a replay of a data set from `start` (ms); the first quote is played at once. */
  async start(datasetId: string, start: number, spreadPips: number, speed: number): Promise<string> {
    const ds = await this.db.datasets.get(datasetId);
    if (!ds) return "That data set no longer exists; pick another one.";
    if (this.broker.positions().length > 0 || this.broker.orders().length > 0) {
      if (this.setup && this.setup.symbol !== ds.symbol) {
        return "Close the open positions and orders before replaying another symbol.";
      }
    }
    const setup: ReplaySetup = {
      datasetId,
      symbol: symbolInfo(ds.symbol).symbol,
      timeframe: ds.timeframe,
      position: { bar: 0, sub: 0 },
      speed,
      spreadPips,
    };
    if (!(await this.loadBars(setup))) return "The data set holds no bars.";
    const replay = this.replay as MarketReplay;
    replay.jumpTo(start);
    const t = replay.nextTime();
    const busy = this.broker.positions().length > 0 || this.broker.orders().length > 0;
    const last = this.broker.quote(setup.symbol);
    if (busy && last && t <= last.time) {
      return "With open positions or orders the replay can only move forward; pick a later start or close them.";
    }
    if (!busy) this.broker = this.freshQuotes();
    this.playing = false;
    this.feed(1);
    await this.save();
    return "";
  }

  play(speed: number): void {
    if (!this.replay || this.replay.done) return;
    this.playing = true;
    if (this.setup) this.setup.speed = speed;
  }

  pause(): Promise<void> {
    this.playing = false;
    return this.save();
  }

  setSpeed(speed: number): void {
    if (this.setup) this.setup.speed = speed;
  }

  get isPlaying(): boolean {
    return this.playing;
  }

  /** Plays the rest of the current bar (or the next whole bar). */
  async stepBar(): Promise<void> {
    if (!this.replay) return;
    for (const q of this.replay.stepBar()) this.apply(q);
    await this.save();
  }

  /** Moves to the first bar at or after `time` (forward only while positions or orders are open). */
  async jumpTo(time: number): Promise<string> {
    if (!this.replay || !this.setup) return "Start a replay first.";
    const busy = this.broker.positions().length > 0 || this.broker.orders().length > 0;
    const last = this.broker.quote(this.setup.symbol);
    if (busy && last && time <= last.time) {
      return "With open positions or orders the replay can only jump forward; close them to go back.";
    }
    this.replay.jumpTo(time);
    if (!busy) this.broker = this.freshQuotes();
    this.feed(1);
    await this.save();
    return "";
  }

  /** Called by the worker's timer: plays what `wallMs` of wall time is worth. */
  tick(wallMs: number): boolean {
    if (!this.playing || !this.replay || !this.setup) return false;
    const quotes = this.replay.pump(wallMs, this.setup.speed);
    for (const q of quotes) this.apply(q);
    if (this.replay.done) this.playing = false;
    if (this.now() - this.lastSave >= SAVE_EVERY_MS) void this.save();
    return quotes.length > 0;
  }

  /** Runs an account action, records its events and saves at once. */
  async act(fn: (b: PaperBroker) => readonly PaperEvent[] | undefined): Promise<PaperEvent[]> {
    const events = [...(fn(this.broker) ?? [])];
    this.record_(events);
    this.bumpHistory(true); // journal notes and imports change history without new trades
    this.equityVersion++;
    await this.save();
    return events;
  }

  async reset(): Promise<void> {
    this.broker.reset();
    this.notes = [];
    this.notesVersion++;
    this.bumpHistory(true);
    this.equityVersion++;
    // the replay stays where it is: the next quote prices the fresh account
    await this.save();
  }

  /** The snapshot for the UI; history and curve only when they changed since the last one. */
  update(): SessionUpdate {
    const b = this.broker;
    const symbol = this.setup?.symbol;
    const snapshot: TradeSnapshot = {
      account: b.account(),
      quote: symbol ? (b.quote(symbol) ?? null) : null,
      positions: b.positions(),
      orders: b.orders(),
      historyVersion: this.historyVersion,
      equityVersion: this.equityVersion,
      events: this.pending,
    };
    this.pending = [];
    if (this.sentHistory !== this.historyVersion) {
      snapshot.history = b.history();
      this.sentHistory = this.historyVersion;
    }
    if (this.sentEquity !== this.equityVersion) {
      snapshot.equity = b.equityCurve();
      this.sentEquity = this.equityVersion;
    }
    const notes = this.sentNotes !== this.notesVersion ? this.notes : undefined;
    this.sentNotes = this.notesVersion;
    return { snapshot, replay: this.status(), notifications: notes };
  }

  status(): ReplayStatus | null {
    if (!this.replay || !this.setup) return null;
    return {
      datasetId: this.setup.datasetId,
      symbol: this.setup.symbol,
      timeframe: this.setup.timeframe,
      playing: this.playing,
      speed: this.setup.speed,
      bar: this.lastBar,
      quotesInBar: this.quotesInBar,
      time: this.broker.quote(this.setup.symbol)?.time ?? Number.NaN,
      bars: this.replay.length,
      done: this.replay.done,
      spreadSource: this.replay.spreadFromData ? "data" : "settings",
      spreadPips: this.setup.spreadPips,
    };
  }

  async save(): Promise<void> {
    this.lastSave = this.now();
    if (this.setup && this.replay) this.setup.position = this.replay.position();
    this.record = {
      ...this.record,
      state: this.broker.save(),
      replay: this.setup ? { ...this.setup, position: { ...this.setup.position } } : null,
      notifications: this.notes,
      updatedAt: this.now(),
    };
    await this.db.paperAccounts.put(this.record);
  }

  private apply(q: { symbol: string; bid: number; ask: number; time: number }): void {
    const events = this.broker.onQuote(q);
    if (this.replay) {
      const p = this.replay.position();
      this.lastBar = p.sub === 0 ? p.bar - 1 : p.bar;
      this.quotesInBar = p.sub === 0 ? QUOTES_PER_BAR : p.sub;
    }
    if (events.length > 0) {
      this.record_([...events]);
      this.bumpHistory();
    }
    if (this.broker.curvePoints !== this.curveSeen) {
      this.curveSeen = this.broker.curvePoints;
      this.equityVersion++;
    }
  }

  private feed(n: number): void {
    for (let k = 0; k < n && this.replay && !this.replay.done; k++) this.apply(this.replay.next() as never);
  }

  private record_(events: PaperEvent[]): void {
    if (events.length === 0) return;
    this.pending.push(...events);
    let id = this.notes.length > 0 ? this.notes[this.notes.length - 1].id + 1 : 1;
    for (const e of events) this.notes.push({ id: id++, ...describeEvent(e, this.record.currency) });
    if (this.notes.length > MAX_NOTIFICATIONS) this.notes = this.notes.slice(-MAX_NOTIFICATIONS);
    this.notesVersion++;
  }

  private bumpHistory(force = false): void {
    const n = this.broker.history().length;
    if (force || n !== this.historyLength) {
      this.historyLength = n;
      this.historyVersion++;
    }
  }

  /** Flat account moving in time: drop old quotes so the books accept earlier times. */
  private freshQuotes(): PaperBroker {
    const s = this.broker.save();
    return PaperBroker.restore({ ...s, books: [] });
  }

  private async loadBars(r: ReplaySetup): Promise<boolean> {
    const ds = await this.db.datasets.get(r.datasetId);
    if (!ds) return false;
    const tf = ds.timeframe as Timeframe;
    const bars = await loadWindow(this.db, ds, { from: ds.start, to: ds.end + 1 }, tf);
    if (bars.length === 0) return false;
    this.bars = bars;
    this.setup = { ...r, timeframe: tf };
    const info = symbolInfo(r.symbol);
    this.replay = new MarketReplay({
      symbol: r.symbol,
      bars,
      timeframeMs: TIMEFRAME_MS[tf],
      pipSize: info.pipSize,
      spreadPips: r.spreadPips,
      // the data's own spread per bar when the set has one (points -> price by the symbol's digits)
      spreadPoints: bars.spread,
      pointSize: 10 ** -info.digits,
    });
    return true;
  }
}
