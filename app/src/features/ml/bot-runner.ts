/**
 * Runs one bot on market replay: plays the data set's bars as quotes into the bot's paper
 * account, and at the close of every bar decides from the bars seen so far (a model's
 * P(up) for the next bar, or a strategy's position), sizes entries with core/risk from the
 * bot's risk settings, trades, and journals the decision with the features behind it.
 */
import type { Bars } from "../../../../core/backtest/types.ts";
import { symbolInfo } from "../../../../core/market/symbols.ts";
import { TIMEFRAME_MS, type Timeframe } from "../../../../core/market/timeframes.ts";
import { MarketReplay, QUOTES_PER_BAR } from "../../../../core/paper/replay.ts";
import { db } from "../../adapters/db.ts";
import type { PaperAccountRecord } from "../trade/trade-types.ts";
import { actOn } from "./bot-act.ts";
import { decideBar } from "./bot-decide.ts";
import type { BotStatus, BotUpdate, RunningBot } from "./bot-status.ts";
import { PaperVenue } from "./bot-venue.ts";
import type { BotDecisionRecord, BotRecord, ModelRecord } from "./records.ts";

const TICK_MS = 200;

/** The id of a bot's paper account in the Trade page's table. */
export function botAccountId(botId: string): string {
  return `bot-${botId}`;
}

export class BotRunner implements RunningBot {
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
    private readonly onUpdate: BotUpdate,
  ) {
    if (bot.target !== "paper-replay") throw new Error("BotRunner replays on paper; use ConnectorBotRunner.");
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
      venue: "paper-replay",
      time: this.bars.time[Math.min(p.bar, this.bars.time.length - 1)],
      equity,
      pl: equity - this.bot.startBalance,
      side: this.venue.side(this.symbol),
      done: this.replay.done,
      paused: "",
      bars: p.bar,
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
    const { probability, features, want, note } = await decideBar(this.bot, this.model, this.bars, i);
    const decision = await actOn(this.venue, {
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
      outcome: decision.outcome,
      venue: "paper-replay",
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
  async flatten(): Promise<string> {
    await this.venue.closeAll(this.symbol);
    await db.bots.update(this.bot.id, { paper: this.venue.broker.save(), replay: this.replay.position() });
    await this.mirror();
    return "";
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
