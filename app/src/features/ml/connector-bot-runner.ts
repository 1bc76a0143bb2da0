/**
 * Runs one bot on the linked connector: builds bars at the bot's timeframe from the
 * connector's quotes (core/market/bar-builder.ts), and at each closed bar makes the same
 * decision as on market replay (bot-decide.ts), acts on it through the connector venue (the
 * app's one order path) and journals the decision with its features and the broker's answer.
 * While the relay socket or the connector is offline, or the connector online is not the
 * bot's (another linked connector, or its broker changed since activation), the bot is
 * paused: it sends nothing, journals the pause, and resumes (journaled too) when that ends.
 * An order the broker has not answered yet is kept in flight: the bot does not act again
 * until it settled, so a late fill is never doubled by a second entry.
 */
import type { Bars } from "../../../../core/backtest/types.ts";
import { type Bar, BarBuilder } from "../../../../core/market/bar-builder.ts";
import { symbolInfo } from "../../../../core/market/symbols.ts";
import { TIMEFRAME_MS, type Timeframe } from "../../../../core/market/timeframes.ts";
import { DEFAULT_COMMAND_TTL_MS } from "../../../../core/protocol/index.ts";
import { ANSWER_WAIT_MS } from "../connector/command-outcome.ts";
import { actOn } from "./bot-act.ts";
import { type BotSignal, decideBar } from "./bot-decide.ts";
import type { BotStatus, BotUpdate, RunningBot } from "./bot-status.ts";
import type { OrderOutcome } from "./bot-venue.ts";
import type { ConnectorLink } from "./connector-link.ts";
import { ConnectorVenue } from "./connector-venue.ts";
import type { BotDecisionRecord, BotRecord, ModelRecord } from "./records.ts";

/** Bars kept from the quote stream (enough for every feature and the strategies). */
const KEEP_BARS = 2000;

export interface ConnectorBotOptions {
  bot: BotRecord;
  model: ModelRecord | undefined;
  link: ConnectorLink;
  onUpdate: BotUpdate;
  /** Appends a decision to the bot's journal (IndexedDB in the app). */
  journal: (record: BotDecisionRecord) => Promise<void>;
  /** The decision for bar i; the shared replay decision unless a test measures something else. */
  decide?: (bot: BotRecord, model: ModelRecord | undefined, bars: Bars, i: number) => Promise<BotSignal>;
  /** How long to wait for the broker's answer to an order (default 30 s). */
  answerWaitMs?: number;
  /**
   * How long an unanswered order keeps the bot waiting in all (default twice the command's
   * expiry): by then the relay and the connector refuse it as expired, so the positions the
   * connector reports are the truth again and the bot goes on instead of waiting for ever.
   */
  inFlightMaxMs?: number;
}

function brokerLabel(b: { kind: string; live: boolean }): string {
  return `${b.kind}${b.live ? " (live money)" : ""}`;
}

function columns(bars: readonly Bar[]): Bars {
  const col = (pick: (b: Bar) => number) => Float64Array.from(bars, pick);
  return {
    time: col((b) => b.time),
    open: col((b) => b.open),
    high: col((b) => b.high),
    low: col((b) => b.low),
    close: col((b) => b.close),
    volume: col((b) => b.ticks),
  };
}

export class ConnectorBotRunner implements RunningBot {
  readonly venue: ConnectorVenue;
  private readonly builder: BarBuilder;
  private readonly symbol: string;
  private readonly pip: number;
  private paused = "";
  private lastTime = Number.NaN;
  private busy: Promise<void> | null = null;
  private again = false;
  private stopped = true;
  private offs: (() => void)[] = [];
  /** The order sent and not answered yet; `told`: its wait is journaled already. */
  private inFlight: { what: string; settled: Promise<OrderOutcome>; told: boolean } | null = null;

  constructor(private readonly o: ConnectorBotOptions) {
    const info = symbolInfo(o.bot.symbol);
    this.symbol = info.symbol;
    this.pip = info.pipSize;
    const barMs = TIMEFRAME_MS[o.bot.timeframe as Timeframe];
    if (!barMs) throw new Error(`Unknown timeframe ${o.bot.timeframe}; create the bot again.`);
    this.builder = new BarBuilder(this.symbol, barMs, KEEP_BARS);
    this.venue = new ConnectorVenue(o.link, o.answerWaitMs);
  }

  status(): BotStatus {
    const equity = this.venue.equity();
    return {
      venue: "connector",
      time: this.lastTime,
      equity,
      pl: equity - this.o.bot.startBalance,
      side: this.venue.side(this.symbol),
      done: false,
      paused: this.paused,
      bars: this.builder.bars.length,
    };
  }

  start(): void {
    if (!this.stopped) return;
    this.stopped = false;
    this.offs = [
      this.o.link.onQuotes((quotes) => {
        for (const q of quotes) this.onQuote(q);
      }),
      this.o.link.onChange(() => void this.checkLink()),
    ];
    void this.checkLink();
  }

  stop(): void {
    this.stopped = true;
    for (const off of this.offs) off();
    this.offs = [];
  }

  /** Resolves when no decision is running (tests and deactivation wait on it). */
  async idle(): Promise<void> {
    while (this.busy) await this.busy;
  }

