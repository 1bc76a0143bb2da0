/**
 * The paper-trading benchmark's workload, shared by `npm run bench:paper` in Node and the
 * trade worker in the browser: every quote of a bar series (four per bar) through a fresh
 * paper broker that always has `orders` working limit orders (re-placed as they fill),
 * each with a 30-pip stop-loss and take-profit so positions keep opening and closing.
 */
import type { Bars } from "../../../../core/market/candles.ts";
import { PaperBroker } from "../../../../core/paper/paper-broker.ts";
import { MarketReplay } from "../../../../core/paper/replay.ts";

const PIP = 0.0001;

export interface BenchResult {
  quotes: number;
  ms: number;
  fills: number;
  closed: number;
}

export function benchQuotes(
  bars: Bars,
  orders: number,
  now: () => number = () => performance.now(),
): BenchResult {
  const broker = new PaperBroker({
    id: "bench",
    name: "Bench",
    currency: "USD",
    balance: 1_000_000,
    leverage: 100,
    hedging: true,
  });
  const replay = new MarketReplay({
    symbol: "EURUSD",
    bars,
    timeframeMs: 60_000,
    pipSize: PIP,
    spreadPips: 0.6,
  });
  let working = 0;
  let fills = 0;
  let closed = 0;
  let quotes = 0;
  let k = 0;
  const t0 = now();
  for (let q = replay.next(); q !== undefined; q = replay.next()) {
    quotes++;
    for (const e of broker.onQuote(q)) {
      if (e.type === "fill") {
        fills++;
        working--;
      } else if (e.type === "cancel") working--;
      else if (e.type === "close") closed++;
    }
    while (working < orders) {
      // alternate buy limits under and sell limits over the price, 5..50 pips away
      const away = (5 + (k % 10) * 5) * PIP;
      const buy = k % 2 === 0;
      const price = buy ? q.bid - away : q.ask + away;
      broker.place({
        symbol: "EURUSD",
        side: buy ? "buy" : "sell",
        units: 1_000,
        type: "limit",
        price,
        stopLoss: buy ? price - 30 * PIP : price + 30 * PIP,
        takeProfit: buy ? price + 30 * PIP : price - 30 * PIP,
      });
      working++;
      k++;
    }
  }
  return { quotes, ms: now() - t0, fills, closed };
}
