/**
 * Rate limiter Durable Object (the embedded default backend): one instance per limited
 * key (idFromName), its window state in DO storage. The DO's input gate runs one request
 * at a time, so check-and-count is atomic. An alarm wipes the state once the longest
 * window has passed twice, so idle keys cost no storage.
 */
import { DurableObject } from "cloudflare:workers";
import type { Env } from "../env.ts";
import { rateLimitClock } from "./ratelimit/clock.ts";
import type { LimitDecision, WindowRule } from "./ratelimit/port.ts";
import type { LogState } from "./ratelimit/sliding-log.ts";
import { consume, type WindowState } from "./ratelimit/sliding-window.ts";

const STATE_KEY = "windows";

export class RateLimiterObject extends DurableObject<Env> {
  /** Counts one request against every rule; see sliding-window.ts for the semantics. */
  async limit(rules: WindowRule[]): Promise<LimitDecision> {
    const now = rateLimitClock.now();
    const stored = (await this.ctx.storage.get<Record<string, WindowState | LogState>>(STATE_KEY)) ?? {};
    const { decision, states } = consume(stored, rules, now);
    await this.ctx.storage.put(STATE_KEY, states);
    const longest = Math.max(...rules.map((r) => r.windowMs));
    await this.ctx.storage.setAlarm(Date.now() + 2 * longest);
    return decision;
  }

  /** Nothing was counted for two full windows: forget the key. */
  override async alarm(): Promise<void> {
    await this.ctx.storage.deleteAll();
  }
}
