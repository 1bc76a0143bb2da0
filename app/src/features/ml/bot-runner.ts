/**
 * Runs one bot on market replay: plays the data set's bars as quotes into the bot's paper
 * account, and at the close of every bar decides from the bars seen so far (a model's
 * P(up) for the next bar, or a strategy's position), sizes entries with core/risk from the
 * bot's risk settings, trades, and journals the decision with the features behind it.
 */
import { runBacktest } from "../../../../core/backtest/engine.ts";
import type { Bars } from "../../../../core/backtest/types.ts";
import { symbolInfo } from "../../../../core/market/symbols.ts";
import { TIMEFRAME_MS, type Timeframe } from "../../../../core/market/timeframes.ts";
import { MarketReplay, QUOTES_PER_BAR } from "../../../../core/paper/replay.ts";
import { signalSide } from "../../../../core/strategy/model-signal.ts";
import { db } from "../../adapters/db.ts";
import { mlWorker } from "../../workers/ml-client.ts";
import type { PaperAccountRecord } from "../trade/trade-types.ts";
import { actOn } from "./bot-act.ts";
import { PaperVenue } from "./bot-venue.ts";
import type { BotDecisionRecord, BotRecord, ModelRecord } from "./records.ts";

/** Bars of history given to a model for one decision (enough for every feature). */
const HISTORY = 400;
const TICK_MS = 200;

export interface BotStatus {
  time: number;
  equity: number;
  pl: number;
  side: -1 | 0 | 1;
  bar: number;
  done: boolean;
}

function window(bars: Bars, end: number, size: number): Bars {
  const from = Math.max(0, end - size);
  const cut = (a: Float64Array) => a.subarray(from, end);
  return {
    time: cut(bars.time),
    open: cut(bars.open),
    high: cut(bars.high),
    low: cut(bars.low),
    close: cut(bars.close),
    volume: cut(bars.volume),
  };
}

/** The id of a bot's paper account in the Trade page's table. */
export function botAccountId(botId: string): string {
  return `bot-${botId}`;
}

export class BotRunner {
  readonly venue: PaperVenue;
  readonly replay: MarketReplay;
  private readonly symbol: string;
  private readonly pip: number;
  private timer: ReturnType<typeof setInterval> | undefined;
  private busy = false;
  private last = 0;

  constructor(
    private bot: BotRecord,
    private readonly bars: Bars,
    private readonly model: ModelRecord | undefined,
    private readonly onUpdate: (s: BotStatus, d?: BotDecisionRecord) => void,
  ) {
    if (bot.target === "connector")
      throw new Error(
        "Bots on the connector need a linked connector (issue 9); activate it on paper for now.",
      );
    const info = symbolInfo(bot.symbol);
    this.symbol = info.symbol;
    this.pip = info.pipSize;
    this.venue = PaperVenue.create(bot.id, bot.startBalance, bot.paper);
    this.replay = new MarketReplay({
      symbol: this.symbol,
      bars,
      timeframeMs: TIMEFRAME_MS[bot.timeframe as Timeframe] ?? 3_600_000,
      pipSize: this.pip,
      spreadPips: 1,
      start: bot.replayFrom,
    });
    if (bot.replay) this.replay.seek(bot.replay);
  }

  status(): BotStatus {
    const equity = this.venue.equity();
    const p = this.replay.position();
    return {
      time: this.bars.time[Math.min(p.bar, this.bars.time.length - 1)],
      equity,
      pl: equity - this.bot.startBalance,
      side: this.venue.side(this.symbol),
      bar: p.bar,
      done: this.replay.done,
    };
  }

  start(): void {
    this.last = performance.now();
    this.timer = setInterval(() => void this.tick(), TICK_MS);
  }

  stop(): void {
    if (this.timer) clearInterval(this.timer);
    this.timer = undefined;
  }

  /** Plays the rest of the current bar at once and decides (the "Step bar" button). */
  async stepBar(): Promise<void> {
    if (this.busy || this.replay.done) return;
    this.busy = true;
    try {
      for (const q of this.replay.stepBar()) this.venue.onQuote(q);
      await this.decide(this.replay.position().bar - 1);
    } finally {
      this.busy = false;
    }
  }

  private async tick(): Promise<void> {
    const now = performance.now();
    const elapsed = now - this.last;
    this.last = now;
    if (this.busy || this.replay.done) return;
    this.busy = true;
    try {
      const before = this.replay.position();
      const quotes = this.replay.pump(elapsed, this.bot.speed, QUOTES_PER_BAR - before.sub);
      for (const q of quotes) this.venue.onQuote(q);
      const after = this.replay.position();
      if (after.bar > before.bar) await this.decide(after.bar - 1);
    } finally {
      this.busy = false;
    }
  }

  /** Decides after bar i closed (the quotes of bar i have all been played). */
  private async decide(i: number): Promise<void> {
    const price = this.bars.close[i];
    let probability = Number.NaN;
    let features: Record<string, number> = {};
    let want: -1 | 0 | 1 = 0;
    let note = "";
    if (this.model) {
      const out = await mlWorker().predict(
        this.model.id,
        this.model.artifacts,
        this.model.meta,
        window(this.bars, i + 1, HISTORY),
      );
      if (!out.ok) note = out.error.message;
      else {
        probability = out.value.probability;
        features = out.value.features;
        if (Number.isNaN(probability)) note = "features still warming up";
        want = signalSide(probability, {
          threshold: this.bot.risk.threshold,
          allowShort: this.bot.risk.allowShort ? 1 : 0,
        });
      }
    } else if (this.bot.source.kind === "strategy") {
      const r = runBacktest({
        bars: window(this.bars, i + 1, 2000),
        strategy: this.bot.source.strategyId,
        settings: { finalize: false },
      });
      const open = r.openTrades.reduce((s, t) => s + t.size, 0);
      want = open > 0 ? 1 : open < 0 ? -1 : 0;
      features = { close: price };
    }
    const decision = actOn(this.venue, {
      symbol: this.symbol,
      pipSize: this.pip,
      want,
      note,
      risk: this.bot.risk,
    });
    const record: BotDecisionRecord = {
      botId: this.bot.id,
      time: this.bars.time[i],
      price,
      probability,
      want,
      action: decision.action,
      units: decision.units,
      note: decision.note,
      features,
      equity: this.venue.equity(),
    };
    record.id = await db.botDecisions.add(record);
    this.bot = {
      ...this.bot,
      paper: this.venue.broker.save(),
      replay: this.replay.position(),
      updatedAt: Date.now(),
    };
    await db.bots.update(this.bot.id, {
      paper: this.bot.paper,
      replay: this.bot.replay,
      updatedAt: this.bot.updatedAt,
    });
    this.onUpdate(this.status(), record);
  }

  /** Closes the bot's positions (on deactivation) and saves the account. */
  async flatten(): Promise<void> {
    this.venue.closeAll(this.symbol);
    await db.bots.update(this.bot.id, { paper: this.venue.broker.save(), replay: this.replay.position() });
    await this.mirror();
  }

  /**
   * Shows the bot's paper account among the Trade page's accounts (read-only there: no
   * replay is attached, so only the bot drives it) with its positions and history.
   */
  private async mirror(): Promise<void> {
    const state = this.venue.broker.save();
    const record: PaperAccountRecord = {
      id: botAccountId(this.bot.id),
      name: `Bot: ${this.bot.name}`,
      currency: state.config.currency,
      state,
      replay: null,
      notifications: [],
      updatedAt: Date.now(),
    };
    await db.paperAccounts.put(record);
  }
}
