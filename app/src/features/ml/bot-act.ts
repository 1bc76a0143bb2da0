/**
 * What a bot does with the side it wants: hold, close, or close and enter the other way with
 * a position sized by core/risk (risk % of the balance lost at the stop, in lot steps of
 * 1,000) and protected by the stop-loss and optional take-profit. Works on any BotVenue and
 * reports the venue's answer: an order the venue refused is "refused", with its reason; one
 * still pending at the broker keeps its intended action with "pending" in the outcome and is
 * returned as in flight. A close that is refused or pending is never followed by an entry
 * the other way on the same bar.
 */
import { positionSize } from "../../../../core/risk/position-size.ts";
import type { BotVenue, OrderOutcome } from "./bot-venue.ts";
import type { BotDecisionRecord, BotRisk } from "./records.ts";

const LOT_STEP = 1000;

export interface BotAction {
  action: BotDecisionRecord["action"];
  units: number;
  note: string;
  /** the venue's answer to the order sent ("" when none was sent) */
  outcome: string;
  /**
   * An order the broker has not answered yet (pending): what it is, in words, and its final
   * outcome when it comes. The connector bot does not act again until it settled.
   */
  inFlight?: { what: string; settled: Promise<OrderOutcome> };
}

/** Acts on `want` (1 long, -1 short, 0 flat); `note` explains a missing signal. */
export async function actOn(
  venue: BotVenue,
  o: { symbol: string; pipSize: number; want: -1 | 0 | 1; note: string; risk: BotRisk },
): Promise<BotAction> {
  const { symbol, want, note } = o;
  if (note && want === 0) return { action: "skip", units: 0, note, outcome: "" };
  const have = venue.side(symbol);
  if (want === have) return { action: "hold", units: 0, note, outcome: "" };
  let closed = "";
  if (have !== 0) {
    const answer = await venue.closeAll(symbol);
    if (answer.status === "refused")
      return { action: "refused", units: 0, note: "close refused", outcome: answer.detail };
    // An unconfirmed close may still fail: entering the other way now could double the exposure.
    if (answer.status === "pending")
      return {
        action: "close",
        units: 0,
        note,
        outcome: want === 0 ? answer.detail : `${answer.detail}; no new entry until the close is confirmed`,
        ...inFlight(`close ${symbol}`, answer),
      };
    closed = answer.detail;
  }
  if (want === 0) return { action: "close", units: 0, note, outcome: closed };
  const price = venue.price(symbol, want > 0 ? "buy" : "sell");
  const { riskPct, stopPips, takeProfitPips } = o.risk;
  let units: number;
  try {
    units = positionSize({
      pair: symbol,
      price,
      balance: venue.balance(),
      riskPct,
      stopPips,
      lotStep: LOT_STEP,
    }).units;
  } catch (e) {
    return { action: "skip", units: 0, note: e instanceof Error ? e.message : String(e), outcome: closed };
  }
  if (units < 1)
    return { action: "skip", units: 0, note: "the risk is too small for one lot step", outcome: closed };
  const d = want * o.pipSize;
  const answer = await venue.market({
    symbol,
    side: want > 0 ? "buy" : "sell",
    units,
    stopLoss: price - d * stopPips,
    takeProfit: takeProfitPips > 0 ? price + d * takeProfitPips : undefined,
  });
  const outcome = closed ? `${closed}; ${answer.detail}` : answer.detail;
  if (answer.status === "refused") return { action: "refused", units, note, outcome };
  return {
    action: want > 0 ? "buy" : "sell",
    units,
    note,
    outcome,
    ...inFlight(`${want > 0 ? "buy" : "sell"} ${units} ${symbol}`, answer),
  };
}

function inFlight(what: string, answer: OrderOutcome): Pick<BotAction, "inFlight"> {
  return answer.status === "pending" && answer.settled ? { inFlight: { what, settled: answer.settled } } : {};
}
