/**
 * /api/v1/users: the signed-in user's profile, settings (versioned by the server) and
 * sessions (list with the current one marked; revoke one).
 */
import { createRoute, z } from "@hono/zod-openapi";
import { audit } from "../auth/audit.ts";
import { requireAuth, unauthorized } from "../auth/require-auth.ts";
import { BEARER, errorResponse, jsonBody, jsonResponse, PublicUserSchema } from "../auth/schemas.ts";
import { listSessions, revokeSession } from "../auth/session.ts";
import { MAX_SETTINGS_BYTES, readSettings, writeSettings } from "../auth/settings-store.ts";
import { findUserById, setDisplayName, toPublicUser } from "../auth/users.ts";
import { HttpError } from "../errors.ts";
import { createApi } from "../openapi.ts";
import { checkAiSettings } from "../services/ai/settings-fields.ts";

const tags = ["users"];
const authed = { security: BEARER, middleware: [requireAuth()] };

const SettingsSchema = z
  .object({
    settings: z.record(z.string(), z.unknown()).superRefine(checkAiSettings),
    version: z.number().int().min(0),
  })
  .openapi("Settings");

const ConflictSchema = z
  .object({
    error: z.object({ code: z.literal("version_conflict"), message: z.string() }),
    current: SettingsSchema,
  })
  .openapi("SettingsConflict");

const SessionSchema = z
  .object({
    id: z.string(),
    createdAt: z.string(),
    lastUsedAt: z.string(),
    userAgent: z.string().nullable(),
    current: z.boolean(),
  })
  .openapi("Session");

const getMe = createRoute({
  method: "get",
  path: "/me",
  tags,
  summary: "The signed-in user",
  ...authed,
  responses: { 200: jsonResponse(PublicUserSchema, "The user"), 401: errorResponse("Not signed in") },
});

const putMe = createRoute({
  method: "put",
  path: "/me",
  tags,
  summary: "Update the display name",
  ...authed,
  request: jsonBody(z.object({ displayName: z.string().trim().min(1).max(64).nullable() })),
  responses: { 200: jsonResponse(PublicUserSchema, "The updated user") },
});

const getSettings = createRoute({
  method: "get",
  path: "/settings",
  tags,
  summary: "Stored settings and their version (0 = never saved)",
  ...authed,
  responses: { 200: jsonResponse(SettingsSchema, "Settings") },
});

const putSettings = createRoute({
  method: "put",
  path: "/settings",
  tags,
  summary:
    "Save settings based on `version` (the stored one; the server sets the next) -> else 409 with the current settings",
  ...authed,
  request: jsonBody(SettingsSchema),
  responses: {
    200: jsonResponse(SettingsSchema, "Saved; `version` is the new version"),
    409: jsonResponse(
      ConflictSchema,
      "Your version is not the stored one: merge with `current` and retry with its version",
    ),
    413: errorResponse("Settings too large"),
  },
});

const getSessions = createRoute({
  method: "get",
  path: "/sessions",
  tags,
  summary: "Active sessions (devices); `current` marks this one",
  ...authed,
  responses: { 200: jsonResponse(z.object({ sessions: z.array(SessionSchema) }), "Sessions") },
});

const deleteSession = createRoute({
  method: "delete",
  path: "/sessions/{id}",
  tags,
  summary: "Sign out one session",
  ...authed,
  request: { params: z.object({ id: z.string().max(64) }) },
  responses: { 204: { description: "Revoked" }, 404: errorResponse("No such session") },
});

export const usersApi = createApi()
  .openapi(getMe, async (c) => {
    const user = await findUserById(c.env, c.get("auth").userId);
    if (!user) throw unauthorized();
    return c.json(toPublicUser(user), 200);
  })
  .openapi(putMe, async (c) => {
    const { userId } = c.get("auth");
    await setDisplayName(c.env, userId, c.req.valid("json").displayName);
    const user = await findUserById(c.env, userId);
    if (!user) throw unauthorized();
    return c.json(toPublicUser(user), 200);
  })
  .openapi(getSettings, async (c) => c.json(await readSettings(c.env, c.get("auth").userId), 200))
  .openapi(putSettings, async (c) => {
    const { userId } = c.get("auth");
    const { settings, version } = c.req.valid("json");
    const size = new TextEncoder().encode(JSON.stringify(settings)).length;
    if (size > MAX_SETTINGS_BYTES) {
      throw new HttpError(
        413,
        "settings_too_large",
        `Settings are ${size} bytes; the limit is ${MAX_SETTINGS_BYTES}.`,
      );
    }
    const newVersion = await writeSettings(c.env, { userId, settings, basedOn: version });
    if (newVersion === null) {
      const current = await readSettings(c.env, userId);
      const message =
        version < current.version
          ? `Settings changed elsewhere (version ${current.version} > ${version}). Merge with current and retry.`
          : `Version ${version} is not the stored version ${current.version}: the server sets versions. Retry based on ${current.version}.`;
      return c.json({ error: { code: "version_conflict" as const, message }, current }, 409);
    }
    return c.json({ settings, version: newVersion }, 200);
  })
  .openapi(getSessions, async (c) => {
    const { userId, sessionId } = c.get("auth");
    const sessions = await listSessions(c.env, userId);
    return c.json({ sessions: sessions.map((s) => ({ ...s, current: s.id === sessionId })) }, 200);
  })
  .openapi(deleteSession, async (c) => {
    const { userId } = c.get("auth");
    const { id } = c.req.valid("param");
    const owned = (await listSessions(c.env, userId)).some((s) => s.id === id);
    if (!owned)
      throw new HttpError(404, "session_not_found", "No active session with this id on your account.");
    await revokeSession(c.env, id, "revoked_by_user");
    await audit(c, { type: "session_revoked", outcome: "success", userId });
    return c.body(null, 204);
  });
