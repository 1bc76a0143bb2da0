/**
 * GET /api/v1/health: version, server time, and whether D1 answers (503 when it does not,
 * so a load balancer notices; checklist 39). A successful D1 probe
 * is reused for D1_PROBE_TTL_MS, so a health check polled hard (load balancer, benchmark)
 * costs one D1 query per second per isolate, not one per request; a failure is never reused.
 */
import { createRoute, z } from "@hono/zod-openapi";
import pkg from "../../../package.json" with { type: "json" };
import { createApi } from "../openapi.ts";

const HealthSchema = z
  .object({
    status: z.enum(["ok", "degraded"]),
    version: z.string(),
    time: z.string().openapi({ example: "2026-11-26T07:00:00.000Z" }),
    d1: z.boolean(),
  })
  .openapi("Health");

const route = createRoute({
  method: "get",
  path: "/",
  tags: ["system"],
  summary: "Service health",
  responses: {
    200: {
      description: "Service is up and the database answers",
      content: { "application/json": { schema: HealthSchema } },
    },
    503: {
      description: "A dependency is down (d1: false): a load balancer should take this instance out",
      content: { "application/json": { schema: HealthSchema } },
    },
  },
});

/** How long a successful D1 probe stands for the next health checks. */
export const D1_PROBE_TTL_MS = 1000;

/** Per D1 binding: until when its last successful probe is reused. */
const probeOkUntil = new WeakMap<D1Database, number>();

/** True when `SELECT 1` answers (or answered within the last D1_PROBE_TTL_MS). */
export async function probeD1(db: D1Database, now: number = Date.now()): Promise<boolean> {
  const okUntil = probeOkUntil.get(db);
  if (okUntil !== undefined && now < okUntil) return true;
  let ok = false;
  try {
    const row = await db.prepare("SELECT 1 AS ok").first<{ ok: number }>();
    ok = row?.ok === 1;
  } catch {
    ok = false;
  }
  if (ok) probeOkUntil.set(db, now + D1_PROBE_TTL_MS);
  else probeOkUntil.delete(db);
  return ok;
}

export const healthApi = createApi().openapi(route, async (c) => {
  const d1 = await probeD1(c.env.DB);
  const body = { version: pkg.version, time: new Date().toISOString(), d1 };
  if (d1) return c.json({ status: "ok" as const, ...body }, 200);
  c.header("Retry-After", "5");
  return c.json({ status: "degraded" as const, ...body }, 503);
});
