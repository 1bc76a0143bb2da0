/**
 * Checks a second factor (a TOTP code, or a recovery code where allowed) for a user with
 * 2FA: account lock first, then the code; a valid TOTP step is consumed atomically (replay
 * -> refused and logged as totp_reuse), failures are counted per account. Throws HttpError.
 */
import type { Context } from "hono";
import type { ContentfulStatusCode } from "hono/utils/http-status";
import type { AppBindings } from "../env.ts";
import { HttpError } from "../errors.ts";
import { audit } from "./audit.ts";
import { decryptSecret } from "./encryption.ts";
import { consumeRecoveryCode } from "./recovery-codes.ts";
import {
  consumeTotpStep,
  looksLikeTotp,
  matchTotpStep,
  recordTotpFailure,
  resetTotpFailures,
  totpLockRemaining,
} from "./totp.ts";

export interface SecondFactorOptions {
  userId: string;
  code: string;
  /** The sealed secret to check against (the enabled one, or the pending one during setup). */
  sealedSecret: string;
  allowRecovery: boolean;
  /** Status for a wrong code: 401 on login steps, 403 on authenticated endpoints. */
  failStatus: ContentfulStatusCode;
}

export async function assertNotLocked(c: Context<AppBindings>, userId: string): Promise<void> {
  const lockedMs = await totpLockRemaining(c.env, userId);
  if (lockedMs <= 0) return;
  await audit(c, { type: "totp_locked", outcome: "failure", userId });
  const minutes = Math.ceil(lockedMs / 60_000);
  throw new HttpError(
    429,
    "too_many_attempts",
    `Too many wrong codes. Two-factor checks are locked for ${minutes} more minute(s).`,
    { headers: { "Retry-After": String(Math.max(1, Math.ceil(lockedMs / 1000))) } },
  );
}

/** Returns which factor matched; throws on lock, replay or a wrong code. */
export async function checkSecondFactor(
  c: Context<AppBindings>,
  o: SecondFactorOptions,
): Promise<"totp" | "recovery"> {
  await assertNotLocked(c, o.userId);
  const code = o.code.trim();
  if (looksLikeTotp(code)) {
    const secret = await decryptSecret(c.env, o.sealedSecret, o.userId);
    const step = await matchTotpStep(secret, code);
    if (step !== null) {
      if (await consumeTotpStep(c.env, o.userId, step)) {
        await resetTotpFailures(c.env, o.userId);
        return "totp";
      }
      await recordTotpFailure(c.env, o.userId);
      await audit(c, { type: "totp_reuse", outcome: "failure", userId: o.userId });
      throw new HttpError(
        o.failStatus,
        "code_already_used",
        "This code was already used. Wait for the next code.",
      );
    }
  } else if (o.allowRecovery && (await consumeRecoveryCode(c.env, o.userId, code))) {
    await resetTotpFailures(c.env, o.userId);
    await audit(c, { type: "recovery_code_used", outcome: "success", userId: o.userId });
    return "recovery";
  }
  await recordTotpFailure(c.env, o.userId);
  await audit(c, { type: "totp_failure", outcome: "failure", userId: o.userId });
  const hint = o.allowRecovery ? " or one of your recovery codes" : "";
  throw new HttpError(
    o.failStatus,
    "invalid_code",
    `That code is wrong or expired. Enter the current 6-digit code from your authenticator app${hint}.`,
  );
}
