import { describe, expect, it } from "vitest";
import { runBacktest } from "../../../../core/backtest/engine.ts";
import type { Bars } from "../../../../core/backtest/types.ts";
import { getStrategy } from "../../../../core/strategy/registry.ts";
import { userStrategy } from "../../../../core/strategy/user-strategy.ts";
import { withSizing } from "./sized-strategy.ts";
import { type CodeError, EXAMPLE_STRATEGY, toCodeError, userParams } from "./user-strategy.ts";

/** A zig-zag series with regular SMA crosses. */
function bars(n = 600): Bars {
  const col = () => new Float64Array(n);
  const b: Bars = { time: col(), open: col(), high: col(), low: col(), close: col(), volume: col() };
  for (let i = 0; i < n; i++) {
    const c = 1.1 + 0.01 * Math.sin(i / 15) + 0.002 * Math.sin(i / 3);
    b.time[i] = Date.UTC(2024, 0, 1) + i * 3_600_000;
    b.open[i] = i === 0 ? c : b.close[i - 1];
    b.close[i] = c;
    b.high[i] = Math.max(b.open[i], c) + 0.0005;
    b.low[i] = Math.min(b.open[i], c) - 0.0005;
    b.volume[i] = 100;
  }
  return b;
}

function codeError(fn: () => unknown): CodeError {
  try {
    fn();
  } catch (e) {
    return toCodeError(e);
  }
  throw new Error("expected an error");
}

describe("user strategies in the app", () => {
  it("the starter strategy compiles, declares its params and trades", () => {
    const r = userParams(EXAMPLE_STRATEGY);
    expect("params" in r && r.params.map((p) => [p.name, p.default])).toEqual([
      ["fast", 12],
      ["slow", 26],
    ]);
    const run = runBacktest({ bars: bars(), strategy: userStrategy({ source: EXAMPLE_STRATEGY }) });
    expect(run.trades.length).toBeGreaterThan(2);
  });

  it("maps core's line-numbered errors to {code, message, line}", () => {
    const syntax = userParams(
      "export const params = { n: 3 };\nexport function next(ctx, i) {\n  const x = ;\n}\n",
    );
    expect("error" in syntax && syntax.error.line).toBe(3);
    const code = "export function next(ctx, i) {\n  if (i > 50) {\n    this.nope.call();\n  }\n}\n";
    const err = codeError(() => runBacktest({ bars: bars(), strategy: userStrategy({ source: code }) }));
    expect(err.line).toBe(3);
    expect(err.message).not.toMatch(/^Line/);
    expect(toCodeError(new Error("plain"))).toEqual({ code: "failed", message: "plain" });
  });

  it("sizes orders without a size from the account's sizing", () => {
    const b = bars();
    const r = runBacktest({
      bars: b,
      strategy: withSizing(getStrategy("sma-cross"), { mode: "lots", value: 0.1 }),
      params: { fast: 10, slow: 30 },
      settings: { margin: 1 / 30 },
    });
    expect(r.trades.length).toBeGreaterThan(0);
    for (const t of r.trades) expect(Math.abs(t.size)).toBe(10_000);
  });
});
