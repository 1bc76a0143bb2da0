/**
 * Quote sources for the paper broker: a seeded random walk (Gaussian steps of about half a
 * pip, a fixed one-pip spread) or a replay of a bar file through core/paper's MarketReplay
 * (four quotes per bar, looping at the end). Both call `emit` every `tickMs` milliseconds and
 * stamp quotes with a clock: the wall clock, or a market clock that runs `speed` times
 * faster (broker.speed), so bars of any timeframe can close within seconds on paper.
 */
import { readFile } from "node:fs/promises";
import { parseText, symbolInfo, TIMEFRAME_MS } from "../../../../core/market/index.ts";
import { MarketReplay } from "../../../../core/paper/replay.ts";
import type { Quote } from "../port.ts";

export interface QuoteSource {
  start(emit: (quote: Quote) => void): void;
  stop(): void;
}

/**
 * A clock that runs `speed` times faster than `wall` (1: as fast), starting at the wall
 * clock's now, or just after `since` when that is later: a saved paper account's last quote
 * time, so a restarted sped-up account never sees time go backwards.
 */
export function marketClock(speed: number, wall: () => number, since = 0): () => number {
  const origin = wall();
  const start = Math.max(origin, since + 1);
  if (speed === 1 && start === origin) return wall;
  return () => start + Math.floor((wall() - origin) * speed);
}

/** Mulberry32: a small seeded generator so a paper session can be replayed exactly. */
export function seededRandom(seed: number): () => number {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

const START_PRICES: Record<string, number> = {
  EURUSD: 1.085,
  GBPUSD: 1.27,
  USDJPY: 150.2,
  AUDUSD: 0.66,
  USDCHF: 0.88,
  USDCAD: 1.36,
  NZDUSD: 0.61,
};

/** A random walk per symbol, one quote per symbol per tick. */
export class RandomWalkSource implements QuoteSource {
  private timer: NodeJS.Timeout | undefined;
  private readonly mids = new Map<string, number>();
  private readonly random: () => number;

  constructor(
    private readonly symbols: string[],
    private readonly tickMs: number,
    seed: number,
    private readonly now: () => number = Date.now,
  ) {
    this.random = seededRandom(seed);
    for (const s of symbols) this.mids.set(s, START_PRICES[s] ?? 1);
  }

  /** One quote per symbol now (also used to seed the broker before the first tick). */
  tick(): Quote[] {
    const time = this.now();
    return this.symbols.map((symbol) => {
      const pip = symbolInfo(symbol).pipSize;
      // Box-Muller: a standard normal from two uniforms.
      const u = Math.max(this.random(), 1e-12);
      const z = Math.sqrt(-2 * Math.log(u)) * Math.cos(2 * Math.PI * this.random());
      const mid = Math.max(pip * 10, (this.mids.get(symbol) ?? 1) + z * pip * 0.5);
      this.mids.set(symbol, mid);
      const digits = symbolInfo(symbol).digits;
      const bid = Number((mid - pip / 2).toFixed(digits));
      const ask = Number((bid + pip).toFixed(digits));
      return { symbol, bid, ask, time };
    });
  }

  start(emit: (quote: Quote) => void): void {
    this.timer = setInterval(() => {
      for (const q of this.tick()) emit(q);
    }, this.tickMs);
  }

  stop(): void {
    clearInterval(this.timer);
  }
}

/** Plays a bar file back, looping; times are shifted to now so the app sees live-looking quotes. */
export class ReplaySource implements QuoteSource {
  private timer: NodeJS.Timeout | undefined;

  private constructor(
    private readonly replay: MarketReplay,
    private readonly tickMs: number,
    private readonly now: () => number,
  ) {}

  /** Loads and parses the file; errors name the file and the first bad line. */
  static async load(
    file: string,
    symbol: string,
    tickMs: number,
    now: () => number = Date.now,
  ): Promise<ReplaySource> {
    const text = await readFile(file, "utf8").catch((error: Error) => {
      throw new Error(`broker.replayFile: cannot read ${file} (${error.message})`);
    });
    const parsed = parseText(text, { fileName: file, symbol });
    if (!parsed.ok || parsed.bars.length < 2) {
      throw new Error(
        `broker.replayFile: ${file} has no usable bars (${parsed.failure ?? "fewer than 2 bars"})`,
      );
    }
    const info = symbolInfo(symbol);
    const replay = new MarketReplay({
      symbol,
      bars: parsed.bars,
      timeframeMs: parsed.timeframe
        ? TIMEFRAME_MS[parsed.timeframe]
        : parsed.bars.time[1] - parsed.bars.time[0],
      pipSize: info.pipSize,
      spreadPips: 1,
    });
    return new ReplaySource(replay, tickMs, now);
  }

  start(emit: (quote: Quote) => void): void {
    this.timer = setInterval(() => {
      let q = this.replay.next();
      if (!q) {
        this.replay.seek({ bar: 0, sub: 0 });
        q = this.replay.next();
      }
      if (q) emit({ symbol: q.symbol, bid: q.bid, ask: q.ask, time: this.now() });
    }, this.tickMs);
  }

  stop(): void {
    clearInterval(this.timer);
  }
}
