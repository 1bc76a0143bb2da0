/**
 * Hosts a deployed bot in the connector, so trading goes on with the browser closed: a
 * built-in strategy from core/strategy run on bars built from the broker's quotes. At each
 * completed bar the strategy is replayed through the core backtest engine over the bars so
 * far (plus one flat bar so orders placed on the last bar fill), which gives the position it
 * wants now; the bot sends the market order that moves the live position there, through the
 * same executor and journal as commands from the app (its idempotency key is derived from
 * the bar, so a restart never sends a bar's order twice). Every decision is appended to
 * bot-journal.jsonl in the config directory.
 */
import { createHash } from "node:crypto";
import { appendFile } from "node:fs/promises";
import { join } from "node:path";
import { runBacktest } from "../../core/backtest/index.ts";
import { type Bar, BarBuilder } from "../../core/market/bar-builder.ts";
import { getStrategy } from "../../core/strategy/registry.ts";
import type { BrokerPort } from "./broker/port.ts";
import type { BotConfig } from "./config.ts";
import type { Execution, TradeCommand } from "./executor.ts";
import type { Logger } from "./log.ts";

export const BOT_JOURNAL_FILE = "bot-journal.jsonl";
/** A bot order must reach the broker within this long of its bar. */
export const BOT_ORDER_TTL_MS = 30_000;

export interface BotHostOptions {
  config: BotConfig;
  broker: BrokerPort;
  /** Runs a command through the executor and acknowledges it to the relay. */
  session: { run(command: TradeCommand): Promise<Execution> };
  dir: string;
  log: Logger;
  now?: () => number;
}

/** The position (signed units) the strategy wants after the last of `bars`. */
export function targetPosition(bars: Bar[], config: BotConfig): number {
  const n = bars.length;
  if (n < 3) return 0;
  const barMs = n > 1 ? bars[n - 1].time - bars[n - 2].time : 60_000;
  const last = bars[n - 1];
  const all = [
    ...bars,
    { ...last, time: last.time + barMs, open: last.close, high: last.close, low: last.close },
  ];
  const column = (pick: (b: Bar) => number) => Float64Array.from(all, pick);
  const result = runBacktest({
    bars: {
      time: column((b) => b.time),
      open: column((b) => b.open),
      high: column((b) => b.high),
      low: column((b) => b.low),
      close: column((b) => b.close),
      volume: column((b) => b.ticks),
    },
    strategy: config.strategy,
    params: config.params,
    settings: { finalize: false },
  });
  const net = result.openTrades.reduce((s, t) => s + t.size, 0);
  return Math.sign(net) * config.units;
}

/** The running bot. */
export class BotHost {
  private readonly builder: BarBuilder;
  private unsubscribe: (() => void) | undefined;
  private busy = false;
  private readonly now: () => number;

  constructor(private readonly options: BotHostOptions) {
    getStrategy(options.config.strategy); // throws a clear error for an unknown id
    this.builder = new BarBuilder(options.config.symbol, options.config.barSeconds * 1000);
    this.now = options.now ?? Date.now;
  }

  async start(): Promise<void> {
    const { config, log } = this.options;
    this.unsubscribe = this.options.broker.onQuote((q) => {
      const bar = this.builder.add(q);
      if (bar) void this.onBar(bar);
    });
    log.info(
      `Bot ${config.strategy} on ${config.symbol} (${config.barSeconds}s bars, ${config.units} units) started`,
    );
    await this.journal({
      event: "start",
      strategy: config.strategy,
      params: config.params,
      symbol: config.symbol,
    });
  }

  async stop(): Promise<void> {
    this.unsubscribe?.();
    await this.journal({ event: "stop" });
  }

  /** Decides on a completed bar; bars that arrive while a decision runs are folded into the next. */
  async onBar(bar: Bar): Promise<void> {
    if (this.busy) return;
    this.busy = true;
    try {
      await this.decide(bar);
    } catch (error) {
      this.options.log.error(`Bot decision failed: ${(error as Error).message}`);
      await this.journal({ event: "error", bar: bar.time, message: (error as Error).message });
    } finally {
      this.busy = false;
    }
  }

  private async decide(bar: Bar): Promise<void> {
    const { config, broker } = this.options;
    const target = targetPosition(this.builder.bars, config);
    const positions = await broker.positions();
    const current = positions
      .filter((p) => p.symbol === config.symbol)
      .reduce((s, p) => s + (p.side === "buy" ? p.units : -p.units), 0);
    const delta = target - current;
    const decision = {
      event: "decision",
      bar: bar.time,
      close: bar.close,
      bars: this.builder.bars.length,
      target,
      current,
    };
    if (delta === 0) {
      await this.journal({ ...decision, action: "hold" });
      return;
    }
    const key = botKey(config, bar.time);
    const command: TradeCommand = {
      kind: "place",
      key,
      expiresAt: this.now() + BOT_ORDER_TTL_MS,
      order: {
        symbol: config.symbol,
        side: delta > 0 ? "buy" : "sell",
        units: Math.abs(delta),
        type: "market",
      },
    };
    const outcome = await this.options.session.run(command);
    await this.journal({
      ...decision,
      action: delta > 0 ? "buy" : "sell",
      units: Math.abs(delta),
      key,
      outcome: outcome.ok ? outcome.result.status : outcome.error.code,
      fillPrice: outcome.ok ? outcome.result.fillPrice : undefined,
    });
  }

  private async journal(entry: Record<string, unknown>): Promise<void> {
    const line = `${JSON.stringify({ time: new Date(this.now()).toISOString(), ...entry })}\n`;
    await appendFile(join(this.options.dir, BOT_JOURNAL_FILE), line, { mode: 0o600 });
  }
}

/** The bot's idempotency key for a bar: stable across restarts. */
export function botKey(config: BotConfig, barTime: number): string {
  const h = createHash("sha256").update(
    `${config.strategy}|${config.symbol}|${JSON.stringify(config.params)}|${barTime}`,
  );
  return `bot-${h.digest("hex").slice(0, 32)}`;
}
