/**
 * Signing a user in: a new session (refresh family) with its cookie, an access token, and
 * the tokens body `{accessToken, expiresIn, user}` the API returns.
 */
import type { Context } from "hono";
import type { AppBindings } from "../env.ts";
import { setRefreshCookie } from "./cookies.ts";
import { createSession } from "./session.ts";
import { signAccessToken } from "./tokens.ts";
import { type PublicUser, toPublicUser, type UserRow } from "./users.ts";

export interface TokensBody {
  accessToken: string;
  expiresIn: number;
  user: PublicUser;
}

/** Access token + body for an existing session (after refresh). */
export async function tokensFor(
  c: Context<AppBindings>,
  user: UserRow,
  sessionId: string,
): Promise<TokensBody> {
  const { token, expiresIn } = await signAccessToken(c.env, {
    userId: user.id,
    sessionId,
    tokenVersion: user.token_version,
  });
  return { accessToken: token, expiresIn, user: toPublicUser(user) };
}

/** Starts a session for the user, sets the refresh cookie and returns the tokens body. */
export async function signIn(c: Context<AppBindings>, user: UserRow): Promise<TokensBody> {
  const issued = await createSession(c.env, { userId: user.id, userAgent: c.req.header("User-Agent") });
  setRefreshCookie(c, issued.refreshToken, issued.maxAge);
  return tokensFor(c, user, issued.sessionId);
}
