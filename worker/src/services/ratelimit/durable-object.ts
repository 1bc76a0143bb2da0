/** Rate-limit store backed by the RateLimiterObject Durable Object (one per key). */
import type { Env } from "../../env.ts";
import type { RateLimiterObject } from "../rate-limiter-object.ts";
import {
  type LimitDecision,
  type RateLimitStore,
  RateLimitUnavailableError,
  type WindowRule,
} from "./port.ts";

export function durableObjectStore(env: Env): RateLimitStore {
  const ns = env.RATE_LIMITER as DurableObjectNamespace<RateLimiterObject>;
  return {
    name: "durable-object",
    async limit(key: string, rules: readonly WindowRule[]): Promise<LimitDecision> {
      try {
        const stub = ns.get(ns.idFromName(key));
        return await stub.limit([...rules]);
      } catch (err) {
        throw new RateLimitUnavailableError("durable object call failed", { cause: err });
      }
    },
  };
}
