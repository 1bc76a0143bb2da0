/**
 * The JSON-lines protocol between the connector and the MetaTrader 5 Expert Advisor
 * (connector/mql5/ForexAIConnector.mq5). MQL5 sockets are client-only, so the connector
 * listens on 127.0.0.1 and the EA connects. One JSON object per line, UTF-8, flat objects
 * only (the EA's JSON reader handles no nesting except the positions reply).
 *
 * EA -> connector: hello (first line), quote, pong, reply {id, ok, ...} to a request, and
 * deal (a fill the connector did not ask for: stop loss, take profit, stop-out).
 * connector -> EA: requests {id, type, ...}: account, positions, orders, place, find, close,
 * modify, cancel, ping. Our idempotency key travels as the order comment (MT5 keeps
 * comments to 31 characters, so it is a 26-character digest: commentFor()).
 */
import { createHash } from "node:crypto";
import { z } from "zod";

export const EA_PROTOCOL_VERSION = 1;

export const helloSchema = z.object({
  type: z.literal("hello"),
  protocol: z.number().int(),
  ea: z.string(),
  login: z.union([z.string(), z.number()]).transform(String),
  server: z.string(),
  currency: z.string(),
  key: z.string().optional(),
});

export const quoteSchema = z.object({
  type: z.literal("quote"),
  symbol: z.string(),
  bid: z.number().positive(),
  ask: z.number().positive(),
  time: z.number(),
});

export const replySchema = z.object({
  type: z.literal("reply"),
  id: z.number().int(),
  ok: z.boolean(),
  error: z.string().optional(),
});

export const pongSchema = z.object({ type: z.literal("pong") });

export const dealSchema = z.object({
  type: z.literal("deal"),
  deal: z.number(),
  order: z.number(),
  symbol: z.string(),
  side: z.enum(["buy", "sell"]),
  units: z.number(),
  price: z.number().positive(),
  profit: z.number(),
  reason: z.enum(["sl", "tp", "so"]),
  time: z.number(),
});

export const eaMessageSchema = z.discriminatedUnion("type", [
  helloSchema,
  quoteSchema,
  replySchema.loose(),
  pongSchema,
  dealSchema,
]);

/** The order part of a place/find/close reply. */
export const eaOrderSchema = z.object({
  found: z.boolean().optional(),
  ticket: z.number(),
  state: z.enum(["filled", "pending", "cancelled", "rejected", "accepted"]),
  symbol: z.string(),
  side: z.enum(["buy", "sell"]),
  units: z.number(),
  price: z.number().optional(),
  position: z.number().optional(),
  retcode: z.number().optional(),
  time: z.number(),
});

export const eaAccountSchema = z.object({
  currency: z.string(),
  balance: z.number(),
  equity: z.number(),
  profit: z.number(),
  margin: z.number(),
  marginFree: z.number(),
});

export const eaPositionsSchema = z.object({
  positions: z.array(
    z.object({
      ticket: z.number(),
      symbol: z.string(),
      side: z.enum(["buy", "sell"]),
      units: z.number(),
      price: z.number(),
      time: z.number(),
      sl: z.number(),
      tp: z.number(),
      profit: z.number(),
    }),
  ),
});

export const eaOrdersSchema = z.object({
  orders: z.array(
    z.object({
      ticket: z.number(),
      symbol: z.string(),
      side: z.enum(["buy", "sell"]),
      units: z.number(),
      type: z.enum(["limit", "stop"]),
      price: z.number(),
      sl: z.number(),
      tp: z.number(),
      time: z.number(),
      comment: z.string(),
    }),
  ),
});

export type EaMessage = z.infer<typeof eaMessageSchema>;
export type EaDeal = z.infer<typeof dealSchema>;
export type EaOrder = z.infer<typeof eaOrderSchema>;

/** The MT5 order comment carrying an idempotency key: "fx" + 24 base32 chars of SHA-256. */
export function commentFor(clientId: string): string {
  const digest = createHash("sha256").update(clientId).digest();
  const alphabet = "abcdefghijklmnopqrstuvwxyz234567";
  let bits = 0;
  let value = 0;
  let out = "";
  for (const byte of digest) {
    value = (value << 8) | byte;
    bits += 8;
    while (bits >= 5 && out.length < 24) {
      out += alphabet[(value >>> (bits - 5)) & 31];
      bits -= 5;
    }
  }
  return `fx${out}`;
}
