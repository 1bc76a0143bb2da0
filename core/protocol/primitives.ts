/**
 * Field schemas reused by every protocol message and by the HTTP trading API: symbols,
 * sides, units, prices, idempotency keys, the order request and the broker's result.
 */
import { z } from "zod";

/** Instrument code as brokers quote it without separators: "EURUSD", "XAUUSD". */
export const symbolSchema = z
  .string()
  .regex(/^[A-Z0-9]{3,12}$/, "symbol must be 3-12 capital letters or digits, e.g. EURUSD");

export const sideSchema = z.enum(["buy", "sell"]);
export type Side = z.infer<typeof sideSchema>;

/** Units of the base currency (100000 = one standard lot); whole, positive. */
export const unitsSchema = z
  .number()
  .int("units must be a whole number")
  .positive("units must be greater than 0")
  .max(100_000_000, "units must be at most 100000000");

export const priceSchema = z.number().finite().positive("price must be greater than 0");

/** Unix milliseconds. */
export const timeSchema = z.number().int().nonnegative();

/**
 * Idempotency key made by the client (a UUID in the app) and saved before sending; the
 * relay de-duplicates commands by it and the connector passes it to the broker.
 */
export const idempotencyKeySchema = z
  .string()
  .regex(
    /^[A-Za-z0-9_.:-]{8,64}$/,
    "idempotency key must be 8-64 characters of letters, digits, '_', '.', ':' or '-'",
  );

export const orderTypeSchema = z.enum(["market", "limit", "stop"]);
export type OrderType = z.infer<typeof orderTypeSchema>;

/** What a trader asks for; the same shape as the body of POST /api/v1/trading/orders. */
export const orderRequestSchema = z
  .object({
    symbol: symbolSchema,
    side: sideSchema,
    units: unitsSchema,
    type: orderTypeSchema,
    price: priceSchema.optional(),
    stopLoss: priceSchema.optional(),
    takeProfit: priceSchema.optional(),
  })
  .refine((o) => o.type === "market" || o.price !== undefined, {
    message: "price is required for limit and stop orders",
    path: ["price"],
  });
export type OrderRequest = z.infer<typeof orderRequestSchema>;

/** Broker kinds a connector can drive; anything but paper is live money. */
export const brokerKindSchema = z.enum(["paper", "oanda", "mt5"]);
export type BrokerKind = z.infer<typeof brokerKindSchema>;

/** What the connector says about the broker it drives. */
export const brokerInfoSchema = z.object({
  kind: brokerKindSchema,
  /** true for real-money accounts (OANDA live, an MT5 real account). */
  live: z.boolean(),
  /** broker account label, never a secret (e.g. "101-004-1234567-001"). */
  account: z.string().max(100).optional(),
});
export type BrokerInfo = z.infer<typeof brokerInfoSchema>;

/**
 * The broker's answer to a command. `filled`: market order executed; `accepted`: a working
 * order rests at the broker; `pending`: sent but not yet confirmed (the connector is
 * reconciling); `rejected`: refused, with the broker's message.
 */
export const commandStatusSchema = z.enum([
  "pending",
  "filled",
  "accepted",
  "modified",
  "cancelled",
  "closed",
  "rejected",
]);
export type CommandStatus = z.infer<typeof commandStatusSchema>;

export const commandResultSchema = z.object({
  status: commandStatusSchema,
  /** the broker's own order or trade id */
  brokerOrderId: z.string().max(100).optional(),
  fillPrice: priceSchema.optional(),
  filledUnits: z.number().int().nonnegative().optional(),
  realizedPl: z.number().finite().optional(),
  /** the broker's message, required for rejections */
  message: z.string().max(500).optional(),
  time: timeSchema,
});
export type CommandResult = z.infer<typeof commandResultSchema>;
