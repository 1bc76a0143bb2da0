/**
 * /api/v1/connector: pairing (a one-time code for `forex-ai-connector link`), the link
 * exchange, the user's connectors (list, rename, revoke), presence status, relay tickets
 * and self-unlink for connectors (connector token), webhook URLs, and the live-trading
 * switch (a fresh second factor when 2FA is on, else the password; checklist 28).
 */
import { createRoute, z } from "@hono/zod-openapi";
import type { Context } from "hono";
import {
  connectorSelfSchema,
  connectorStatusSchema,
  linkRequestSchema,
  linkResponseSchema,
  pairingResponseSchema,
  ticketResponseSchema,
} from "../../../core/protocol/index.ts";
import { clock } from "../auth/clock.ts";
import { verifyPassword } from "../auth/password.ts";
import { requireAuth, unauthorized } from "../auth/require-auth.ts";
import { AnyPassword, BEARER, Code, errorResponse, jsonBody, jsonResponse } from "../auth/schemas.ts";
import { checkSecondFactor } from "../auth/second-factor.ts";
import { findUserById } from "../auth/users.ts";
import type { AppBindings } from "../env.ts";
import { HttpError } from "../errors.ts";
import {
  createPairing,
  linkConnector,
  listConnectors,
  renameConnector,
  revokeConnector,
  verifyConnectorToken,
} from "../live/connectors.ts";
import { requireTrader } from "../live/principal.ts";
import { mintTicket } from "../live/tickets.ts";
import { createWebhook, listWebhooks, revokeWebhook } from "../live/webhooks.ts";
import { rateLimit } from "../middleware/rate-limit/index.ts";
import { createApi } from "../openapi.ts";
import { closeRelaySockets, relayJson } from "../relay/client.ts";

const tags = ["connector"];
const authed = { security: BEARER, middleware: [requireAuth()] };
const IdParam = z.object({ id: z.string().max(64) });
const NameBody = z.object({ name: z.string().trim().min(1, "name must not be empty").max(60) });

const ConnectorSchema = z
  .object({
    id: z.string(),
    name: z.string(),
    version: z.string().nullable(),
    createdAt: z.number().int(),
    lastUsedAt: z.number().int().nullable(),
  })
  .openapi("Connector");

const WebhookSchema = z
  .object({
    id: z.string(),
    name: z.string(),
    createdAt: z.number().int(),
    lastUsedAt: z.number().int().nullable(),
  })
  .openapi("Webhook");

const LiveTradingSchema = z
  .object({ enabled: z.boolean(), twoFactorRequired: z.boolean() })
  .openapi("LiveTrading");

async function connectorFromBearer(c: Context<AppBindings>) {
  const token = /^Bearer (\S+)$/.exec(c.req.header("Authorization") ?? "")?.[1] ?? "";
  const connector = await verifyConnectorToken(c.env, token);
  if (!connector) {
    throw unauthorized(
      "This connector token is unknown or was revoked; link the connector again with a new code.",
    );
  }
  return connector;
}

const route = createRoute;

