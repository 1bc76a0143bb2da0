/**
 * /api/v1/trading: the trading API for integrations and the app (signed-in user, or a
 * personal API token: read for GETs, trade for orders), trading rate class. Orders need an
 * Idempotency-Key: the same key returns the same order, never a second one. The answer is
 * the broker's result, or 202 `pending` when the broker has not answered in time. No
 * connector online -> 503 and nothing is queued.
 */
import { createRoute, z } from "@hono/zod-openapi";
import type { Context } from "hono";
import {
  accountStateSchema,
  type CommandBody,
  commandResultSchema,
  DEFAULT_COMMAND_TTL_MS,
  fillSchema,
  idempotencyKeySchema,
  orderRequestSchema,
  positionSchema,
  symbolSchema,
  unitsSchema,
  workingOrderSchema,
} from "../../../core/protocol/index.ts";
import { BEARER, errorResponse, jsonBody, jsonResponse } from "../auth/schemas.ts";
import type { AppBindings } from "../env.ts";
import { HttpError } from "../errors.ts";
import { type Principal, requireTrader } from "../live/principal.ts";
import { rateLimit } from "../middleware/rate-limit/index.ts";
import { createApi } from "../openapi.ts";
import { relayJson, submitCommand } from "../relay/client.ts";
import type { CommandRecord } from "../relay/ports.ts";

const tags = ["trading"];
const read = { security: BEARER, middleware: [requireTrader("read"), rateLimit("trading")] };
const trade = { security: BEARER, middleware: [requireTrader("trade"), rateLimit("trading")] };
/** How long an order request waits for the broker before answering 202 pending. */
const DEFAULT_ACK_WAIT_MS = 8000;

export const OrderSchema = z
  .object({
    orderId: z.string(),
    key: z.string(),
    action: z.enum(["place", "modify", "cancel", "close"]),
    command: z.record(z.string(), z.unknown()),
    createdAt: z.number().int(),
    result: commandResultSchema,
  })
  .openapi("Order");

const IdempotencyHeader = z.object({
  "idempotency-key": idempotencyKeySchema.openapi({
    param: { name: "idempotency-key", in: "header" },
    example: "0f8fad5b-d9cb-469f-a165-70867728950e",
  }),
});

const orderResponses = {
  200: jsonResponse(OrderSchema, "The same key again: the stored order"),
  201: jsonResponse(OrderSchema, "The broker's result (status filled, accepted, rejected, ...)"),
  202: jsonResponse(
    OrderSchema,
    "Sent; the broker has not answered yet (status pending). Poll GET /orders/{id}",
  ),
  409: errorResponse("Idempotency-Key reused with a different order"),
  503: errorResponse("No connector online; nothing was sent or queued"),
};

function toOrder(record: CommandRecord) {
  return {
    orderId: record.orderId,
    key: record.key,
    action: record.command.action,
    command: record.command as unknown as Record<string, unknown>,
    createdAt: record.createdAt,
    result: record.result,
  };
}

/** Submits a command through the user's relay room and shapes the HTTP answer. */
export async function sendCommand(
  c: Context<AppBindings>,
  userId: string,
  key: string,
  command: CommandBody,
  source: Parameters<typeof submitCommand>[2]["source"],
) {
  const waitMs = Number(c.env.TRADING_ACK_WAIT_MS ?? DEFAULT_ACK_WAIT_MS);
  const answer = await submitCommand(c.env, userId, {
    key,
    expiresAt: Date.now() + DEFAULT_COMMAND_TTL_MS,
    command,
    source,
    waitMs,
  });
  if (!answer.ok) {
    const status = answer.status as 400 | 403 | 409 | 410 | 503;
    throw new HttpError(status, answer.error.code, answer.error.message);
  }
  const order = toOrder(answer.record);
  if (answer.record.result.status === "pending") return c.json(order, 202);
  return c.json(order, answer.kind === "new" ? 201 : 200);
}

const sourceOf = (p: Principal) =>
  ({ kind: "api", via: p.via, id: p.via === "session" ? p.sessionId : p.tokenId }) as const;

