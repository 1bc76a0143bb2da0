/**
 * The saved form of a paper account: its terms, cash, the per-symbol books (see
 * book-state.ts), working-order times, closed trades with journal notes, the equity curve.
 * Checked with zod on restore, since it comes back from storage (IndexedDB, a file).
 */
import { z } from "zod";
import { bookStateSchema } from "./book-state.ts";

const num = z.number().finite();
const side = z.enum(["buy", "sell"]);

export const paperConfigSchema = z.object({
  id: z.string().min(1),
  name: z.string().min(1).max(60),
  currency: z.string().regex(/^[A-Z]{3}$/, "currency must be a 3-letter code such as USD"),
  balance: num.positive(),
  leverage: num.min(1).max(1000),
  hedging: z.boolean().optional(),
  commissionPerLot: num.nonnegative().optional(),
  marginCallPct: num.positive().optional(),
  stopOutPct: num.positive().optional(),
  swapLong: num.optional(),
  swapShort: num.optional(),
  conversionRates: z.record(z.string(), num.positive()).optional(),
});

export const closedTradeSchema = z.object({
  id: z.string(),
  positionId: z.string(),
  symbol: z.string(),
  side,
  units: num.positive(),
  entryTime: num,
  exitTime: num,
  entryPrice: num,
  exitPrice: num,
  pnl: num,
  commission: num,
  swap: num,
  reason: z.enum(["close", "reverse", "sl", "tp", "stop-out"]),
  note: z.string(),
  tags: z.array(z.string()),
});

export const paperStateSchema = z.object({
  version: z.literal(1),
  config: paperConfigSchema,
  cash: num,
  nextId: z.number().int().positive(),
  books: z.array(bookStateSchema),
  /** placing time of each working entry order, by order id */
  orderTimes: z.record(z.string(), num),
  history: z.array(closedTradeSchema),
  equity: z.array(z.object({ time: num, equity: num, balance: num })),
  marginCall: z.boolean(),
});
export type PaperState = z.infer<typeof paperStateSchema>;
