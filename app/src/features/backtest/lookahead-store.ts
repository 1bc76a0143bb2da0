/**
 * Look-ahead reports of user strategies, by their code: written by the editor's "Check
 * look-ahead" button and by every optimisation or walk-forward of a user strategy (which
 * runs the check first), read by the result pages to show the warning.
 */
import { createSignal } from "solid-js";
import type { LookaheadReport } from "../../../../core/strategy/lookahead-check.ts";

const [reports, setReports] = createSignal<ReadonlyMap<string, LookaheadReport>>(new Map());

/** Remembers the check of this code (replacing an older one). */
export function rememberLookahead(code: string, report: LookaheadReport): void {
  setReports((old) => new Map(old).set(code, report));
}

/** The last check of this code, if any (reactive). */
export function lookaheadOf(code: string | undefined): LookaheadReport | undefined {
  return code === undefined ? undefined : reports().get(code);
}
