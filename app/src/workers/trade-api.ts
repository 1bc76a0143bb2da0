/**
 * The trade worker's handler map: opens one paper account (PaperSession), runs its market
 * replay on a timer and forwards every change to the page through the `onUpdate` callback
 * (comlink proxy), at most once per timer tick so a 1000x replay cannot flood the UI.
 * Account actions answer with ActionResult; errors cross as sentences, never as throws.
 */
import { transfer } from "comlink";
import type { Bars } from "../../../core/market/candles.ts";
import type { PaperBroker } from "../../../core/paper/paper-broker.ts";
import type { OrderChange, PaperOrderRequest, PositionChange } from "../../../core/paper/types.ts";
import type { HistoryTrade } from "../../../core/trading/history-csv.ts";
import { db } from "../adapters/db.ts";
import type { ActionResult } from "../features/trade/account-source.ts";
import { type BenchResult, benchQuotes } from "../features/trade/bench-quotes.ts";
import { PaperSession, type SessionUpdate } from "../features/trade/paper-session.ts";

/** Wall time between replay steps. */
export const TICK_MS = 40;
/** While the replay plays, the page hears from the worker at most this often (actions answer at once). */
export const PUSH_MS = 100;

let session: PaperSession | null = null;
let listener: ((u: SessionUpdate) => void) | null = null;
let timer: ReturnType<typeof setInterval> | null = null;
let lastTick = 0;
let dirty = false;
let lastPush = 0;

const message = (e: unknown) => (e instanceof Error ? e.message : String(e));

function push(): void {
  dirty = false;
  lastPush = performance.now();
  if (session && listener) listener(session.update());
}

function ensureTimer(): void {
  if (timer !== null) return;
  lastTick = performance.now();
  timer = setInterval(() => {
    const now = performance.now();
    const wall = now - lastTick;
    lastTick = now;
    if (session?.tick(wall)) dirty = true;
    if (dirty && (now - lastPush >= PUSH_MS || !session?.isPlaying)) push();
    if (session && !session.isPlaying && timer !== null) {
      clearInterval(timer);
      timer = null;
    }
  }, TICK_MS);
}

async function act(
  fn: (b: PaperBroker) => ReturnType<PaperBroker["onQuote"]> | undefined,
): Promise<ActionResult> {
  if (!session) return { ok: false, message: "No account is open." };
  try {
    const events = await session.act(fn);
    push();
    return { ok: true, events };
  } catch (e) {
    return { ok: false, message: message(e) };
  }
}

export const tradeApi = {
  /** Opens an account saved in IndexedDB; its replay comes back paused where it stood. */
  async open(accountId: string, onUpdate: (u: SessionUpdate) => void): Promise<ActionResult> {
    if (session?.isPlaying) await session.pause();
    const record = await db.paperAccounts.get(accountId);
    if (!record) return { ok: false, message: "That account no longer exists." };
    try {
      session = new PaperSession(db, record, Date.now);
      await session.resume();
    } catch (e) {
      session = null;
      return { ok: false, message: message(e) };
    }
    listener = onUpdate;
    push();
    return { ok: true, events: [] };
  },

  /** The bars being replayed (a copy, transferred), for the chart. */
  bars(): Bars | null {
    const b = session?.bars;
    if (!b) return null;
    const copy: Bars = {
      time: b.time.slice(),
      open: b.open.slice(),
      high: b.high.slice(),
      low: b.low.slice(),
      close: b.close.slice(),
      volume: b.volume.slice(),
      length: b.length,
    };
    return transfer(copy, [
      copy.time.buffer,
      copy.open.buffer,
      copy.high.buffer,
      copy.low.buffer,
      copy.close.buffer,
      copy.volume.buffer,
    ]);
  },

  async startReplay(
    datasetId: string,
    start: number,
    spreadPips: number,
    speed: number,
  ): Promise<ActionResult> {
    if (!session) return { ok: false, message: "No account is open." };
    try {
      const problem = await session.start(datasetId, start, spreadPips, speed);
      push();
      return problem ? { ok: false, message: problem } : { ok: true, events: [] };
    } catch (e) {
      return { ok: false, message: message(e) };
    }
  },

  play(speed: number): void {
    session?.play(speed);
    ensureTimer();
    push();
  },

  async pause(): Promise<void> {
    await session?.pause();
    push();
  },

  setSpeed(speed: number): void {
    session?.setSpeed(speed);
    push();
  },

  async stepBar(): Promise<void> {
    await session?.stepBar();
    push();
  },

  async jumpTo(time: number): Promise<ActionResult> {
    if (!session) return { ok: false, message: "No account is open." };
    const problem = await session.jumpTo(time);
    push();
    return problem ? { ok: false, message: problem } : { ok: true, events: [] };
  },

  place: (req: PaperOrderRequest) => act((b) => b.place(req).events),
  modifyOrder: (id: string, change: OrderChange) => act((b) => b.modifyOrder(id, change)),
  cancelOrder: (id: string) => act((b) => b.cancelOrder(id)),
  modifyPosition: (id: string, change: PositionChange) =>
    act((b) => {
      b.modifyPosition(id, change);
      return undefined;
    }),
  closePosition: (id: string, units?: number) => act((b) => b.closePosition(id, units)),
  setJournal: (id: string, note: string, tags: string[]) =>
    act((b) => {
      b.setJournal(id, note, tags);
      return undefined;
    }),
  importHistory: (trades: HistoryTrade[]) =>
    act((b) => {
      b.importHistory(trades);
      return undefined;
    }),

  async reset(): Promise<void> {
    await session?.reset();
    push();
  },

  /** Benchmark: plays `bars` as fast as possible through a fresh broker with `orders` working orders. */
  benchmark(bars: Bars, orders: number): BenchResult {
    return benchQuotes(bars, orders);
  },
};

export type TradeApi = typeof tradeApi;
