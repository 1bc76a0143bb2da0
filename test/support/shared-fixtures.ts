/**
 * The real EUR/USD fixtures live beside the repository in ../shared/fixtures/backtest (not
 * committed: third-party data). Tests that need them run when the folder is there; outside
 * CI they are skipped with a loud note; under CI (CI=true) a missing folder is a failure,
 * so a CI run never passes without the goldens it is meant to check.
 */
import { existsSync } from "node:fs";
import { join, resolve } from "node:path";

export type SharedFixtureMode = "run" | "skip" | "fail";

/** What to do with the shared-fixture tests: run them, skip them loudly, or fail (CI). */
export function sharedFixtureMode(present: boolean, ci: string | undefined): SharedFixtureMode {
  if (present) return "run";
  const inCi = ci !== undefined && ci !== "" && ci !== "0" && ci.toLowerCase() !== "false";
  return inCi ? "fail" : "skip";
}

export interface SharedFixtures {
  dir: string;
  mode: SharedFixtureMode;
  /** The loud note (skip) or the failure message (fail). */
  message: string;
}

/** ../shared/fixtures/backtest from the repo root (FOREX_AI_SHARED_FIXTURES overrides it). */
export function sharedFixtures(root: string, file = "EURUSD_H1.csv", env = process.env): SharedFixtures {
  const dir = env.FOREX_AI_SHARED_FIXTURES ?? resolve(root, "../shared/fixtures/backtest");
  const mode = sharedFixtureMode(existsSync(join(dir, file)), env.CI);
  const message =
    mode === "fail"
      ? `${join(dir, file)} is missing and CI is set: the EURUSD golden tests must run in CI. ` +
        "Provide the shared fixtures (or set FOREX_AI_SHARED_FIXTURES to their folder)."
      : `\n*** SKIPPED: ${join(dir, file)} is absent, so the EURUSD golden tests do NOT run. ***\n` +
        "*** They compare against backtesting.py on real data; CI fails without them.     ***\n";
  return { dir, mode, message };
}
