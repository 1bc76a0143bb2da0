/**
 * The linked connector as a bot venue: quotes, account and positions as the connector
 * publishes them, and orders through the app's one order path (the relay socket's submit,
 * like the order ticket), so the relay's checks (the live-trading switch, expiry,
 * idempotency) and the broker's own answer apply to a bot exactly as to a person. An order
 * is "placed" only on the broker's ack; a refusal carries the relay's or the broker's reason.
 */
import { symbolInfo } from "../../../../core/market/symbols.ts";
import type { CommandBody } from "../../../../core/protocol/index.ts";
import { ANSWER_WAIT_MS, submitAndWait } from "../connector/command-outcome.ts";
import type { BotMarketOrder, BotVenue, OrderOutcome } from "./bot-venue.ts";
import type { ConnectorLink } from "./connector-link.ts";

export class ConnectorVenue implements BotVenue {
  readonly kind = "connector";

  constructor(
    private readonly link: ConnectorLink,
    private readonly answerWaitMs = ANSWER_WAIT_MS,
  ) {}

  side(symbol: string): -1 | 0 | 1 {
    let net = 0;
    for (const p of this.link.positions())
      if (p.symbol === symbol) net += p.side === "buy" ? p.units : -p.units;
    return net > 0 ? 1 : net < 0 ? -1 : 0;
  }

  balance(): number {
    return this.link.account()?.balance ?? Number.NaN;
  }

  equity(): number {
    return this.link.account()?.equity ?? Number.NaN;
  }

  price(symbol: string, side: "buy" | "sell"): number {
    const q = this.link.quote(symbol);
    if (!q) return Number.NaN;
    return side === "buy" ? q.ask : q.bid;
  }

  async closeAll(symbol: string): Promise<OrderOutcome> {
    if (!this.link.positions().some((p) => p.symbol === symbol)) return { status: "placed", detail: "" };
    return this.send({ action: "close", symbol });
  }

  async market(order: BotMarketOrder): Promise<OrderOutcome> {
    // Brokers refuse protective prices with more decimals than the symbol is quoted in.
    const digits = symbolInfo(order.symbol).digits;
    const round = (x: number | undefined) => (x === undefined ? undefined : Number(x.toFixed(digits)));
    return this.send({
      action: "place",
      order: {
        symbol: order.symbol,
        side: order.side,
        units: order.units,
        type: "market",
        stopLoss: round(order.stopLoss),
        takeProfit: round(order.takeProfit),
      },
    });
  }

  private send(command: CommandBody): Promise<OrderOutcome> {
    return submitAndWait(() => this.link.submit(command), this.answerWaitMs);
  }
}
