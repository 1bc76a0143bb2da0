/**
 * Look-ahead in user strategies: the guard in next() (series end at the current bar) and
 * the cut-and-rerun check. References are constructed cases whose answer is known by
 * reasoning: a strategy reading close[i + 1], one whose init builds a series from the next
 * bar's close, a centred moving average, and causal strategies (sma-cross, helpers) that
 * must not be flagged.
 */
import { describe, expect, it } from "vitest";
import SMA_CROSS from "../../test/fixtures/backtest/sma-cross-user.js?raw";
import { runBacktest } from "../backtest/engine.ts";
import { DomainError } from "../errors.ts";
import { checkLookahead } from "./lookahead-check.ts";
import { randomWalkBars } from "./strategy-fixtures.ts";
import { userStrategy } from "./user-strategy.ts";

const bars = randomWalkBars(1200, 7);

const PEEK_NEXT = `export function init(ctx) {}
export function next(ctx, i) {
  if (ctx.close[i + 1] > ctx.close[i]) ctx.buy();
  else ctx.closePosition();
}
`;

const PEEK_INIT = `export function init(ctx) {
  this.up = Float64Array.from(ctx.close, (c, k) => ((ctx.close[k + 1] ?? c) > c ? 1 : 0));
}
export function next(ctx, i) {
  if (this.up[i] === 1 && ctx.position <= 0) ctx.buy();
  else if (this.up[i] === 0 && ctx.position > 0) ctx.closePosition();
}
`;

const CENTRED = `export function init(ctx) {
  const c = ctx.close;
  this.centred = Float64Array.from(c, (_, k) => (k < 2 || k + 2 >= c.length ? NaN : (c[k - 2] + c[k - 1] + c[k] + c[k + 1] + c[k + 2]) / 5));
  this.fast = ctx.sma(ctx.close, 3);
}
export function next(ctx, i) {
  if (this.fast[i] > this.centred[i] && ctx.position <= 0) ctx.buy();
}
`;

const HELPERS = `export function init(ctx) {
  this.rsi = ctx.rsi(ctx.close, 14);
  this.bb = ctx.bollinger(ctx.close, 20, 2);
  this.m = ctx.macd(ctx.close, 12, 26, 9);
  this.dc = ctx.donchian(20);
}
export function next(ctx, i) {
  const sma = ctx.sma(ctx.close, 5);
  if (this.rsi[i] < 30 && ctx.close[i] < this.bb.lower[i] && ctx.position <= 0) ctx.buy();
  else if (this.m.macd[i] < this.m.signal[i] && sma[sma.length - 1] < this.dc.upper[i] && ctx.position > 0) ctx.closePosition();
}
`;

describe("next(ctx, i): series end at the current bar", () => {
  it("reading ctx.close[i + 1] is an error naming the line and the bar", () => {
    let error: unknown;
    try {
      runBacktest({ bars, strategy: userStrategy({ source: PEEK_NEXT }) });
    } catch (e) {
      error = e;
    }
    expect(error).toBeInstanceOf(DomainError);
    expect((error as DomainError).code).toBe("look-ahead");
    expect((error as Error).message).toMatch(
      /^Line 3: Look-ahead: ctx\.close\[2\] is read at bar 1, but in next\(ctx, i\) series end at the current bar/,
    );
  });

  it("reading a helper's series past i is an error too; length and slice end at i", () => {
    const lengths = `export function init(ctx) { this.s = ctx.sma(ctx.close, 3); this.seen = []; }
export function next(ctx, i) {
  if (ctx.close.length !== i + 1 || ctx.close.slice(-1)[0] !== ctx.close[i]) throw new Error("bad view at " + i);
  if (i === 50) this.s[i + 1];
}
`;
    expect(() => runBacktest({ bars, strategy: userStrategy({ source: lengths }) })).toThrow(
      /^Line 4: Look-ahead: sma\(3\)\[51\] is read at bar 50/,
    );
  });

  it("prices are read-only", () => {
    const write = "export function init(ctx) { ctx.close[0] = 2; }\nexport function next() {}\n";
    expect(() => runBacktest({ bars, strategy: userStrategy({ source: write }) })).toThrow(
      /^Line 1: ctx\.close is read-only/,
    );
    expect(bars.close[0]).not.toBe(2);
  });
});

describe("checkLookahead", () => {
  it("flags a read past the current bar in next, with its line", () => {
    const report = checkLookahead({ bars, source: PEEK_NEXT });
    expect(report.flagged).toBe(true);
    expect(report.findings[0]).toMatchObject({ kind: "read-ahead" });
    expect(report.summary).toMatch(/^Look-ahead: Line 3: Look-ahead: ctx\.close\[2\]/);
  });

  it("flags an init series built from the next bar's close, and the signals it drives", () => {
    const report = checkLookahead({ bars, source: PEEK_INIT });
    expect(report.flagged).toBe(true);
    const kinds = report.findings.map((f) => `${f.kind}:${f.what}`);
    expect(kinds).toContain("indicator:this.up");
    expect(kinds.some((k) => k.startsWith("signal:"))).toBe(true);
    // The value that changes is the one at the cut bar itself: it needs bar k + 1.
    const up = report.findings.find((f) => f.what === "this.up");
    expect(up?.bar).toBe(up?.cutAfter);
    expect(report.summary).toMatch(/^Look-ahead: .*this\.up/);
  });

  it("flags a centred moving average (uses two later bars) at the bar two before the cut", () => {
    const report = checkLookahead({ bars, source: CENTRED });
    const f = report.findings.find((x) => x.what === "this.centred");
    expect(f).toBeDefined();
    // centred[k-1] averages bars k-3..k+1: with the data cut after k it has no value, so
    // the first value that changes is at k - 1 (centred[k-2] only needs bars up to k).
    expect(f?.bar).toBe((f?.cutAfter ?? 0) - 1);
    expect(report.findings.some((x) => x.what === "this.fast")).toBe(false);
  });

  it("does not flag causal strategies: sma-cross and every indicator helper", () => {
    for (const [source, params] of [
      [SMA_CROSS, { fast: 8, slow: 21 }],
      [HELPERS, {}],
    ] as const) {
      const report = checkLookahead({ bars, source, params });
      expect(report.findings).toEqual([]);
      expect(report.flagged).toBe(false);
      expect(report.cuts.length).toBeGreaterThan(3); // cuts at signal bars too: the strategy trades
    }
  });
});
