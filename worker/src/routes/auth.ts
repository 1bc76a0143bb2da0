/**
 * /api/v1/auth: register, login (+ 2FA step), refresh (rotating cookie), logout, and the
 * password forgot/reset/change flows. Handlers are ladders of guard clauses; all secrets
 * and checks live in worker/src/auth/.
 */
import { createRoute, z } from "@hono/zod-openapi";
import type { Context } from "hono";
import { audit } from "../auth/audit.ts";
import { beginChallengeAttempt, consumeChallenge, createChallenge } from "../auth/challenge.ts";
import { clearRefreshCookie, readRefreshCookie, setRefreshCookie } from "../auth/cookies.ts";
import { signIn, tokensFor } from "../auth/issue.ts";
import { clearLoginFailures, loginDelayRemaining, recordLoginFailure } from "../auth/login-delay.ts";
import { sendAccountEmail, signInData } from "../auth/notify.ts";
import { DUMMY_HASH, hashPassword, needsRehash, verifyPassword } from "../auth/password.ts";
import { passwordProblem } from "../auth/password-policy.ts";
import { authRateKey } from "../auth/rate-key.ts";
import { confirmCredentials } from "../auth/reauth.ts";
import { requireAuth, unauthorized } from "../auth/require-auth.ts";
import {
  consumeResetToken,
  createResetToken,
  createResetTokenLike,
  peekResetToken,
} from "../auth/reset-token.ts";
import {
  AnyPassword,
  BEARER,
  ChallengeSchema,
  Code,
  Email,
  errorResponse,
  jsonBody,
  jsonResponse,
  NewPassword,
  OkSchema,
  TokensSchema,
} from "../auth/schemas.ts";
import { checkSecondFactor } from "../auth/second-factor.ts";
import {
  revokeSession,
  revokeUserSessions,
  rotateRefreshToken,
  sessionOfRefreshToken,
} from "../auth/session.ts";
import { verifyAccessToken } from "../auth/tokens.ts";
import {
  createUser,
  findUserByEmail,
  findUserById,
  setPassword,
  upgradePasswordHash,
} from "../auth/users.ts";
import type { AppBindings } from "../env.ts";
import { HttpError } from "../errors.ts";
import { rateLimit } from "../middleware/rate-limit/index.ts";
import { createApi } from "../openapi.ts";

/** Per client IP across every auth route (checklist 33), then per IP + email (checklist 17-18). */
const limited = [rateLimit("auth-ip"), rateLimit("auth", { key: authRateKey })];
/** Credential checks behind a session: per user, whatever the IP (checklist 34). */
const perUser = rateLimit("auth", { key: (c) => `user:${c.get("userId") ?? "none"}` });
const tags = ["auth"];
const FORGOT_MESSAGE =
  "If an account exists for that address, we sent it a link to reset the password. The link works for 1 hour.";

const registerRoute = createRoute({
  method: "post",
  path: "/register",
  tags,
  summary: "Create an account and sign in",
  middleware: limited,
  request: jsonBody(
    z.object({
      email: Email,
      password: NewPassword,
      displayName: z.string().trim().min(1).max(64).optional(),
    }),
  ),
  responses: {
    201: jsonResponse(TokensSchema, "Signed in; refresh token set as the fx_refresh cookie"),
    400: errorResponse("Validation failed (see fields)"),
    409: errorResponse("Email already registered"),
  },
});

const loginRoute = createRoute({
  method: "post",
  path: "/login",
  tags,
  summary: "Sign in with email and password",
  middleware: limited,
  request: jsonBody(z.object({ email: z.string().max(254), password: AnyPassword })),
  responses: {
    200: {
      content: { "application/json": { schema: z.union([TokensSchema, ChallengeSchema]) } },
      description: "Tokens, or a 2FA challenge (no token, no cookie) for accounts with 2FA",
    },
    401: errorResponse("Email or password is wrong (same answer for unknown emails)"),
  },
});

