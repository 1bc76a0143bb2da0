/**
 * Rate limiter Durable Object (the embedded default backend). Placeholder until rate
 * limiting is built: it allows everything.
 */
import { DurableObject } from "cloudflare:workers";
import type { Env } from "../env.ts";

export class RateLimiterObject extends DurableObject<Env> {
  async limit(
    _key: string,
    _limit: number,
    _windowMs: number,
  ): Promise<{ success: boolean; resetMs: number }> {
    return { success: true, resetMs: 0 };
  }
}
