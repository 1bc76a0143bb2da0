/**
 * The Worker's password-strength checker: core/password/strength.ts with the zxcvbn-ts
 * common and English dictionaries, built on first use (not at isolate start-up).
 */
import * as common from "@zxcvbn-ts/language-common";
import * as en from "@zxcvbn-ts/language-en";
import { createStrengthChecker, type StrengthChecker } from "../../../core/password/strength.ts";

let checker: StrengthChecker | undefined;

export function passwordStrength(password: string, userInputs: string[] = []) {
  checker ??= createStrengthChecker({ common, en } as Parameters<typeof createStrengthChecker>[0]);
  return checker(password, userInputs);
}
