/**
 * Credential checks behind a session (password change, 2FA disable; checklist 34): the
 * account's two-factor lock first, then the password, then the second factor when 2FA is
 * on. Any wrong credential answers the same 403, so a stolen access token cannot tell
 * which part of a guess was right. Routes using this are rate limited per user (auth).
 */
import type { Context } from "hono";
import type { AppBindings } from "../env.ts";
import { HttpError } from "../errors.ts";
import { audit } from "./audit.ts";
import { verifyPassword } from "./password.ts";
import { assertNotLocked, checkSecondFactor } from "./second-factor.ts";
import type { UserRow } from "./users.ts";

export interface ReauthInput {
  password: string;
  code?: string;
  /** Audit event type of the action being confirmed. */
  action: "password_change" | "2fa_disabled";
}

/** The one answer for any wrong credential. */
export function wrongCredentials(twoFactor: boolean): HttpError {
  const message = twoFactor
    ? "The password or the authentication code is wrong."
    : "The current password is wrong.";
  return new HttpError(403, "invalid_credentials", message);
}

/** Throws unless the password (and, with 2FA on, the code) is right. */
export async function confirmCredentials(
  c: Context<AppBindings>,
  user: UserRow,
  input: ReauthInput,
): Promise<void> {
  const twoFactor = user.totp_enabled === 1 && user.totp_secret_enc !== null;
  if (twoFactor) {
    await assertNotLocked(c, user.id);
    if (!input.code) {
      throw new HttpError(
        400,
        "two_factor_required",
        "Two-factor authentication is on: also enter the 6-digit code from your authenticator app (or a recovery code).",
        {
          fields: [
            { path: "code", message: "Enter the code from your authenticator app or a recovery code." },
          ],
        },
      );
    }
  }
  if (!(await verifyPassword(input.password, user.password_hash))) {
    await audit(c, { type: input.action, outcome: "failure", userId: user.id, detail: "bad_password" });
    throw wrongCredentials(twoFactor);
  }
  if (!twoFactor || !user.totp_secret_enc || !input.code) return;
  try {
    await checkSecondFactor(c, {
      userId: user.id,
      code: input.code,
      sealedSecret: user.totp_secret_enc,
      allowRecovery: true,
      failStatus: 403,
    });
  } catch (err) {
    if (err instanceof HttpError && err.status === 403) throw wrongCredentials(true);
    throw err;
  }
}
