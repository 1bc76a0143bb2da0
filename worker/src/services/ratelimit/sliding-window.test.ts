// The sliding-window counter: counts, rolling, and the exact retry time.
import { describe, expect, it } from "vitest";
import type { WindowRule } from "./port.ts";
import type { LogState } from "./sliding-log.ts";
import { consume, ruleId, type WindowState } from "./sliding-window.ts";

const minute: WindowRule = { limit: 5, windowMs: 60_000, label: "minute" };
const hour: WindowRule = { limit: 7, windowMs: 3_600_000, label: "hour" };

function run(rules: WindowRule[], times: number[], initial: Record<string, WindowState | LogState> = {}) {
  let stored: Record<string, WindowState | LogState> = initial;
  return times.map((t) => {
    const { decision, states } = consume(stored, rules, t);
    stored = states;
    return decision;
  });
}

describe("consume", () => {
  it("allows `limit` requests in a window and refuses the next one", () => {
    const base = 10 * 60_000; // start of a minute window
    const decisions = run(
      [minute],
      [0, 1, 2, 3, 4, 5].map((i) => base + i * 1000),
    );
    expect(decisions.slice(0, 5).every((d) => d.success)).toBe(true);
    const last = decisions[5];
    expect(last.success).toBe(false);
    // Full window: wait until the next window starts (+1 ms so the weighted count drops).
    if (!last.success) expect(last.retryAfterMs).toBe(60_000 - 5000 + 1);
  });

  it("lets a request through exactly when the retry time says so", () => {
    const base = 10 * 60_000;
    const rules = [minute];
    let stored: Record<string, WindowState | LogState> = {};
    for (let i = 0; i < 5; i++) stored = consume(stored, rules, base + 50_000 + i).states;
    // Next window: the previous 5 still weigh in (4 after 100 ms), so one more passes
    // and the one after is refused until the old window's weight fades further.
    stored = consume(stored, rules, base + 60_000 + 100).states;
    const t = base + 60_000 + 200;
    const refused = consume(stored, rules, t);
    expect(refused.decision.success).toBe(false);
    if (refused.decision.success) return;
    const at = t + refused.decision.retryAfterMs;
    expect(at).toBe(base + 60_000 + 12_001);
    expect(consume(refused.states, rules, at - 1).decision.success).toBe(false);
    expect(consume(refused.states, rules, at).decision.success).toBe(true);
  });

  it("counts a request in no window when any window refuses it", () => {
    const base = 3_600_000 * 3;
    const rules = [minute, hour];
    const times = [0, 1, 2, 3, 4].map((i) => base + i).concat([5, 6, 7].map((i) => base + 120_000 + i));
    const decisions = run(rules, times);
    expect(decisions.map((d) => d.success)).toEqual([true, true, true, true, true, true, true, false]);
    const denied = decisions[7];
    if (!denied.success) expect(denied.rule.label).toBe("hour");
  });

  it("forgets counts older than two windows", () => {
    const state: WindowState = { start: 0, current: 5, previous: 5 };
    const { decision, states } = consume({ [ruleId(minute)]: state }, [minute], 5 * 60_000);
    expect(decision.success).toBe(true);
    expect(states[ruleId(minute)]).toEqual({ start: 5 * 60_000, current: 1, previous: 0 });
  });
});
