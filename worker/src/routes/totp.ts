/**
 * /api/v1/totp: two-factor status, setup (secret + otpauth URI + QR SVG; stays off until a
 * valid code is verified), disable (password + code), and recovery-code regeneration.
 * Every change signs out the user's other sessions and is audited; enable/disable email.
 */
import { createRoute, z } from "@hono/zod-openapi";
import { audit } from "../auth/audit.ts";
import { encryptSecret } from "../auth/encryption.ts";
import { sendAccountEmail } from "../auth/notify.ts";
import { confirmCredentials } from "../auth/reauth.ts";
import { regenerateRecoveryCodes, remainingRecoveryCodes } from "../auth/recovery-codes.ts";
import { requireAuth, unauthorized } from "../auth/require-auth.ts";
import { AnyPassword, BEARER, Code, errorResponse, jsonBody, jsonResponse } from "../auth/schemas.ts";
import { checkSecondFactor } from "../auth/second-factor.ts";
import { revokeUserSessions } from "../auth/session.ts";
import { newTotpSecret, otpauthUri, qrSvg } from "../auth/totp.ts";
import { findUserById, type UserRow } from "../auth/users.ts";
import { HttpError } from "../errors.ts";
import { rateLimit } from "../middleware/rate-limit/index.ts";
import { createApi } from "../openapi.ts";

const tags = ["totp"];
const authed = { security: BEARER, middleware: [requireAuth()] };
const RecoveryCodes = z.array(z.string()).openapi({ example: ["ABCD-EFGH-JKMN"] });

const statusRoute = createRoute({
  method: "get",
  path: "/status",
  tags,
  summary: "Whether 2FA is on",
  ...authed,
  responses: {
    200: jsonResponse(
      z.object({ enabled: z.boolean(), pendingSetup: z.boolean(), recoveryCodesRemaining: z.number().int() }),
      "Status",
    ),
  },
});

const setupRoute = createRoute({
  method: "post",
  path: "/setup",
  tags,
  summary: "Start setup: a new secret, its otpauth URI and a QR code (SVG). 2FA stays off until verify.",
  ...authed,
  responses: {
    200: jsonResponse(
      z.object({ secret: z.string(), otpauthUri: z.string(), qrSvg: z.string() }),
      "Setup data",
    ),
    409: errorResponse("2FA already on"),
  },
});

const verifyRoute = createRoute({
  method: "post",
  path: "/verify",
  tags,
  summary: "Turn 2FA on with a code from the app; returns 10 recovery codes once",
  ...authed,
  request: jsonBody(z.object({ code: Code })),
  responses: {
    200: jsonResponse(z.object({ enabled: z.literal(true), recoveryCodes: RecoveryCodes }), "Enabled"),
    400: errorResponse("No setup in progress"),
    403: errorResponse("Wrong or reused code"),
  },
});

const disableRoute = createRoute({
  method: "post",
  path: "/disable",
  tags,
  summary: "Turn 2FA off (password + TOTP or recovery code)",
  security: BEARER,
  middleware: [
    requireAuth(),
    rateLimit("auth", { key: (c) => `user:${c.get("userId") ?? "none"}` }),
  ] as const,
  request: jsonBody(z.object({ password: AnyPassword, code: Code })),
  responses: {
    200: jsonResponse(z.object({ enabled: z.literal(false) }), "Disabled"),
    403: errorResponse("Wrong password or code (one answer for either)"),
    429: errorResponse("Too many attempts for this account"),
  },
});

const recoveryRoute = createRoute({
  method: "post",
  path: "/recovery-codes",
  tags,
  summary: "Replace all recovery codes (needs a code); the old set stops working",
  ...authed,
  request: jsonBody(z.object({ code: Code })),
  responses: {
    200: jsonResponse(z.object({ recoveryCodes: RecoveryCodes }), "New codes (shown once)"),
    403: errorResponse("Wrong or reused code"),
  },
});

async function currentUser(env: Parameters<typeof findUserById>[0], userId: string): Promise<UserRow> {
  const user = await findUserById(env, userId);
  if (!user) throw unauthorized();
  return user;
}

function requireEnabled(user: UserRow): string {
  if (user.totp_enabled !== 1 || !user.totp_secret_enc) {
    throw new HttpError(
      409,
      "two_factor_not_enabled",
      "Two-factor authentication is not on for this account.",
    );
  }
  return user.totp_secret_enc;
}

