/**
 * Password policy (ASVS 6.2): 8 to 128 characters (counted in Unicode code points), no
 * composition rules, no truncation (the whole string is hashed), not on the shipped
 * common breached-password list, and strong enough for zxcvbn-ts (score >= 3 with the
 * common and English dictionaries and the account's email as context; checklist 37).
 * Returns a message telling the user what to change.
 */
import { isCommonPassword } from "../common-passwords.ts";
import { passwordStrength } from "./password-strength.ts";

export const MIN_PASSWORD_LENGTH = 8;
export const MAX_PASSWORD_LENGTH = 128;

/** null when acceptable, else the reason in words the user can act on. */
export function passwordProblem(password: string, email?: string): string | null {
  const length = [...password.normalize("NFC")].length;
  if (length < MIN_PASSWORD_LENGTH) return `Use at least ${MIN_PASSWORD_LENGTH} characters.`;
  if (length > MAX_PASSWORD_LENGTH) return `Use at most ${MAX_PASSWORD_LENGTH} characters.`;
  if (isCommonPassword(password)) {
    return "This password is among the most common leaked passwords; choose another (a passphrase works well).";
  }
  if (email && password.toLowerCase() === email.toLowerCase())
    return "Do not use your email address as password.";
  return passwordStrength(password, email ? [email] : []).problem;
}
