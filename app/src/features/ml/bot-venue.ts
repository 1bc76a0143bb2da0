/**
 * Where a bot's orders go. The paper venue wraps core/paper's PaperBroker fed by market
 * replay; a connector venue (issue 9: the trader's own broker through the relay) implements
 * the same interface, so the bot logic does not change when it moves from paper to live.
 */
import { PaperBroker } from "../../../../core/paper/paper-broker.ts";
import type { PaperState } from "../../../../core/paper/paper-state.ts";
import type { PaperQuote } from "../../../../core/paper/types.ts";

export interface BotVenue {
  readonly kind: "paper-replay" | "connector";
  /** 1 long, -1 short, 0 flat in the symbol */
  side(symbol: string): -1 | 0 | 1;
  balance(): number;
  equity(): number;
  /** the price a market order on `side` would fill at now (ask for buys, bid for sells) */
  price(symbol: string, side: "buy" | "sell"): number;
  /** closes every position in the symbol at the current price */
  closeAll(symbol: string): void;
  /** a market order with optional protection; resolves once the venue confirms the fill */
  market(order: {
    symbol: string;
    side: "buy" | "sell";
    units: number;
    stopLoss?: number;
    takeProfit?: number;
  }): void;
}

/** The paper broker as a bot venue. */
export class PaperVenue implements BotVenue {
  readonly kind = "paper-replay";
  constructor(readonly broker: PaperBroker) {}

  static create(botId: string, balance: number, saved?: PaperState): PaperVenue {
    return new PaperVenue(
      saved
        ? PaperBroker.restore(saved)
        : new PaperBroker({
            id: `bot-${botId}`,
            name: `Bot ${botId}`,
            currency: "USD",
            balance,
            leverage: 30,
          }),
    );
  }

  onQuote(q: PaperQuote): void {
    this.broker.onQuote(q);
  }

  side(symbol: string): -1 | 0 | 1 {
    let net = 0;
    for (const p of this.broker.positions())
      if (p.symbol === symbol) net += p.side === "buy" ? p.units : -p.units;
    return net > 0 ? 1 : net < 0 ? -1 : 0;
  }

  balance(): number {
    return this.broker.account().balance;
  }

  equity(): number {
    return this.broker.account().equity;
  }

  price(symbol: string, side: "buy" | "sell"): number {
    const q = this.broker.quote(symbol);
    if (!q) return Number.NaN;
    return side === "buy" ? q.ask : q.bid;
  }

  closeAll(symbol: string): void {
    for (const p of this.broker.positions()) if (p.symbol === symbol) this.broker.closePosition(p.id);
  }

  market(order: {
    symbol: string;
    side: "buy" | "sell";
    units: number;
    stopLoss?: number;
    takeProfit?: number;
  }): void {
    this.broker.place({ ...order, type: "market" });
  }
}
