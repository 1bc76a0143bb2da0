/**
 * The API's sub-apps and where they are mounted under /api/v1.
 * Each feature adds one line here (one file per sub-app in routes/).
 */
import type { OpenAPIHono } from "@hono/zod-openapi";
import type { AppBindings } from "../env.ts";
import { devApi } from "./dev.ts";
import { healthApi } from "./health.ts";

export const routes: Array<[path: string, api: OpenAPIHono<AppBindings>]> = [
  ["/health", healthApi],
  ["/dev", devApi],
];
