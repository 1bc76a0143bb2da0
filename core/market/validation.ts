/**
 * Row checks for imported bars and the problem list they produce. Each problem carries the
 * 1-based line number in the file, the offending text and a message that says what to fix.
 * The list is capped (the count keeps going) so a badly broken file cannot exhaust memory.
 */
import { formatDateTime } from "./civil-time.ts";

export type ProblemCode =
  | "bad-field-count"
  | "bad-time"
  | "bad-number"
  | "non-positive-price"
  | "high-too-low"
  | "low-too-high"
  | "negative-volume"
  | "bad-spread"
  | "duplicate-time"
  | "time-not-increasing";

export interface DataProblem {
  /** 1-based line number in the file (the header is line 1 when there is one) */
  line: number;
  code: ProblemCode;
  /** what is wrong and how to fix it */
  message: string;
  /** the line as written (cut at MAX_TEXT characters) */
  text: string;
}

/** How bad rows are handled: drop them and go on, or stop at the first one. */
export type ValidationMode = "skip" | "abort";

export const DEFAULT_MAX_PROBLEMS = 1000;
const MAX_TEXT = 200;

/** Collects problems up to a cap while counting all of them. */
export class ProblemLog {
  readonly problems: DataProblem[] = [];
  count = 0;

  constructor(private readonly max = DEFAULT_MAX_PROBLEMS) {}

  add(line: number, code: ProblemCode, message: string, text: string): void {
    this.count++;
    if (this.problems.length < this.max) {
      this.problems.push({
        line,
        code,
        message,
        text: text.length > MAX_TEXT ? `${text.slice(0, MAX_TEXT)}…` : text,
      });
    }
  }
}

const PRICE_NAMES = ["open", "high", "low", "close"] as const;

/**
 * Checks one bar's prices and volume. Returns undefined when fine, else [code, message].
 * Rules: prices positive and finite, high >= max(open, close), low <= min(open, close),
 * high >= low (implied), volume >= 0.
 */
export function checkPrices(
  open: number,
  high: number,
  low: number,
  close: number,
  volume: number,
): [ProblemCode, string] | undefined {
  const prices = [open, high, low, close];
  for (let k = 0; k < 4; k++) {
    const p = prices[k];
    if (Number.isNaN(p)) return ["bad-number", `The ${PRICE_NAMES[k]} price is missing or not a number.`];
    if (!(p > 0) || !Number.isFinite(p)) {
      return ["non-positive-price", `The ${PRICE_NAMES[k]} price must be a positive number, found ${p}.`];
    }
  }
  if (Number.isNaN(volume))
    return ["bad-number", "The volume is not a number; leave it empty or write a number."];
  if (volume < 0) return ["negative-volume", `The volume must be zero or more, found ${volume}.`];
  if (high < open || high < close) {
    return [
      "high-too-low",
      `The high ${high} is below the ${high < open ? `open ${open}` : `close ${close}`}; the high must be the ` +
        "bar's highest price: correct the high (or the open/close) or remove the row.",
    ];
  }
  if (low > open || low > close) {
    return [
      "low-too-high",
      `The low ${low} is above the ${low > open ? `open ${open}` : `close ${close}`}; the low must be the ` +
        "bar's lowest price: correct the low (or the open/close) or remove the row.",
    ];
  }
  return undefined;
}

/**
 * Checks the data's own spread cell (points): undefined when fine, else [code, message].
 * An empty cell is fine (the bar's spread is unknown); anything else must be a finite
 * number >= 0.
 */
export function checkSpread(spread: number, cell: string): [ProblemCode, string] | undefined {
  if (spread >= 0 && spread < Number.POSITIVE_INFINITY) return undefined;
  const shown = cell.trim();
  return [
    "bad-spread",
    `The spread must be a number of points, zero or more (12 means 1.2 pips on EURUSD), found "${shown}"; ` +
      "correct it or leave the cell empty.",
  ];
}

/** Message for a time at or before the previous accepted bar (wall-clock times as in the file). */
export function timeOrderProblem(
  localMs: number,
  previousLocalMs: number,
  previousLine: number,
): [ProblemCode, string] {
  if (localMs === previousLocalMs) {
    return [
      "duplicate-time",
      `Duplicate bar: ${formatDateTime(localMs)} already appears on line ${previousLine}; remove one of the two rows.`,
    ];
  }
  return [
    "time-not-increasing",
    `The time ${formatDateTime(localMs)} is not after the previous bar (${formatDateTime(previousLocalMs)}, line ` +
      `${previousLine}); rows must be sorted oldest first: sort the file by time.`,
  ];
}
