/**
 * /api/v1/relay: tickets for app sessions (access token) and integrations (API token with
 * read scope), and the WebSocket upgrade. The upgrade checks the Origin (browsers must come
 * from an allowed origin; connectors and integrations send none) and redeems the single-use
 * ticket; the room is the ticket's user's, and the role comes from the ticket.
 */
import { createRoute } from "@hono/zod-openapi";
import { ticketResponseSchema } from "../../../core/protocol/index.ts";
import { BEARER, errorResponse, jsonResponse } from "../auth/schemas.ts";
import { HttpError } from "../errors.ts";
import { requireTrader } from "../live/principal.ts";
import { mintTicket, redeemTicket } from "../live/tickets.ts";
import { createApi } from "../openapi.ts";
import { relayFetch } from "../relay/client.ts";
import type { PeerIdentity } from "../relay/ports.ts";

/** ALLOWED_ORIGINS plus the app's own public origin (APP_ORIGIN). */
function allowed(env: { ALLOWED_ORIGINS: string; APP_ORIGIN: string }, origin: string): boolean {
  return [...env.ALLOWED_ORIGINS.split(","), env.APP_ORIGIN].map((o) => o.trim()).includes(origin);
}

export const relayApi = createApi();

relayApi.openapi(
  createRoute({
    method: "post",
    path: "/tickets",
    tags: ["relay"],
    summary:
      "A single-use ticket (60 s) to open the relay WebSocket: role app (access token) or api (API token)",
    security: BEARER,
    middleware: [requireTrader("read")],
    responses: { 201: jsonResponse(ticketResponseSchema, "Ticket"), 401: errorResponse("Not signed in") },
  }),
  async (c) => {
    const p = c.get("principal");
    const ticket =
      p.via === "session"
        ? await mintTicket(c.env, { userId: p.userId, role: "app", sessionId: p.sessionId })
        : await mintTicket(c.env, { userId: p.userId, role: "api", apiTokenId: p.tokenId });
    return c.json(ticket, 201);
  },
);

relayApi.get("/", async (c) => {
  if (c.req.header("Upgrade")?.toLowerCase() !== "websocket") {
    throw new HttpError(
      426,
      "upgrade_required",
      "Open this URL as a WebSocket (Upgrade: websocket) with ?ticket=.",
    );
  }
  const origin = c.req.header("Origin");
  if (origin !== undefined && !allowed(c.env, origin)) {
    throw new HttpError(403, "origin_not_allowed", "This origin may not open the relay.");
  }
  const ticket = c.req.query("ticket") ?? "";
  const subject = ticket ? await redeemTicket(c.env, ticket) : null;
  if (!subject) {
    throw new HttpError(
      401,
      "invalid_ticket",
      "The relay ticket is missing, used or expired; ask for a new one.",
    );
  }
  if (subject.role === "app" && origin === undefined) {
    throw new HttpError(403, "origin_required", "Browser sessions must send an allowed Origin.");
  }
  const peer: PeerIdentity = {
    socketId: crypto.randomUUID(),
    role: subject.role,
    userId: subject.userId,
    sessionId: subject.sessionId,
    connectorId: subject.connectorId,
    apiTokenId: subject.apiTokenId,
    connectedAt: Date.now(),
  };
  return relayFetch(c.env, subject.userId, "/connect", {
    headers: { Upgrade: "websocket", "X-Relay-Peer": JSON.stringify(peer) },
  });
});
