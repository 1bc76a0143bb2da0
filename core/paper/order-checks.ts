/**
 * Checks of paper orders before they reach the engine, each failing with a sentence that
 * names the field and the price it has to respect.
 */
import { DomainError } from "../errors.ts";
import type { PaperOrderRequest, PositionChange, Side } from "./types.ts";

/** The current quote an order is checked against. */
export interface Reference {
  bid: number;
  ask: number;
}

const MAX_UNITS = 1e9;

function bad(message: string): never {
  throw new DomainError("invalid-order", message);
}

function price(value: unknown, name: string): number | undefined {
  if (value === undefined || value === null) return undefined;
  if (!(typeof value === "number" && Number.isFinite(value) && value > 0)) {
    bad(`${name} must be a positive price (got ${String(value)}).`);
  }
  return value;
}

/** Stop-loss and take-profit must sit on the losing and winning side of `ref`. */
function checkSides(
  side: Side,
  ref: number,
  sl: number | undefined,
  tp: number | undefined,
  what: string,
): void {
  if (side === "buy") {
    if (sl !== undefined && !(sl < ref)) bad(`Stop-loss of a buy must be below ${what} ${ref} (got ${sl}).`);
    if (tp !== undefined && !(tp > ref))
      bad(`Take-profit of a buy must be above ${what} ${ref} (got ${tp}).`);
  } else {
    if (sl !== undefined && !(sl > ref)) bad(`Stop-loss of a sell must be above ${what} ${ref} (got ${sl}).`);
    if (tp !== undefined && !(tp < ref))
      bad(`Take-profit of a sell must be below ${what} ${ref} (got ${tp}).`);
  }
}

/** Validates a new (or modified) order against the current quote. */
export function checkOrder(req: PaperOrderRequest, ref: Reference): void {
  if (req.side !== "buy" && req.side !== "sell") bad(`Side must be buy or sell (got ${String(req.side)}).`);
  if (!(Number.isInteger(req.units) && req.units >= 1 && req.units <= MAX_UNITS)) {
    bad(`Units must be a whole number from 1 to ${MAX_UNITS} (got ${String(req.units)}).`);
  }
  if (req.type !== "market" && req.type !== "limit" && req.type !== "stop") {
    bad(`Order type must be market, limit or stop (got ${String(req.type)}).`);
  }
  const p = price(req.price, "Order price");
  if (req.type === "market" && p !== undefined)
    bad("A market order takes no price; use a limit or stop order.");
  if (req.type !== "market" && p === undefined) bad(`A ${req.type} order needs a price.`);
  const sl = price(req.stopLoss, "Stop-loss");
  const tp = price(req.takeProfit, "Take-profit");
  price(req.trailingStop, "Trailing-stop distance");
  const entry = p ?? (req.side === "buy" ? ref.ask : ref.bid);
  checkSides(req.side, entry, sl, tp, p === undefined ? "the entry price" : "the order price");
}

/** Validates new SL/TP of an open position against the price it would close at now. */
export function checkProtection(side: Side, change: PositionChange, exitPrice: number): void {
  const sl = price(change.stopLoss, "Stop-loss");
  const tp = price(change.takeProfit, "Take-profit");
  checkSides(side, exitPrice, sl, tp, side === "buy" ? "the current bid" : "the current ask");
}