export const connectorApi = createApi()
  .openapi(
    route({
      method: "post",
      path: "/pairings",
      tags,
      summary: "A one-time pairing code (10 minutes) for `forex-ai-connector link <code>`",
      ...authed,
      responses: { 201: jsonResponse(pairingResponseSchema, "The code") },
    }),
    async (c) => c.json(await createPairing(c.env, c.get("auth").userId), 201),
  )
  .openapi(
    route({
      method: "post",
      path: "/link",
      tags,
      summary: "Exchange a pairing code for a connector token (shown once; send it as Bearer)",
      middleware: [rateLimit("auth")],
      request: jsonBody(linkRequestSchema),
      responses: {
        201: jsonResponse(linkResponseSchema, "Linked"),
        400: errorResponse("Unknown, used or expired code"),
        429: errorResponse("Too many attempts"),
      },
    }),
    async (c) => {
      const linked = await linkConnector(c.env, c.req.valid("json"));
      if (!linked) {
        throw new HttpError(
          400,
          "invalid_pairing_code",
          "This pairing code is unknown, already used or expired (codes last 10 minutes). Make a new one on the Connector page.",
          { fields: [{ path: "code", message: "unknown, used or expired" }] },
        );
      }
      return c.json(linked, 201);
    },
  )
  .openapi(
    route({
      method: "post",
      path: "/tickets",
      tags,
      summary: "A single-use relay ticket (60 s) for the connector (Authorization: Bearer fxc_...)",
      security: BEARER,
      responses: {
        201: jsonResponse(ticketResponseSchema, "Ticket"),
        401: errorResponse("Unknown or revoked token"),
      },
    }),
    async (c) => {
      const connector = await connectorFromBearer(c);
      const ticket = await mintTicket(c.env, {
        userId: connector.user_id,
        role: "connector",
        connectorId: connector.id,
      });
      return c.json(ticket, 201);
    },
  )
  .openapi(
    route({
      method: "get",
      path: "/self",
      tags,
      summary:
        "The connector's own link and whether the relay sees it online (Authorization: Bearer fxc_...)",
      security: BEARER,
      responses: {
        200: jsonResponse(connectorSelfSchema, "This connector"),
        401: errorResponse("Unknown or revoked token"),
      },
    }),
    async (c) => {
      const connector = await connectorFromBearer(c);
      const presence = await relayJson<z.infer<typeof connectorStatusSchema> & { current: boolean }>(
        c.env,
        connector.user_id,
        `/presence-of?connectorId=${encodeURIComponent(connector.id)}`,
      );
      return c.json(
        {
          connectorId: connector.id,
          name: connector.name,
          current: presence.current,
          online: presence.current && presence.online,
          lastSeen: presence.current ? presence.lastSeen : null,
          broker: presence.current ? presence.broker : null,
          version: presence.current ? presence.version : null,
        },
        200,
      );
    },
  )
  .openapi(
    route({
      method: "delete",
      path: "/self",
      tags,
      summary: "Unlink: the connector revokes its own token (Authorization: Bearer fxc_...)",
      security: BEARER,
      responses: { 204: { description: "Revoked" }, 401: errorResponse("Unknown or revoked token") },
    }),
    async (c) => {
      const connector = await connectorFromBearer(c);
      await revokeConnector(c.env, connector.user_id, connector.id);
      await closeRelaySockets(c.env, connector.user_id, { connectorId: connector.id }, "connector unlinked");
      return c.body(null, 204);
    },
  )
  .openapi(
    route({
      method: "get",
      path: "/connectors",
      tags,
      summary: "Linked connectors",
      ...authed,
      responses: { 200: jsonResponse(z.object({ connectors: z.array(ConnectorSchema) }), "Connectors") },
    }),
    async (c) => {
      const rows = await listConnectors(c.env, c.get("auth").userId);
      const connectors = rows.map((r) => ({
        id: r.id,
        name: r.name,
        version: r.version,
        createdAt: r.created_at,
        lastUsedAt: r.last_used_at,
      }));
      return c.json({ connectors }, 200);
    },
  )
  .openapi(
    route({
      method: "patch",
      path: "/connectors/{id}",
      tags,
      summary: "Rename a connector",
      ...authed,
      request: { params: IdParam, ...jsonBody(NameBody) },
      responses: { 204: { description: "Renamed" }, 404: errorResponse("No such connector") },
    }),
    async (c) => {
      const ok = await renameConnector(
        c.env,
        c.get("auth").userId,
        c.req.valid("param").id,
        c.req.valid("json").name,
      );
      if (!ok)
        throw new HttpError(404, "connector_not_found", "No linked connector with this id on your account.");
      return c.body(null, 204);
    },
  )
  .openapi(
    route({
      method: "delete",
      path: "/connectors/{id}",
      tags,
      summary: "Revoke a connector: its token stops working and its socket closes (1008)",
      ...authed,
      request: { params: IdParam },
      responses: { 204: { description: "Revoked" }, 404: errorResponse("No such connector") },
    }),
    async (c) => {
      const { userId } = c.get("auth");
      const { id } = c.req.valid("param");
      if (!(await revokeConnector(c.env, userId, id))) {
        throw new HttpError(404, "connector_not_found", "No linked connector with this id on your account.");
      }
      await closeRelaySockets(c.env, userId, { connectorId: id }, "connector revoked");
      return c.body(null, 204);
    },
  )
  .openapi(
    route({
      method: "get",
      path: "/status",
      tags,
      summary: "Whether the connector is online, when it was last seen, its broker and version",
      security: BEARER,
      middleware: [requireTrader("read")],
      responses: { 200: jsonResponse(connectorStatusSchema, "Status") },
    }),
    async (c) =>
      c.json(
        await relayJson<z.infer<typeof connectorStatusSchema>>(c.env, c.get("principal").userId, "/presence"),
        200,
      ),
  )
  .openapi(
    route({
      method: "get",
      path: "/live-trading",
      tags,
      summary: "Whether live trading (a non-paper broker) is on",
      ...authed,
      responses: { 200: jsonResponse(LiveTradingSchema, "Switch") },
    }),
    async (c) => c.json(await liveTrading(c, c.get("auth").userId), 200),
  )
  .openapi(
    route({
      method: "put",
      path: "/live-trading",
      tags,
      summary: "Turn live trading on (needs a fresh 2FA code when 2FA is on, else the password) or off",
      ...authed,
      request: jsonBody(
        z.object({ enabled: z.boolean(), code: Code.optional(), password: AnyPassword.optional() }),
      ),
      responses: {
        200: jsonResponse(LiveTradingSchema, "Switch"),
        403: errorResponse("Wrong or missing second factor / password"),
      },
    }),
    async (c) => {
      const { userId } = c.get("auth");
      const body = c.req.valid("json");
      if (body.enabled) await confirmLiveTrading(c, userId, body);
      await c.env.DB.prepare(
        `INSERT INTO live_trading (user_id, enabled, changed_at) VALUES (?1, ?2, ?3)
         ON CONFLICT(user_id) DO UPDATE SET enabled = ?2, changed_at = ?3`,
      )
        .bind(userId, body.enabled ? 1 : 0, clock.now())
        .run();
      return c.json(await liveTrading(c, userId), 200);
    },
  )
  .openapi(
    route({
      method: "get",
      path: "/webhooks",
      tags,
      summary: "Incoming webhook URLs (the secret is shown only at creation)",
      ...authed,
      responses: { 200: jsonResponse(z.object({ webhooks: z.array(WebhookSchema) }), "Webhooks") },
    }),
    async (c) => c.json({ webhooks: await listWebhooks(c.env, c.get("auth").userId) }, 200),
  )
  .openapi(
    route({
      method: "post",
      path: "/webhooks",
      tags,
      summary: "Create a webhook URL for TradingView-style alerts; `url` is shown once",
      ...authed,
      request: jsonBody(NameBody),
      responses: { 201: jsonResponse(z.object({ url: z.string(), webhook: WebhookSchema }), "Created") },
    }),
    async (c) => {
      const { token, info } = await createWebhook(c.env, c.get("auth").userId, c.req.valid("json").name);
      return c.json({ url: `${c.env.APP_ORIGIN}/api/v1/hooks/${token}`, webhook: info }, 201);
    },
  )
  .openapi(
    route({
      method: "delete",
      path: "/webhooks/{id}",
      tags,
      summary: "Revoke a webhook URL",
      ...authed,
      request: { params: IdParam },
      responses: { 204: { description: "Revoked" }, 404: errorResponse("No such webhook") },
    }),
    async (c) => {
      if (!(await revokeWebhook(c.env, c.get("auth").userId, c.req.valid("param").id))) {
        throw new HttpError(404, "webhook_not_found", "No webhook with this id on your account.");
      }
      return c.body(null, 204);
    },
  );