export const tradingApi = createApi()
  .openapi(
    createRoute({
      method: "post",
      path: "/orders",
      tags,
      summary: "Place an order (market, limit or stop) through the connector",
      ...trade,
      request: { headers: IdempotencyHeader, ...jsonBody(orderRequestSchema) },
      responses: orderResponses,
    }),
    async (c) => {
      const p = c.get("principal");
      const key = c.req.valid("header")["idempotency-key"];
      return sendCommand(c, p.userId, key, { action: "place", order: c.req.valid("json") }, sourceOf(p));
    },
  )
  .openapi(
    createRoute({
      method: "get",
      path: "/orders/{id}",
      tags,
      summary: "An order by id, with the broker's result",
      ...read,
      request: { params: z.object({ id: z.string().max(100) }) },
      responses: { 200: jsonResponse(OrderSchema, "The order"), 404: errorResponse("No such order") },
    }),
    async (c) => {
      const { record } = await relayJson<{ record: CommandRecord | null }>(
        c.env,
        c.get("principal").userId,
        `/order?id=${encodeURIComponent(c.req.valid("param").id)}`,
      );
      if (!record) throw new HttpError(404, "order_not_found", "No order with this id on your account.");
      return c.json(toOrder(record), 200);
    },
  )
  .openapi(
    createRoute({
      method: "delete",
      path: "/orders/{id}",
      tags,
      summary: "Cancel a working order (our order id, or the broker's order id)",
      ...trade,
      request: { params: z.object({ id: z.string().max(100) }) },
      responses: { ...orderResponses, 404: errorResponse("No such order") },
    }),
    async (c) => {
      const p = c.get("principal");
      const id = c.req.valid("param").id;
      let targetId = id;
      if (id.startsWith("ord_")) {
        const { record } = await relayJson<{ record: CommandRecord | null }>(
          c.env,
          p.userId,
          `/order?id=${encodeURIComponent(id)}`,
        );
        if (!record?.result.brokerOrderId) {
          throw new HttpError(
            404,
            "order_not_found",
            "No working order with this id: it may have filled or never reached the broker.",
          );
        }
        targetId = record.result.brokerOrderId;
      }
      // A deterministic key: cancelling the same order twice is one cancel.
      const key = `cancel:${targetId}`.replace(/[^A-Za-z0-9_.:-]/g, "_").slice(0, 64);
      return sendCommand(c, p.userId, key, { action: "cancel", targetId }, sourceOf(p));
    },
  )
  .openapi(
    createRoute({
      method: "post",
      path: "/positions/{symbol}/close",
      tags,
      summary: "Close the position(s) in a symbol (whole, or `units` of it)",
      ...trade,
      request: {
        params: z.object({ symbol: symbolSchema }),
        headers: IdempotencyHeader,
        body: {
          content: {
            "application/json": {
              schema: z.object({ units: unitsSchema.optional(), positionId: z.string().max(100).optional() }),
            },
          },
          required: false,
        },
      },
      responses: orderResponses,
    }),
    async (c) => {
      const p = c.get("principal");
      const text = await c.req.text();
      const body = z
        .object({ units: unitsSchema.optional(), positionId: z.string().max(100).optional() })
        .safeParse(text ? JSON.parse(text) : {});
      if (!body.success)
        throw new HttpError(400, "validation_failed", `Invalid request: ${body.error.issues[0]?.message}`);
      const key = c.req.valid("header")["idempotency-key"];
      return sendCommand(
        c,
        p.userId,
        key,
        { action: "close", symbol: c.req.valid("param").symbol, ...body.data },
        sourceOf(p),
      );
    },
  )
  .openapi(
    createRoute({
      method: "get",
      path: "/positions",
      tags,
      summary: "Open positions as the connector last reported them",
      ...read,
      responses: {
        200: jsonResponse(
          z.object({ positions: z.array(positionSchema), orders: z.array(workingOrderSchema) }),
          "Positions",
        ),
        503: errorResponse("No connector online"),
      },
    }),
    async (c) => {
      const state = await onlineState(c);
      return c.json({ positions: state.positions, orders: state.orders }, 200);
    },
  )
  .openapi(
    createRoute({
      method: "get",
      path: "/account",
      tags,
      summary: "Balance, equity, margin and unrealised P/L as the connector last reported them",
      ...read,
      responses: {
        200: jsonResponse(accountStateSchema, "Account"),
        503: errorResponse("No connector online"),
      },
    }),
    async (c) => {
      const state = await onlineState(c);
      if (!state.account)
        throw offline("The connector has not reported the account yet; try again in a moment.");
      return c.json(state.account, 200);
    },
  )
  .openapi(
    createRoute({
      method: "get",
      path: "/history",
      tags,
      summary: "Fills, newest first (kept by the relay, available when the connector is offline)",
      ...read,
      request: { query: z.object({ limit: z.coerce.number().int().min(1).max(1000).default(100) }) },
      responses: { 200: jsonResponse(z.object({ fills: z.array(fillSchema) }), "Fills") },
    }),
    async (c) => {
      const limit = c.req.valid("query").limit;
      return c.json(
        await relayJson<{ fills: z.infer<typeof fillSchema>[] }>(
          c.env,
          c.get("principal").userId,
          `/history?limit=${limit}`,
        ),
        200,
      );
    },
  );

function offline(message = "No connector is online. Start forex-ai-connector and try again."): HttpError {
  return new HttpError(503, "connector_offline", message, { headers: { "Retry-After": "5" } });
}

interface RoomState {
  presence: { online: boolean };
  account: z.infer<typeof accountStateSchema> | null;
  positions: z.infer<typeof positionSchema>[];
  orders: z.infer<typeof workingOrderSchema>[];
}

async function onlineState(c: Context<AppBindings>): Promise<RoomState> {
  const state = await relayJson<RoomState>(c.env, c.get("principal").userId, "/state");
  if (!state.presence.online) throw offline();
  return state;
}
