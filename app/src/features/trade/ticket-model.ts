/**
 * The order ticket's arithmetic (pure): entry reference, SL/TP in pips or price to prices,
 * stop distance in pips, and the position size from the risk through core/risk.
 */

import type { PaperOrderRequest, PaperOrderType, Side } from "../../../../core/paper/types.ts";
import { positionSize, type SizingResult } from "../../../../core/risk/position-size.ts";

export type LevelUnit = "pips" | "price";

export interface TicketInput {
  symbol: string;
  side: Side;
  type: PaperOrderType;
  /** limit/stop price (text as typed) */
  price: number;
  unit: LevelUnit;
  stopLoss: number;
  takeProfit: number;
  /** trailing-stop distance in pips (NaN = none) */
  trailingPips?: number;
  riskPct: number;
  /** units typed by hand (NaN = size from risk) */
  manualUnits: number;
  bid: number;
  ask: number;
  pipSize: number;
  digits: number;
  balance: number;
  currency: string;
  leverage: number;
}

export interface TicketPlan {
  entry: number;
  stopLoss?: number;
  takeProfit?: number;
  stopPips?: number;
  sizing?: SizingResult;
  units: number;
  /** why the size could not be computed from risk, if it could not */
  sizingProblem: string;
  request?: PaperOrderRequest;
  problem: string;
}

/** Units are sized in steps of 1,000 (a micro lot). */
export const TICKET_LOT_STEP = 1_000;

const ok = (x: number) => Number.isFinite(x) && x > 0;

function level(input: TicketInput, value: number, entry: number, towardLoss: boolean): number | undefined {
  if (!ok(value)) return undefined;
  if (input.unit === "price") return value;
  const dir = (input.side === "buy") === towardLoss ? -1 : 1;
  return Number((entry + dir * value * input.pipSize).toFixed(input.digits));
}

export function planTicket(i: TicketInput): TicketPlan {
  const entry = i.type === "market" ? (i.side === "buy" ? i.ask : i.bid) : i.price;
  const plan: TicketPlan = { entry, units: 0, sizingProblem: "", problem: "" };
  if (i.type !== "market" && !ok(i.price)) plan.problem = `Enter the ${i.type} price.`;
  plan.stopLoss = level(i, i.stopLoss, entry, true);
  plan.takeProfit = level(i, i.takeProfit, entry, false);
  if (plan.stopLoss !== undefined && ok(entry)) plan.stopPips = Math.abs(entry - plan.stopLoss) / i.pipSize;
  if (ok(i.manualUnits)) plan.units = Math.floor(i.manualUnits);
  else if (plan.stopPips === undefined)
    plan.sizingProblem = "Set a stop-loss to size from risk, or type the units.";
  else {
    try {
      plan.sizing = positionSize({
        pair: i.symbol,
        price: entry,
        balance: i.balance,
        riskPct: i.riskPct,
        stopPips: plan.stopPips,
        accountCurrency: i.currency,
        lotStep: TICKET_LOT_STEP,
        leverage: i.leverage,
      });
      plan.units = plan.sizing.units;
      if (plan.units === 0)
        plan.sizingProblem = "The risk is too small for one step of 1,000 units; widen it or type the units.";
    } catch (e) {
      plan.sizingProblem = `${(e as Error).message} Type the units instead.`;
    }
  }
  if (!plan.problem && !(plan.units >= 1)) plan.problem = plan.sizingProblem || "Enter the units.";
  if (!plan.problem) {
    plan.request = {
      symbol: i.symbol,
      side: i.side,
      units: plan.units,
      type: i.type,
      ...(i.type !== "market" ? { price: i.price } : {}),
      ...(plan.stopLoss !== undefined ? { stopLoss: plan.stopLoss } : {}),
      ...(plan.takeProfit !== undefined ? { takeProfit: plan.takeProfit } : {}),
      ...(ok(i.trailingPips ?? Number.NaN)
        ? { trailingStop: Number(((i.trailingPips as number) * i.pipSize).toFixed(i.digits)) }
        : {}),
    };
  }
  return plan;
}
