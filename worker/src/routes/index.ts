/**
 * The API's sub-apps and where they are mounted under /api/v1.
 * Each feature adds one line here (one file per sub-app in routes/).
 */
import type { OpenAPIHono } from "@hono/zod-openapi";
import type { AppBindings } from "../env.ts";
import { aiApi } from "./ai.ts";
import { aiDigestApi } from "./ai-digest.ts";
import { authApi } from "./auth.ts";
import { connectorApi } from "./connector.ts";
import { devApi } from "./dev.ts";
import { healthApi } from "./health.ts";
import { hooksApi } from "./hooks.ts";
import { relayApi } from "./relay.ts";
import { tokensApi } from "./tokens.ts";
import { totpApi } from "./totp.ts";
import { tradingApi } from "./trading.ts";
import { usersApi } from "./users.ts";

export const routes: Array<[path: string, api: OpenAPIHono<AppBindings>]> = [
  ["/health", healthApi],
  ["/auth", authApi],
  ["/users", usersApi],
  ["/totp", totpApi],
  ["/dev", devApi],
  ["/ai", aiApi],
  ["/connector", connectorApi],
  ["/relay", relayApi],
  ["/trading", tradingApi],
  ["/tokens", tokensApi],
  ["/hooks", hooksApi],
  ["/ai", aiDigestApi],
];
