/**
 * /api/v1/tokens: personal API tokens with scopes (read, trade) for integrations. The
 * token is in the creation answer only; the server keeps its hash. Revoking one closes
 * its streaming sockets (1008).
 */
import { createRoute, z } from "@hono/zod-openapi";
import { requireAuth } from "../auth/require-auth.ts";
import { BEARER, errorResponse, jsonBody, jsonResponse } from "../auth/schemas.ts";
import { HttpError } from "../errors.ts";
import { createApiToken, listApiTokens, revokeApiToken } from "../live/api-tokens.ts";
import { createApi } from "../openapi.ts";
import { closeRelaySockets } from "../relay/client.ts";

const tags = ["tokens"];
const authed = { security: BEARER, middleware: [requireAuth()] };

const ApiTokenSchema = z
  .object({
    id: z.string(),
    name: z.string(),
    scopes: z.array(z.enum(["read", "trade"])),
    createdAt: z.number().int(),
    lastUsedAt: z.number().int().nullable(),
  })
  .openapi("ApiToken");

const CreateBody = z.object({
  name: z.string().trim().min(1, "name must not be empty").max(60, "name must be at most 60 characters"),
  scopes: z.array(z.enum(["read", "trade"])).min(1, "choose at least one scope: read or trade"),
});

export const tokensApi = createApi()
  .openapi(
    createRoute({
      method: "get",
      path: "/",
      tags,
      summary: "Your API tokens (never the secret)",
      ...authed,
      responses: { 200: jsonResponse(z.object({ tokens: z.array(ApiTokenSchema) }), "Tokens") },
    }),
    async (c) => c.json({ tokens: await listApiTokens(c.env, c.get("auth").userId) }, 200),
  )
  .openapi(
    createRoute({
      method: "post",
      path: "/",
      tags,
      summary: "Create an API token; `token` (fxa_...) is shown only in this answer",
      ...authed,
      request: jsonBody(CreateBody),
      responses: { 201: jsonResponse(z.object({ token: z.string(), info: ApiTokenSchema }), "Created") },
    }),
    async (c) => c.json(await createApiToken(c.env, c.get("auth").userId, c.req.valid("json")), 201),
  )
  .openapi(
    createRoute({
      method: "delete",
      path: "/{id}",
      tags,
      summary: "Revoke an API token",
      ...authed,
      request: { params: z.object({ id: z.string().max(64) }) },
      responses: { 204: { description: "Revoked" }, 404: errorResponse("No such token") },
    }),
    async (c) => {
      const { userId } = c.get("auth");
      const { id } = c.req.valid("param");
      if (!(await revokeApiToken(c.env, userId, id))) {
        throw new HttpError(404, "token_not_found", "No API token with this id on your account.");
      }
      await closeRelaySockets(c.env, userId, { apiTokenId: id }, "API token revoked");
      return c.body(null, 204);
    },
  );