export const totpApi = createApi()
  .openapi(statusRoute, async (c) => {
    const user = await currentUser(c.env, c.get("auth").userId);
    return c.json(
      {
        enabled: user.totp_enabled === 1,
        pendingSetup: user.totp_enabled !== 1 && user.totp_pending_enc !== null,
        recoveryCodesRemaining: user.totp_enabled === 1 ? await remainingRecoveryCodes(c.env, user.id) : 0,
      },
      200,
    );
  })
  .openapi(setupRoute, async (c) => {
    const user = await currentUser(c.env, c.get("auth").userId);
    if (user.totp_enabled === 1) {
      throw new HttpError(
        409,
        "two_factor_already_enabled",
        "Two-factor is already on. Disable it first to re-key.",
      );
    }
    const secret = newTotpSecret();
    await c.env.DB.prepare("UPDATE users SET totp_pending_enc = ? WHERE id = ?")
      .bind(await encryptSecret(c.env, secret, user.id), user.id)
      .run();
    const uri = otpauthUri(secret, user.email);
    return c.json({ secret, otpauthUri: uri, qrSvg: await qrSvg(uri) }, 200);
  })
  .openapi(verifyRoute, async (c) => {
    const { userId, sessionId } = c.get("auth");
    const user = await currentUser(c.env, userId);
    if (user.totp_enabled === 1) {
      throw new HttpError(409, "two_factor_already_enabled", "Two-factor is already on.");
    }
    const pending = user.totp_pending_enc;
    if (!pending) throw new HttpError(400, "no_pending_setup", "Start with POST /api/v1/totp/setup first.");
    await checkSecondFactor(c, {
      userId,
      code: c.req.valid("json").code,
      sealedSecret: pending,
      allowRecovery: false,
      failStatus: 403,
    });
    const res = await c.env.DB.prepare(
      `UPDATE users SET totp_enabled = 1, totp_secret_enc = totp_pending_enc, totp_pending_enc = NULL
       WHERE id = ? AND totp_enabled = 0 AND totp_pending_enc = ?`,
    )
      .bind(userId, pending)
      .run();
    if (res.meta.changes !== 1)
      throw new HttpError(409, "setup_changed", "Setup changed meanwhile; start again.");
    const recoveryCodes = await regenerateRecoveryCodes(c.env, userId);
    await revokeUserSessions(c.env, { userId, reason: "2fa_enabled", exceptSessionId: sessionId });
    await audit(c, { type: "2fa_enabled", outcome: "success", userId });
    sendAccountEmail(c, { to: user.email, template: "2fa-enabled" });
    return c.json({ enabled: true as const, recoveryCodes }, 200);
  })
  .openapi(disableRoute, async (c) => {
    const { userId, sessionId } = c.get("auth");
    const { password, code } = c.req.valid("json");
    const user = await currentUser(c.env, userId);
    requireEnabled(user);
    await confirmCredentials(c, user, { password, code, action: "2fa_disabled" });
    await c.env.DB.batch([
      c.env.DB.prepare(
        "UPDATE users SET totp_enabled = 0, totp_secret_enc = NULL, totp_pending_enc = NULL WHERE id = ?",
      ).bind(userId),
      c.env.DB.prepare("DELETE FROM recovery_codes WHERE user_id = ?").bind(userId),
    ]);
    await revokeUserSessions(c.env, { userId, reason: "2fa_disabled", exceptSessionId: sessionId });
    await audit(c, { type: "2fa_disabled", outcome: "success", userId });
    sendAccountEmail(c, { to: user.email, template: "2fa-disabled" });
    return c.json({ enabled: false as const }, 200);
  })
  .openapi(recoveryRoute, async (c) => {
    const { userId, sessionId } = c.get("auth");
    const user = await currentUser(c.env, userId);
    const sealed = requireEnabled(user);
    await checkSecondFactor(c, {
      userId,
      code: c.req.valid("json").code,
      sealedSecret: sealed,
      allowRecovery: true,
      failStatus: 403,
    });
    const recoveryCodes = await regenerateRecoveryCodes(c.env, userId);
    await revokeUserSessions(c.env, {
      userId,
      reason: "recovery_codes_regenerated",
      exceptSessionId: sessionId,
    });
    await audit(c, { type: "recovery_codes_regenerated", outcome: "success", userId });
    return c.json({ recoveryCodes }, 200);
  });
