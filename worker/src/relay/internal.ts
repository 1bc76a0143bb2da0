/**
 * The relay room's internal HTTP surface, reachable only through the RELAY binding (the
 * Worker authenticates the user, redeems tickets, then calls these): connect a socket,
 * submit a command and wait for its result, read state, close sockets.
 */
import { z } from "zod";
import { commandBodySchema, idempotencyKeySchema, roleSchema } from "../../../core/protocol/index.ts";
import { CommandRefused } from "./commands.ts";
import type { CommandSource, PeerIdentity } from "./ports.ts";
import type { RelayRoomLogic } from "./room.ts";

export const closeFilterSchema = z.object({
  role: roleSchema.optional(),
  sessionIds: z.array(z.string()).optional(),
  exceptSessionId: z.string().optional(),
  connectorId: z.string().optional(),
  apiTokenId: z.string().optional(),
});
export type CloseFilter = z.infer<typeof closeFilterSchema>;

const submitSchema = z.object({
  key: idempotencyKeySchema,
  expiresAt: z.number().int(),
  command: commandBodySchema,
  source: z.custom<CommandSource>((v) => typeof v === "object" && v !== null),
  waitMs: z.number().int().min(0).max(30_000),
});
export type InternalSubmit = z.infer<typeof submitSchema>;

/** HTTP status for each refusal code of the command book. */
const REFUSAL_STATUS: Record<string, number> = {
  idempotency_conflict: 409,
  command_expired: 410,
  connector_offline: 503,
  forbidden: 403,
  bad_message: 400,
};

export function matches(filter: CloseFilter, peer: PeerIdentity): boolean {
  if (filter.role && peer.role !== filter.role) return false;
  if (filter.sessionIds && !(peer.sessionId && filter.sessionIds.includes(peer.sessionId))) return false;
  if (filter.exceptSessionId !== undefined && peer.sessionId === filter.exceptSessionId) return false;
  if (filter.connectorId && peer.connectorId !== filter.connectorId) return false;
  if (filter.apiTokenId && peer.apiTokenId !== filter.apiTokenId) return false;
  return true;
}

export async function handleInternal(
  request: Request,
  room: RelayRoomLogic,
  accept: (peer: PeerIdentity) => WebSocket,
): Promise<Response> {
  const url = new URL(request.url);
  switch (`${request.method} ${url.pathname}`) {
    case "GET /connect": {
      if (request.headers.get("Upgrade")?.toLowerCase() !== "websocket") {
        return Response.json(
          { error: { code: "upgrade_required", message: "Expected a WebSocket upgrade." } },
          { status: 426 },
        );
      }
      const peer = JSON.parse(request.headers.get("X-Relay-Peer") ?? "null") as PeerIdentity;
      return new Response(null, { status: 101, webSocket: accept(peer) });
    }
    case "POST /command": {
      const input = submitSchema.parse(await request.json());
      try {
        const { kind, record } = await room.commands.submit(input);
        const settled =
          input.waitMs > 0
            ? ((await room.commands.waitForResult(record.key, input.waitMs)) ?? record)
            : record;
        return Response.json({ kind, record: settled });
      } catch (err) {
        if (!(err instanceof CommandRefused)) throw err;
        return Response.json(
          { error: { code: err.code, message: err.message } },
          { status: REFUSAL_STATUS[err.code] ?? 400 },
        );
      }
    }
    case "GET /order": {
      const record = await room.commands.byOrderId(url.searchParams.get("id") ?? "");
      return Response.json({ record: record ?? null });
    }
    case "GET /state":
      return Response.json({ presence: await room.presence(), ...(await room.snapshot()) });
    case "GET /history":
      return Response.json({ fills: await room.history(Number(url.searchParams.get("limit") ?? 100)) });
    case "GET /presence":
      return Response.json(await room.presence());
    case "GET /presence-of": {
      // the presence, and whether it describes this connector (another one may be the one online)
      const stored = await room.storedPresence();
      const asked = url.searchParams.get("connectorId") ?? "";
      const current = stored.connectorId === null || stored.connectorId === asked;
      return Response.json({ ...(await room.presence()), current });
    }
    case "POST /close": {
      const body = z
        .object({ filter: closeFilterSchema, reason: z.string().max(120) })
        .parse(await request.json());
      return Response.json({ closed: room.closePeers((p) => matches(body.filter, p), body.reason) });
    }
    default:
      return Response.json({ error: { code: "not_found", message: "No such relay call." } }, { status: 404 });
  }
}
