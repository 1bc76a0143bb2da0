/**
 * What a bot does with the side it wants: hold, close, or close and enter the other way with
 * a position sized by core/risk (risk % of the balance lost at the stop, in lot steps of
 * 1,000) and protected by the stop-loss and optional take-profit. Works on any BotVenue.
 */
import { positionSize } from "../../../../core/risk/position-size.ts";
import type { BotVenue } from "./bot-venue.ts";
import type { BotDecisionRecord, BotRisk } from "./records.ts";

const LOT_STEP = 1000;

export interface BotAction {
  action: BotDecisionRecord["action"];
  units: number;
  note: string;
}

/** Acts on `want` (1 long, -1 short, 0 flat); `note` explains a missing signal. */
export function actOn(
  venue: BotVenue,
  o: { symbol: string; pipSize: number; want: -1 | 0 | 1; note: string; risk: BotRisk },
): BotAction {
  const { symbol, want, note } = o;
  if (note && want === 0) return { action: "skip", units: 0, note };
  const have = venue.side(symbol);
  if (want === have) return { action: "hold", units: 0, note };
  if (have !== 0) venue.closeAll(symbol);
  if (want === 0) return { action: "close", units: 0, note };
  const price = venue.price(symbol, want > 0 ? "buy" : "sell");
  const { riskPct, stopPips, takeProfitPips } = o.risk;
  try {
    const size = positionSize({
      pair: symbol,
      price,
      balance: venue.balance(),
      riskPct,
      stopPips,
      lotStep: LOT_STEP,
    });
    if (size.units < 1) return { action: "skip", units: 0, note: "the risk is too small for one lot step" };
    const d = want * o.pipSize;
    venue.market({
      symbol,
      side: want > 0 ? "buy" : "sell",
      units: size.units,
      stopLoss: price - d * stopPips,
      takeProfit: takeProfitPips > 0 ? price + d * takeProfitPips : undefined,
    });
    return { action: want > 0 ? "buy" : "sell", units: size.units, note };
  } catch (e) {
    return { action: "skip", units: 0, note: e instanceof Error ? e.message : String(e) };
  }
}
