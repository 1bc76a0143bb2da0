import { describe, expect, it } from "vitest";
import SMA_CROSS from "../../test/fixtures/backtest/sma-cross-user.js?raw";
import { runBacktest } from "../backtest/engine.ts";
import { randomWalkBars } from "./strategy-fixtures.ts";
import { compileUserStrategy, userStrategy } from "./user-strategy.ts";

describe("user strategies", () => {
  const bars = randomWalkBars(1500, 3);

  it("a user-written sma-cross matches the built-in one exactly", () => {
    const user = runBacktest({
      bars,
      strategy: userStrategy({ source: SMA_CROSS }),
      params: { fast: 8, slow: 21 },
    });
    const builtIn = runBacktest({ bars, strategy: "sma-cross", params: { fast: 8, slow: 21 } });
    expect(user.trades.length).toBeGreaterThan(20);
    expect(user.trades).toEqual(builtIn.trades);
    expect(user.stats).toEqual(builtIn.stats);
  });

  it("reports a runtime error with the user's line number and bar", () => {
    const source = SMA_CROSS.replace("ctx.sell();", "ctx.sel();");
    const line = source.split("\n").findIndex((l) => l.includes("ctx.sel()")) + 1;
    expect(() => runBacktest({ bars, strategy: userStrategy({ source }) })).toThrow(
      new RegExp(`^Line ${line}: ctx\\.sel is not a function \\(in next, bar \\d+\\)`),
    );
  });

  it("reports a syntax error with its line number", () => {
    const source = "export function init(ctx) {}\n\nexport function next(ctx, i) {\n  if (i > ) {}\n}\n";
    expect(() => compileUserStrategy(source)).toThrow(/^Line 4: Unexpected token/);
  });

  it("requires next()", () => {
    expect(() => compileUserStrategy("export function init(ctx) {}")).toThrow(
      /must define `export function next/,
    );
  });

  it("passes order errors through with the line", () => {
    const source = "export function next(ctx, i) {\n  if (i === 5) ctx.buy({ size: 1.5 });\n}\n";
    expect(() => runBacktest({ bars, strategy: userStrategy({ source }) })).toThrow(
      /^Line 2: Order size must be/,
    );
  });
});