const login2faRoute = createRoute({
  method: "post",
  path: "/login-2fa",
  tags,
  summary: "Second step of a 2FA sign-in",
  middleware: limited,
  request: jsonBody(z.object({ challenge: z.string().max(100), code: Code })),
  responses: {
    200: jsonResponse(TokensSchema, "Signed in"),
    401: errorResponse("Challenge invalid/expired/used, or wrong code"),
    429: errorResponse("Too many wrong codes"),
  },
});

const refreshRoute = createRoute({
  method: "post",
  path: "/refresh",
  tags,
  summary: "Rotate the refresh cookie and get a new access token",
  responses: {
    200: jsonResponse(TokensSchema, "New access token; fx_refresh rotated"),
    401: errorResponse("No valid refresh cookie (reuse revokes the whole session)"),
  },
});

const logoutRoute = createRoute({
  method: "post",
  path: "/logout",
  tags,
  summary: "Sign out this session",
  responses: { 204: { description: "Signed out; cookie cleared" } },
});

const forgotRoute = createRoute({
  method: "post",
  path: "/password/forgot",
  tags,
  summary: "Email a password-reset link",
  middleware: limited,
  request: jsonBody(z.object({ email: z.string().max(254) })),
  responses: { 202: jsonResponse(OkSchema, "Always the same answer") },
});

const resetRoute = createRoute({
  method: "post",
  path: "/password/reset",
  tags,
  summary: "Set a new password with a reset token (2FA accounts also send code)",
  middleware: limited,
  request: jsonBody(z.object({ token: z.string().max(100), password: NewPassword, code: Code.optional() })),
  responses: {
    200: jsonResponse(OkSchema, "Password changed; every session signed out"),
    400: errorResponse("Invalid/expired token, missing or wrong second factor, or weak password"),
  },
});

const changeRoute = createRoute({
  method: "post",
  path: "/password/change",
  tags,
  summary: "Change the password (needs the current one, and a TOTP or recovery code when 2FA is on)",
  security: BEARER,
  middleware: [requireAuth(), perUser] as const,
  request: jsonBody(
    z.object({ currentPassword: AnyPassword, newPassword: NewPassword, code: Code.optional() }),
  ),
  responses: {
    200: jsonResponse(TokensSchema, "Changed; other sessions signed out, this device gets new tokens"),
    400: errorResponse("Weak new password, or 2FA is on and `code` is missing"),
    403: errorResponse("Current password or code wrong (one answer for either)"),
    429: errorResponse("Too many attempts for this account"),
  },
});

const invalidCredentials = () => new HttpError(401, "invalid_credentials", "Email or password is wrong.");
const invalidChallenge = () =>
  new HttpError(401, "invalid_challenge", "This sign-in step expired or was already used. Sign in again.");
const invalidResetToken = () =>
  new HttpError(
    400,
    "invalid_reset_token",
    "This reset link is invalid, used or expired. Request a new one.",
  );

export const authApi = createApi();
authApi.openAPIRegistry.registerComponent("securitySchemes", "bearerAuth", {
  type: "http",
  scheme: "bearer",
  bearerFormat: "JWT",
  description: "Access token from /auth/login, /auth/login-2fa, /auth/register or /auth/refresh",
});

