/**
 * Trading commands (place, modify, cancel, close). Each carries an idempotency key and an
 * expiry; the relay stores it before forwarding, refuses a stale one, and answers a repeat
 * of the same key with the stored result (a repeat with a different payload is refused).
 */
import { z } from "zod";
import {
  idempotencyKeySchema,
  orderRequestSchema,
  priceSchema,
  symbolSchema,
  timeSchema,
  unitsSchema,
} from "./primitives.ts";

export const placeCommandSchema = z.object({ action: z.literal("place"), order: orderRequestSchema });

export const modifyCommandSchema = z
  .object({
    action: z.literal("modify"),
    /** broker id of a working order or open position */
    targetId: z.string().min(1).max(100),
    price: priceSchema.optional(),
    stopLoss: priceSchema.nullable().optional(),
    takeProfit: priceSchema.nullable().optional(),
  })
  .refine((c) => c.price !== undefined || c.stopLoss !== undefined || c.takeProfit !== undefined, {
    message: "modify needs at least one of price, stopLoss or takeProfit",
  });

export const cancelCommandSchema = z.object({
  action: z.literal("cancel"),
  /** broker id of the working order */
  targetId: z.string().min(1).max(100),
});

export const closeCommandSchema = z.object({
  action: z.literal("close"),
  symbol: symbolSchema,
  /** close only this position (hedging accounts); all positions in the symbol otherwise */
  positionId: z.string().min(1).max(100).optional(),
  /** partial close; the whole position otherwise */
  units: unitsSchema.optional(),
});

export const commandBodySchema = z.discriminatedUnion("action", [
  placeCommandSchema,
  modifyCommandSchema,
  cancelCommandSchema,
  closeCommandSchema,
]);
export type CommandBody = z.infer<typeof commandBodySchema>;
export type CommandAction = CommandBody["action"];

/** The command envelope fields (inside a protocol message of type "command"). */
export const commandFieldsSchema = z.object({
  key: idempotencyKeySchema,
  /** unix ms after which nobody may act on it */
  expiresAt: timeSchema,
  command: commandBodySchema,
});

/**
 * A canonical string of what a command asks for (keys sorted, expiry left out) so a repeat
 * with the same key can be told apart from a different command reusing the key.
 */
export function commandFingerprint(command: CommandBody): string {
  return canonicalJson(command);
}

function canonicalJson(value: unknown): string {
  if (value === null || typeof value !== "object") return JSON.stringify(value) ?? "null";
  if (Array.isArray(value)) return `[${value.map(canonicalJson).join(",")}]`;
  const entries = Object.entries(value as Record<string, unknown>)
    .filter(([, v]) => v !== undefined)
    .sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0));
  return `{${entries.map(([k, v]) => `${JSON.stringify(k)}:${canonicalJson(v)}`).join(",")}}`;
}

/** True when the command may still be acted on at `now`. */
export function isCommandLive(expiresAt: number, now: number): boolean {
  return now < expiresAt;
}
