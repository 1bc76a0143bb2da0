/**
 * Where a bot's orders go. The paper venue wraps core/paper's PaperBroker fed by market
 * replay; the connector venue (connector-venue.ts) sends the same orders through the relay
 * to the trader's own broker. Orders resolve with the venue's answer (placed, or refused
 * with the reason), so the bot's journal says what really happened to each order.
 */
import { PaperBroker } from "../../../../core/paper/paper-broker.ts";
import type { PaperState } from "../../../../core/paper/paper-state.ts";
import type { PaperQuote } from "../../../../core/paper/types.ts";

/**
 * What the venue answered: placed (the broker confirmed it), refused (with the reason), or
 * pending (sent, not confirmed in time; `settled` gives the answer when it comes, and the
 * connector bot waits for it before it acts again).
 * `detail` is the fill ("filled 50000 at 1.1002") or the reason.
 */
export interface OrderOutcome {
  status: "placed" | "refused" | "pending";
  detail: string;
  /** pending only: resolves with the final outcome when the broker answers */
  settled?: Promise<OrderOutcome>;
}

export interface BotMarketOrder {
  symbol: string;
  side: "buy" | "sell";
  units: number;
  stopLoss?: number;
  takeProfit?: number;
}

export interface BotVenue {
  readonly kind: "paper-replay" | "connector";
  /** 1 long, -1 short, 0 flat in the symbol */
  side(symbol: string): -1 | 0 | 1;
  balance(): number;
  equity(): number;
  /** the price a market order on `side` would fill at now (ask for buys, bid for sells) */
  price(symbol: string, side: "buy" | "sell"): number;
  /** closes every position in the symbol at the current price */
  closeAll(symbol: string): Promise<OrderOutcome>;
  /** a market order with optional protection; resolves with the venue's answer */
  market(order: BotMarketOrder): Promise<OrderOutcome>;
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

  async closeAll(symbol: string): Promise<OrderOutcome> {
    for (const p of this.broker.positions()) if (p.symbol === symbol) this.broker.closePosition(p.id);
    return { status: "placed", detail: "closed" };
  }

  async market(order: BotMarketOrder): Promise<OrderOutcome> {
    try {
      const { events } = this.broker.place({ ...order, type: "market" });
      for (const e of events) {
        if (e.type === "fill") return { status: "placed", detail: `filled ${e.units} at ${e.price}` };
        if (e.type === "cancel") return { status: "refused", detail: e.reason };
      }
      return { status: "placed", detail: "accepted" };
    } catch (e) {
      return { status: "refused", detail: e instanceof Error ? e.message : String(e) };
    }
  }
}