async function liveTrading(c: Context<AppBindings>, userId: string) {
  const row = await c.env.DB.prepare("SELECT enabled FROM live_trading WHERE user_id = ?")
    .bind(userId)
    .first<{ enabled: number }>();
  const user = await findUserById(c.env, userId);
  return { enabled: row?.enabled === 1, twoFactorRequired: Boolean(user?.totp_enabled) };
}

/** A fresh factor to turn live money on: the current TOTP code (no recovery codes), else the password. */
async function confirmLiveTrading(
  c: Context<AppBindings>,
  userId: string,
  body: { code?: string; password?: string },
) {
  const user = await findUserById(c.env, userId);
  if (!user) throw unauthorized();
  if (user.totp_enabled && user.totp_secret_enc) {
    if (!body.code) {
      throw new HttpError(
        403,
        "second_factor_required",
        "Enter the current code from your authenticator app to turn on live trading.",
        {
          fields: [{ path: "code", message: "required" }],
        },
      );
    }
    await checkSecondFactor(c, {
      userId,
      code: body.code,
      sealedSecret: user.totp_secret_enc,
      allowRecovery: false,
      failStatus: 403,
    });
    return;
  }
  if (!body.password || !(await verifyPassword(body.password, user.password_hash))) {
    throw new HttpError(403, "invalid_password", "Enter your password to turn on live trading.", {
      fields: [{ path: "password", message: "wrong or missing" }],
    });
  }
}
