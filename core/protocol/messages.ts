/**
 * Every message on the relay WebSocket, as one discriminated union on `type`. Which role
 * may send which message is in roles.ts; parsing and size checks are in codec.ts.
 */
import { z } from "zod";
import { commandBodySchema } from "./commands.ts";
import { brokerInfoSchema, commandResultSchema, idempotencyKeySchema, timeSchema } from "./primitives.ts";
import { accountStateSchema, fillSchema, positionSchema, quoteSchema, workingOrderSchema } from "./state.ts";
import { MIN_PROTOCOL_VERSION, PROTOCOL_VERSION } from "./version.ts";

export const roleSchema = z.enum(["app", "connector", "api"]);
/** app: a signed-in browser tab; connector: the user's linked connector; api: an integration with an API token. */
export type Role = z.infer<typeof roleSchema>;

const versionSchema = z
  .number()
  .int()
  .min(MIN_PROTOCOL_VERSION, `protocol version must be ${MIN_PROTOCOL_VERSION} or ${PROTOCOL_VERSION}`)
  .max(PROTOCOL_VERSION, `protocol version must be ${MIN_PROTOCOL_VERSION} or ${PROTOCOL_VERSION}`);

/** Presence of the user's connector as the relay last saw it. */
export const connectorPresenceSchema = z.object({
  online: z.boolean(),
  /** unix ms of the last message or heartbeat from the connector; null if never seen */
  lastSeen: timeSchema.nullable(),
  broker: brokerInfoSchema.nullable(),
  /** the connector's software version */
  version: z.string().max(40).nullable(),
  /**
   * The linked connector this presence is about (the one that said hello last). Optional:
   * relays before it was added do not send it, and receivers must not require it.
   */
  connectorId: z.string().max(100).optional(),
});
export type ConnectorPresence = z.infer<typeof connectorPresenceSchema>;

const base = { v: versionSchema };

export const helloSchema = z.object({
  ...base,
  type: z.literal("hello"),
  /** e.g. "forex-ai-connector", "forex-ai-app" */
  software: z.string().min(1).max(60),
  version: z.string().min(1).max(40),
  /** connectors say which broker they drive */
  broker: brokerInfoSchema.optional(),
});

export const heartbeatSchema = z.object({ ...base, type: z.literal("heartbeat"), time: timeSchema });

export const welcomeSchema = z.object({
  ...base,
  type: z.literal("welcome"),
  role: roleSchema,
  sessionId: z.string().min(1).max(100),
  time: timeSchema,
  presence: connectorPresenceSchema,
  /** to a connector: keys of commands forwarded earlier and not yet acknowledged (reconcile, never resend) */
  unacked: z.array(idempotencyKeySchema).max(1000).optional(),
});

export const presenceSchema = z.object({
  ...base,
  type: z.literal("presence"),
  presence: connectorPresenceSchema,
});

export const commandMessageSchema = z.object({
  ...base,
  type: z.literal("command"),
  key: idempotencyKeySchema,
  expiresAt: timeSchema,
  command: commandBodySchema,
  /** set by the relay when forwarding: its order id for this command */
  orderId: z.string().max(100).optional(),
});

export const receivedSchema = z.object({
  ...base,
  type: z.literal("received"),
  key: idempotencyKeySchema,
  /** the relay's id for the command; GET /api/v1/trading/orders/:id */
  orderId: z.string().min(1).max(100),
});

export const ackSchema = z.object({
  ...base,
  type: z.literal("ack"),
  key: idempotencyKeySchema,
  orderId: z.string().max(100).optional(),
  result: commandResultSchema,
  /** true when the relay answers a repeated key from storage */
  replayed: z.boolean().optional(),
});

export const quotesSchema = z.object({
  ...base,
  type: z.literal("quotes"),
  quotes: z.array(quoteSchema).max(200),
});
export const accountSchema = z.object({ ...base, type: z.literal("account"), account: accountStateSchema });
export const positionsSchema = z.object({
  ...base,
  type: z.literal("positions"),
  positions: z.array(positionSchema).max(500),
});
export const ordersSchema = z.object({
  ...base,
  type: z.literal("orders"),
  orders: z.array(workingOrderSchema).max(500),
});
export const fillMessageSchema = z.object({ ...base, type: z.literal("fill"), fill: fillSchema });

export const errorCodeSchema = z.enum([
  "bad_message",
  "too_large",
  "unsupported_version",
  "forbidden",
  "connector_offline",
  "command_expired",
  "idempotency_conflict",
  "not_found",
  "broker_error",
  "rate_limited",
  "internal",
]);
export type ProtocolErrorCode = z.infer<typeof errorCodeSchema>;

export const errorMessageSchema = z.object({
  ...base,
  type: z.literal("error"),
  code: errorCodeSchema,
  message: z.string().max(500),
  /** the command the error is about, when there is one */
  key: z.string().max(100).optional(),
});

export const messageSchema = z.discriminatedUnion("type", [
  helloSchema,
  heartbeatSchema,
  welcomeSchema,
  presenceSchema,
  commandMessageSchema,
  receivedSchema,
  ackSchema,
  quotesSchema,
  accountSchema,
  positionsSchema,
  ordersSchema,
  fillMessageSchema,
  errorMessageSchema,
]);
export type Message = z.infer<typeof messageSchema>;
export type MessageType = Message["type"];
/** The message of a given type. */
export type MessageOf<T extends MessageType> = Extract<Message, { type: T }>;
/** A message before `v` is stamped on it by encodeMessage. */
export type OutgoingMessage = Message extends infer M
  ? M extends { v: number }
    ? Omit<M, "v">
    : never
  : never;
