/** GET /api/v1/health: version, server time, and whether D1 answers. */
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
      description: "Service is up (d1 tells whether the database answered)",
      content: { "application/json": { schema: HealthSchema } },
    },
  },
});

export const healthApi = createApi().openapi(route, async (c) => {
  let d1 = false;
  try {
    const row = await c.env.DB.prepare("SELECT 1 AS ok").first<{ ok: number }>();
    d1 = row?.ok === 1;
  } catch {
    d1 = false;
  }
  return c.json(
    {
      status: d1 ? ("ok" as const) : ("degraded" as const),
      version: pkg.version,
      time: new Date().toISOString(),
      d1,
    },
    200,
  );
});
