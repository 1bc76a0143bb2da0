/**
 * Password strength with zxcvbn-ts (a maintained estimator with common-password, English
 * word, name and keyboard-pattern dictionaries; checklist 37). One module for the Worker,
 * which refuses weak passwords, and the app, which scores them live while the trader types
 * (and loads the dictionaries only then). Pure: the dictionaries are passed in.
 */
import { type OptionsType, ZxcvbnFactory } from "@zxcvbn-ts/core";

/** zxcvbn's 0..4; 3 = "safely unguessable" (about 10^10 guesses), the least we accept. */
export const MIN_PASSWORD_SCORE = 3;

export interface StrengthDictionaries {
  common: { dictionary: Record<string, (string | number)[]>; adjacencyGraphs: OptionsType["graphs"] };
  en: { dictionary: Record<string, (string | number)[]>; translations: OptionsType["translations"] };
}

export interface Strength {
  /** 0 (guessed at once) .. 4 (very hard to guess). */
  score: 0 | 1 | 2 | 3 | 4;
  ok: boolean;
  /** What to change, in plain words; null when ok. */
  problem: string | null;
}

/** Characters scored; the rest is still hashed and must still match at sign-in. */
export const MAX_SCORED_LENGTH = 48;

export const STRENGTH_LABELS = ["very weak", "weak", "fair", "strong", "very strong"] as const;

export type StrengthChecker = (password: string, userInputs?: string[]) => Strength;

export function createStrengthChecker(d: StrengthDictionaries): StrengthChecker {
  const zxcvbn = new ZxcvbnFactory({
    dictionary: { ...d.common.dictionary, ...d.en.dictionary },
    graphs: d.common.adjacencyGraphs,
    translations: d.en.translations,
    // Matching grows steeply with length (seconds for 128 characters): score the first 48,
    // which decide the strength of any real password, and keep the check cheap.
    maxLength: MAX_SCORED_LENGTH,
  });
  return (password, userInputs = []) => {
    const inputs = userInputs.flatMap((s) => [s, ...s.split(/[@.\s_-]+/)]).filter((s) => s.length >= 3);
    const result = zxcvbn.check(password, inputs);
    const score = result.score as Strength["score"];
    if (score >= MIN_PASSWORD_SCORE) return { score, ok: true, problem: null };
    const warning = result.feedback.warning?.trim();
    const tip =
      result.feedback.suggestions[0]?.trim() ?? "Add another word or two; uncommon words are better.";
    const why = warning ? `${warning.replace(/\.?$/, ".")} ` : "";
    return { score, ok: false, problem: `This password is too easy to guess. ${why}${tip}`.trim() };
  };
}
