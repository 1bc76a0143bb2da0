/**
 * Broker state the connector publishes through the relay: quotes, the account summary,
 * open positions, working orders and fills. Apps and API clients only ever receive these.
 */
import { z } from "zod";
import {
  brokerInfoSchema,
  orderTypeSchema,
  priceSchema,
  sideSchema,
  symbolSchema,
  timeSchema,
  unitsSchema,
} from "./primitives.ts";

export const quoteSchema = z.object({
  symbol: symbolSchema,
  bid: priceSchema,
  ask: priceSchema,
  time: timeSchema,
});
export type Quote = z.infer<typeof quoteSchema>;

export const accountStateSchema = z.object({
  broker: brokerInfoSchema,
  /** ISO 4217 account currency */
  currency: z.string().regex(/^[A-Z]{3}$/, "currency must be a 3-letter ISO code"),
  balance: z.number().finite(),
  equity: z.number().finite(),
  marginUsed: z.number().finite().nonnegative(),
  unrealizedPl: z.number().finite(),
  time: timeSchema,
});
export type AccountState = z.infer<typeof accountStateSchema>;

export const positionSchema = z.object({
  /** broker position or trade id */
  id: z.string().min(1).max(100),
  symbol: symbolSchema,
  side: sideSchema,
  units: unitsSchema,
  openPrice: priceSchema,
  openTime: timeSchema,
  stopLoss: priceSchema.optional(),
  takeProfit: priceSchema.optional(),
  unrealizedPl: z.number().finite(),
});
export type Position = z.infer<typeof positionSchema>;

export const workingOrderSchema = z.object({
  /** broker order id */
  id: z.string().min(1).max(100),
  /** the idempotency key of the command that created it, when known */
  key: z.string().max(64).optional(),
  symbol: symbolSchema,
  side: sideSchema,
  units: unitsSchema,
  type: orderTypeSchema,
  price: priceSchema.optional(),
  stopLoss: priceSchema.optional(),
  takeProfit: priceSchema.optional(),
  time: timeSchema,
});
export type WorkingOrder = z.infer<typeof workingOrderSchema>;

/** Why a fill happened: an order, a protective level, a close command or a margin stop-out. */
export const fillReasonSchema = z.enum(["order", "stop_loss", "take_profit", "close", "stop_out"]);
export type FillReason = z.infer<typeof fillReasonSchema>;

export const fillSchema = z.object({
  /** unique per fill at the broker; the relay keeps one record per id */
  id: z.string().min(1).max(100),
  /** the idempotency key of the command behind it, absent for SL/TP/stop-out fills */
  key: z.string().max(64).optional(),
  brokerOrderId: z.string().max(100).optional(),
  symbol: symbolSchema,
  side: sideSchema,
  units: unitsSchema,
  price: priceSchema,
  reason: fillReasonSchema,
  /** profit or loss realised by this fill, in account currency (0 when opening) */
  realizedPl: z.number().finite(),
  time: timeSchema,
});
export type Fill = z.infer<typeof fillSchema>;