  async flatten(): Promise<string> {
    await this.idle();
    // An entry still unanswered may fill yet: give it the usual wait before reading positions.
    const flying = this.inFlight;
    if (flying) {
      let timer: ReturnType<typeof setTimeout> | undefined;
      await Promise.race([
        flying.settled,
        new Promise((r) => {
          timer = setTimeout(r, this.o.answerWaitMs ?? ANSWER_WAIT_MS);
        }),
      ]);
      clearTimeout(timer);
    }
    if (this.venue.side(this.symbol) === 0) return "";
    const blocked = this.why();
    if (blocked) {
      await this.record(this.lastTime, {
        want: 0,
        action: "refused",
        note: "bot deactivated",
        outcome: `not sent: ${blocked}`,
      });
      return `not sent: ${blocked}`;
    }
    const answer = await this.venue.closeAll(this.symbol);
    await this.record(this.lastTime, {
      want: 0,
      action: answer.status === "refused" ? "refused" : "close",
      note: "bot deactivated",
      outcome: answer.detail,
    });
    return answer.status === "placed" ? "" : answer.detail;
  }

  /** Why the bot must not trade now ("" when it may): offline, or not the bot's connector/broker. */
  private why(): string {
    const offline = this.o.link.offline();
    if (offline) return offline;
    const mine = this.o.bot.connector;
    const online = this.o.link.connector();
    if (mine && online && online.id !== mine.id)
      return `another connector (${online.name}) is online, not ${mine.name}`;
    const was = this.o.bot.brokerAtActivation;
    const now = this.o.link.account()?.broker;
    if (was && now && (was.kind !== now.kind || was.live !== now.live))
      return `the connector's broker is now ${brokerLabel(now)}, not ${brokerLabel(was)} as at activation; deactivate and activate the bot again to trade on it`;
    return "";
  }

  private onQuote(q: { symbol: string; bid: number; ask: number; time: number }): void {
    if (q.symbol !== this.symbol) return;
    this.lastTime = q.time;
    if (this.builder.add(q)) this.schedule();
    else this.o.onUpdate(this.status());
  }

  /** One decision at a time; bars that close meanwhile are decided on together afterwards. */
  private schedule(): void {
    if (this.busy) {
      this.again = true;
      return;
    }
    this.busy = (async () => {
      do {
        this.again = false;
        await this.decide();
      } while (this.again && !this.stopped);
    })().finally(() => {
      this.busy = null;
    });
  }

  private async checkLink(): Promise<void> {
    if (this.stopped) return;
    const why = this.why();
    if (why && why !== this.paused) {
      this.paused = why;
      await this.record(this.lastTime, { want: 0, action: "pause", note: `paused: ${why}`, outcome: "" });
    } else if (!why && this.paused) {
      this.paused = "";
      await this.record(this.lastTime, {
        want: 0,
        action: "resume",
        note: "connector back online",
        outcome: "",
      });
    } else this.o.onUpdate(this.status());
  }

  private async decide(): Promise<void> {
    const bars = this.builder.bars;
    if (this.stopped || this.paused || bars.length === 0) return;
    const i = bars.length - 1;
    const bar = bars[i];
    if (this.inFlight) {
      // The last order is not answered yet: acting now could double it; wait for the answer.
      if (!this.inFlight.told) {
        this.inFlight.told = true;
        await this.record(bar.time, {
          want: 0,
          action: "skip",
          note: `waiting for the broker's answer to ${this.inFlight.what}`,
          price: bar.close,
        });
      }
      return;
    }
    const signal = await (this.o.decide ?? decideBar)(this.o.bot, this.o.model, columns(bars), i);
    if (this.stopped) return;
    // The connector may have gone while the model thought: no order then, and say so.
    const why = this.why();
    const act = why
      ? { action: "skip" as const, units: 0, note: `no order: ${why}`, outcome: "" }
      : await actOn(this.venue, {
          symbol: this.symbol,
          pipSize: this.pip,
          want: signal.want,
          note: signal.note,
          risk: this.o.bot.risk,
        });
    const { inFlight, ...decided } = "inFlight" in act ? act : { ...act, inFlight: undefined };
    await this.record(bar.time, { ...signal, ...decided, price: bar.close });
    if (inFlight) this.track(inFlight);
  }

  /** Keeps a pending order until the broker answers, then journals the answer. */
  private track(order: { what: string; settled: Promise<OrderOutcome> }): void {
    const flying = { ...order, told: false };
    this.inFlight = flying;
    const maxMs = this.o.inFlightMaxMs ?? 2 * DEFAULT_COMMAND_TTL_MS;
    let timer: ReturnType<typeof setTimeout> | undefined;
    const gaveUp = new Promise<null>((r) => {
      timer = setTimeout(() => r(null), maxMs);
    });
    void Promise.race([order.settled, gaveUp]).then(async (answer) => {
      clearTimeout(timer);
      if (this.inFlight === flying) this.inFlight = null;
      await this.record(this.lastTime, {
        want: 0,
        action: answer?.status === "refused" ? "refused" : "hold",
        note: answer
          ? `the broker's answer to ${order.what}, sent earlier`
          : `no answer to ${order.what} after ${Math.round(maxMs / 1000)} s: it has expired; the bot goes on from the positions the connector reports`,
        outcome: answer?.detail ?? "",
      });
    });
  }

  private async record(
    time: number,
    d: Partial<BotDecisionRecord> & Pick<BotDecisionRecord, "want" | "action" | "note">,
  ): Promise<void> {
    const last = this.builder.bars.at(-1);
    const record: BotDecisionRecord = {
      botId: this.o.bot.id,
      // before the first quote (a pause at activation) the clock is the device's
      time: Number.isFinite(time) ? time : Date.now(),
      price: last?.close ?? Number.NaN,
      probability: Number.NaN,
      units: 0,
      features: {},
      equity: this.venue.equity(),
      venue: "connector",
      outcome: "",
      ...d,
    };
    await this.o.journal(record);
    this.o.onUpdate(this.status(), record);
  }
}
