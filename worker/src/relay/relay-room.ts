/**
 * Relay room Durable Object: one per user, linking the user's connector to their browser
 * sessions. Placeholder until the relay is built: it accepts no connections.
 */
import { DurableObject } from "cloudflare:workers";
import type { Env } from "../env.ts";

export class RelayRoom extends DurableObject<Env> {
  override async fetch(_request: Request): Promise<Response> {
    return Response.json(
      { error: { code: "not_implemented", message: "The relay is not available yet." } },
      { status: 501 },
    );
  }
}
