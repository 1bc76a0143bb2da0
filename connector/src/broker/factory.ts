/** Builds the configured broker adapter. */
import type { BrokerConfig } from "../config.ts";
import type { Logger } from "../log.ts";
import { Mt5Broker } from "./mt5/mt5-broker.ts";
import { OandaBroker } from "./oanda/oanda-broker.ts";
import { PaperAdapter } from "./paper/paper-adapter.ts";
import { lastQuoteTime, PaperStore } from "./paper/paper-store.ts";
import { marketClock, type QuoteSource, RandomWalkSource, ReplaySource } from "./paper/quote-source.ts";
import type { BrokerPort } from "./port.ts";

/** The adapter for `config` (the paper account lives in `dir`). */
export async function createBroker(config: BrokerConfig, dir: string, log: Logger): Promise<BrokerPort> {
  switch (config.kind) {
    case "paper": {
      const clock = marketClock(config.speed, Date.now, lastQuoteTime(await new PaperStore(dir).load()));
      const walk = new RandomWalkSource(config.symbols, config.tickMs, config.seed, clock);
      let source: QuoteSource = walk;
      if (config.source === "replay") {
        if (!config.replayFile) throw new Error('broker.replayFile: required when broker.source is "replay"');
        source = await ReplaySource.load(config.replayFile, config.symbols[0], config.tickMs, clock);
      }
      return new PaperAdapter({
        dir,
        source,
        initialQuotes: walk.tick(),
        balance: config.balance,
        currency: config.currency,
        leverage: config.leverage,
        log,
      });
    }
    case "oanda":
      return new OandaBroker({ ...config, log });
    case "mt5":
      return new Mt5Broker({ port: config.port, timeoutMs: config.timeoutMs, log, key: config.key });
  }
}
