/**
 * requireTrader: the trading API's authentication. Either a signed-in user's access token
 * (all scopes) or a personal API token (`fxa_...`) whose scopes include the one needed.
 * Sets c.var.userId (so the trading rate class keys on the user) and c.var.principal.
 */
import type { MiddlewareHandler } from "hono";
import { requireAuth, unauthorized } from "../auth/require-auth.ts";
import type { AppBindings } from "../env.ts";
import { HttpError } from "../errors.ts";
import { type Scope, verifyApiToken } from "./api-tokens.ts";
import { PREFIX } from "./secrets.ts";

export type Principal =
  | { via: "session"; userId: string; sessionId: string }
  | { via: "token"; userId: string; tokenId: string; scopes: Scope[] };

declare module "hono" {
  interface ContextVariableMap {
    principal: Principal;
  }
}

export function requireTrader(scope: Scope): MiddlewareHandler<AppBindings> {
  const session = requireAuth();
  return async (c, next) => {
    const bearer = /^Bearer (\S+)$/.exec(c.req.header("Authorization") ?? "")?.[1] ?? "";
    if (!bearer.startsWith(PREFIX.api)) {
      return session(c, async () => {
        const auth = c.get("auth");
        c.set("principal", { via: "session", userId: auth.userId, sessionId: auth.sessionId });
        await next();
      });
    }
    const token = await verifyApiToken(c.env, bearer);
    if (!token)
      throw unauthorized("This API token is unknown or was revoked; create a new one on the Security page.");
    if (!token.scopes.includes(scope) && !(scope === "read" && token.scopes.includes("trade"))) {
      throw new HttpError(
        403,
        "insufficient_scope",
        `This API token lacks the "${scope}" scope; create one with it on the Security page.`,
      );
    }
    c.set("userId", token.userId);
    c.set("principal", { via: "token", userId: token.userId, tokenId: token.id, scopes: token.scopes });
    await next();
  };
}