authApi
  .openapi(registerRoute, async (c) => {
    const { email, password, displayName } = c.req.valid("json");
    const problem = passwordProblem(password, email);
    if (problem) {
      throw new HttpError(400, "validation_failed", `Invalid request: password: ${problem}`, {
        fields: [{ path: "password", message: problem }],
      });
    }
    const user = await createUser(c.env, {
      email,
      passwordHash: await hashPassword(password),
      displayName: displayName ?? null,
    });
    if (!user) {
      throw new HttpError(
        409,
        "email_taken",
        "An account with this email exists. Sign in or reset the password.",
      );
    }
    const body = await signIn(c, user);
    await audit(c, { type: "register", outcome: "success", userId: user.id });
    sendAccountEmail(c, {
      to: user.email,
      template: "welcome",
      data: { displayName: user.display_name ?? "" },
    });
    return c.json(body, 201);
  })
  .openapi(loginRoute, async (c) => {
    const { email, password } = c.req.valid("json");
    const waitMs = await loginDelayRemaining(c.env, email);
    if (waitMs > 0) {
      const seconds = Math.max(1, Math.ceil(waitMs / 1000));
      throw new HttpError(
        429,
        "login_delayed",
        `Too many wrong passwords for this account. Try again in ${seconds} s, or reset the password.`,
        { headers: { "Retry-After": String(seconds) } },
      );
    }
    const user = await findUserByEmail(c.env, email);
    let ok = false;
    try {
      ok = await verifyPassword(password, user?.password_hash ?? DUMMY_HASH);
    } catch (err) {
      console.error(JSON.stringify({ level: "error", kind: "password_hash_refused", message: String(err) }));
    }
    if (!user || !ok) {
      await recordLoginFailure(c.env, email);
      await audit(c, { type: "login", outcome: "failure", userId: user?.id, detail: "bad_credentials" });
      throw invalidCredentials();
    }
    await clearLoginFailures(c.env, email);
    if (needsRehash(user.password_hash))
      await upgradePasswordHash(c.env, user.id, await hashPassword(password));
    if (user.totp_enabled === 1) {
      await audit(c, {
        type: "login",
        outcome: "success",
        userId: user.id,
        detail: "password_ok_2fa_pending",
      });
      return c.json(
        { challenge: await createChallenge(c.env, user.id), twoFactorRequired: true as const },
        200,
      );
    }
    const body = await signIn(c, user);
    await audit(c, { type: "login", outcome: "success", userId: user.id });
    sendAccountEmail(c, { to: user.email, template: "new-sign-in", data: signInData(c) });
    return c.json(body, 200);
  })
  .openapi(login2faRoute, async (c) => {
    const { challenge, code } = c.req.valid("json");
    const userId = await beginChallengeAttempt(c.env, challenge);
    if (!userId) throw invalidChallenge();
    const user = await findUserById(c.env, userId);
    if (user?.totp_enabled !== 1 || !user.totp_secret_enc) throw invalidChallenge();
    await checkSecondFactor(c, {
      userId,
      code,
      sealedSecret: user.totp_secret_enc,
      allowRecovery: true,
      failStatus: 401,
    });
    if (!(await consumeChallenge(c.env, challenge))) throw invalidChallenge();
    const body = await signIn(c, user);
    await audit(c, { type: "login_2fa", outcome: "success", userId });
    sendAccountEmail(c, { to: user.email, template: "new-sign-in", data: signInData(c) });
    return c.json(body, 200);
  })
  .openapi(refreshRoute, async (c) => {
    const token = readRefreshCookie(c);
    if (!token) throw unauthorized("No refresh cookie: sign in again.");
    const result = await rotateRefreshToken(c.env, token);
    if (!result.ok) {
      if (result.reason === "reuse") {
        await audit(c, { type: "refresh_reuse", outcome: "failure", userId: result.userId });
      }
      clearRefreshCookie(c);
      throw unauthorized("Your session ended. Sign in again.");
    }
    const user = await findUserById(c.env, result.userId);
    if (!user) throw unauthorized("Your session ended. Sign in again.");
    setRefreshCookie(c, result.refreshToken, result.maxAge);
    return c.json(await tokensFor(c, user, result.sessionId), 200);
  })
  .openapi(logoutRoute, async (c) => {
    const sessions = new Set<string>();
    const cookie = readRefreshCookie(c);
    const fromCookie = cookie ? await sessionOfRefreshToken(c.env, cookie) : null;
    if (fromCookie) sessions.add(fromCookie);
    const bearer = /^Bearer (\S+)$/.exec(c.req.header("Authorization") ?? "")?.[1];
    const claims = bearer ? await verifyAccessToken(c.env, bearer) : null;
    if (claims) sessions.add(claims.sid);
    for (const id of sessions) await revokeSession(c.env, id, "logout");
    if (sessions.size > 0) await audit(c, { type: "logout", outcome: "success", userId: claims?.sub });
    clearRefreshCookie(c);
    return c.body(null, 204);
  })
  .openapi(forgotRoute, async (c) => {
    // Nothing that depends on the email happens before the answer: the lookup, the token
    // and the email all run in waitUntil, with the same token work for unknown addresses.
    const { email } = c.req.valid("json");
    c.executionCtx.waitUntil(sendResetLink(c, email));
    return c.json({ ok: true as const, message: FORGOT_MESSAGE }, 202);
  })
  .openapi(resetRoute, async (c) => {
    const { token, password, code } = c.req.valid("json");
    const userId = await peekResetToken(c.env, token);
    if (!userId) throw invalidResetToken();
    const user = await findUserById(c.env, userId);
    if (!user) throw invalidResetToken();
    if (user.totp_enabled === 1 && user.totp_secret_enc) {
      if (!code) {
        throw new HttpError(
          400,
          "two_factor_required",
          "This account uses two-factor authentication: also send `code` (authenticator or recovery code).",
        );
      }
      await checkSecondFactor(c, {
        userId,
        code,
        sealedSecret: user.totp_secret_enc,
        allowRecovery: true,
        failStatus: 400,
      });
    }
    const problem = passwordProblem(password, user.email);
    if (problem)
      throw new HttpError(400, "weak_password", problem, {
        fields: [{ path: "password", message: problem }],
      });
    if ((await consumeResetToken(c.env, token)) !== userId) throw invalidResetToken();
    await setPassword(c.env, userId, await hashPassword(password));
    await clearLoginFailures(c.env, user.email);
    await revokeUserSessions(c.env, { userId, reason: "password_reset" });
    await audit(c, { type: "password_reset", outcome: "success", userId });
    return c.json({ ok: true as const, message: "Password changed. Sign in with the new password." }, 200);
  })
  .openapi(changeRoute, async (c) => {
    const { currentPassword, newPassword, code } = c.req.valid("json");
    const { userId } = c.get("auth");
    const user = await findUserById(c.env, userId);
    if (!user) throw unauthorized();
    await confirmCredentials(c, user, { password: currentPassword, code, action: "password_change" });
    const problem = passwordProblem(newPassword, user.email);
    if (problem) {
      throw new HttpError(400, "weak_password", problem, {
        fields: [{ path: "newPassword", message: problem }],
      });
    }
    const version = await setPassword(c.env, userId, await hashPassword(newPassword));
    await revokeUserSessions(c.env, { userId, reason: "password_change" });
    const body = await signIn(c, { ...user, token_version: version });
    await audit(c, { type: "password_change", outcome: "success", userId });
    return c.json(body, 200);
  });

/** The forgot-password work, done after the answer (the same steps for unknown emails). */
async function sendResetLink(c: Context<AppBindings>, email: string): Promise<void> {
  try {
    const user = await findUserByEmail(c.env, email);
    if (!user) {
      await createResetTokenLike();
      return;
    }
    const token = await createResetToken(c.env, user.id);
    const origin = c.env.APP_ORIGIN;
    if (!origin) throw new Error("APP_ORIGIN is not set: cannot build the reset link");
    const resetUrl = `${origin.replace(/\/+$/, "")}/reset-password?token=${encodeURIComponent(token)}`;
    sendAccountEmail(c, { to: user.email, template: "password-reset", data: { resetUrl } });
    await audit(c, { type: "password_reset_request", outcome: "success", userId: user.id });
  } catch (err) {
    console.error(
      JSON.stringify({ level: "error", kind: "password_reset_request_failed", message: String(err) }),
    );
  }
}
