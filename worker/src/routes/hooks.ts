/**
 * /api/v1/hooks/{token}: incoming TradingView-style alerts turned into order commands.
 * The secret token in the URL picks the user; trading rate class; idempotent by the alert's
 * `id` when it has one. Units are given directly, or as risk % of equity with a stop-loss
 * (sized with core/risk against the connector's last account and quote).
 */
import { createRoute, z } from "@hono/zod-openapi";
import type { MiddlewareHandler } from "hono";
import {
  orderTypeSchema,
  priceSchema,
  sideSchema,
  symbolSchema,
  unitsSchema,
} from "../../../core/protocol/index.ts";
import { positionSize } from "../../../core/risk/index.ts";
import { unauthorized } from "../auth/require-auth.ts";
import { errorResponse, jsonBody } from "../auth/schemas.ts";
import type { AppBindings } from "../env.ts";
import { HttpError } from "../errors.ts";
import { verifyWebhook } from "../live/webhooks.ts";
import { rateLimit } from "../middleware/rate-limit/index.ts";
import { createApi } from "../openapi.ts";
import { relayJson } from "../relay/client.ts";
import { OrderSchema, sendCommand } from "./trading.ts";

export const alertSchema = z
  .object({
    /** the alert's own id; repeats of the same id place one order */
    id: z.string().trim().min(1).max(48).optional(),
    symbol: z
      .string()
      .transform((s) =>
        s
          .toUpperCase()
          .replace(/^[A-Z]+:/, "")
          .replace(/[^A-Z0-9]/g, ""),
      )
      .pipe(symbolSchema),
    side: z
      .string()
      .transform((s) => s.toLowerCase())
      .pipe(sideSchema),
    units: unitsSchema.optional(),
    riskPercent: z.number().positive().max(10, "riskPercent must be at most 10").optional(),
    type: orderTypeSchema.default("market"),
    price: priceSchema.optional(),
    stopLoss: priceSchema.optional(),
    takeProfit: priceSchema.optional(),
  })
  .refine((a) => a.units !== undefined || a.riskPercent !== undefined, {
    message: "give units, or riskPercent with a stopLoss",
    path: ["units"],
  })
  .refine((a) => a.riskPercent === undefined || a.stopLoss !== undefined, {
    message: "riskPercent needs a stopLoss to size the order",
    path: ["stopLoss"],
  });
export type Alert = z.infer<typeof alertSchema>;

const byToken: MiddlewareHandler<AppBindings> = async (c, next) => {
  const hook = await verifyWebhook(c.env, c.req.param("token") ?? "");
  if (!hook)
    throw unauthorized("This webhook URL is unknown or was revoked; create a new one on the Connector page.");
  c.set("userId", hook.userId);
  c.set("principal", { via: "token", userId: hook.userId, tokenId: hook.id, scopes: ["trade"] });
  await next();
};

interface SizingState {
  account: { equity: number; currency: string } | null;
  quotes: { symbol: string; bid: number; ask: number }[];
}

async function unitsFor(env: AppBindings["Bindings"], userId: string, alert: Alert): Promise<number> {
  if (alert.units !== undefined) return alert.units;
  const state = await relayJson<SizingState>(env, userId, "/state");
  const quote = state.quotes.find((q) => q.symbol === alert.symbol);
  if (!state.account || !quote) {
    throw new HttpError(
      503,
      "connector_offline",
      "Sizing by risk needs the connector's account and a quote; is it online?",
    );
  }
  const price = alert.side === "buy" ? quote.ask : quote.bid;
  const pip = alert.symbol.endsWith("JPY") ? 0.01 : 0.0001;
  const sized = positionSize({
    pair: alert.symbol,
    price,
    balance: state.account.equity,
    riskPct: alert.riskPercent,
    stopPips: Math.abs(price - (alert.stopLoss ?? price)) / pip,
    accountCurrency: state.account.currency,
  });
  if (sized.units < 1)
    throw new HttpError(422, "order_too_small", "The risk and stop distance size the order to 0 units.");
  return sized.units;
}

export const hooksApi = createApi().openapi(
  createRoute({
    method: "post",
    path: "/{token}",
    tags: ["webhooks"],
    summary: "A TradingView-style alert -> an order (idempotent by the alert's id)",
    middleware: [byToken, rateLimit("trading")],
    request: { params: z.object({ token: z.string().max(100) }), ...jsonBody(alertSchema) },
    responses: {
      200: {
        content: { "application/json": { schema: OrderSchema } },
        description: "The same alert id again: the stored order",
      },
      201: { content: { "application/json": { schema: OrderSchema } }, description: "The broker's result" },
      202: {
        content: { "application/json": { schema: OrderSchema } },
        description: "Sent, not confirmed yet",
      },
      401: errorResponse("Unknown webhook"),
      503: errorResponse("No connector online"),
    },
  }),
  async (c) => {
    const alert = c.req.valid("json");
    const { userId, tokenId } = c.get("principal") as { userId: string; tokenId: string };
    const units = await unitsFor(c.env, userId, alert);
    const key = alert.id
      ? `hook:${tokenId.slice(5, 13)}:${alert.id}`.replace(/[^A-Za-z0-9_.:-]/g, "_")
      : `hook:${crypto.randomUUID()}`;
    const { type, price, stopLoss, takeProfit, symbol, side } = alert;
    const order = { symbol, side, units, type, price, stopLoss, takeProfit };
    return sendCommand(
      c,
      userId,
      key.slice(0, 64),
      { action: "place", order },
      { kind: "api", via: "webhook", id: tokenId },
    );
  },
);
