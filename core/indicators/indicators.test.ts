import { describe, expect, it } from "vitest";
import {
  bollinger,
  donchian,
  Ema,
  ema,
  macd,
  RollingExtreme,
  RollingStd,
  Rsi,
  rsi,
  Sma,
  series,
  sma,
} from "./index.ts";

const xs = Float64Array.from(
  { length: 300 },
  (_, i) => 1.1 + 0.01 * Math.sin(i / 5) + 0.003 * Math.cos(i * 1.7),
);
const naive = (f: (w: number[]) => number, n: number) =>
  Array.from(xs, (_, i) => (i + 1 < n ? Number.NaN : f(Array.from(xs.subarray(i + 1 - n, i + 1)))));
const mean = (w: number[]) => w.reduce((a, b) => a + b, 0) / w.length;

function close(a: ArrayLike<number>, b: ArrayLike<number>, tol = 1e-12) {
  expect(a.length).toBe(b.length);
  for (let i = 0; i < a.length; i++) {
    if (Number.isNaN(b[i])) expect(a[i], `at ${i}`).toBeNaN();
    else expect(Math.abs(a[i] - b[i]), `at ${i}: ${a[i]} vs ${b[i]}`).toBeLessThanOrEqual(tol);
  }
}

describe("moving averages", () => {
  it("SMA equals the window mean; the incremental state and the array version agree bit for bit", () => {
    close(sma(xs, 10), naive(mean, 10));
    expect(Array.from(series(xs, new Sma(10)))).toEqual(Array.from(sma(xs, 10)));
  });

  it("SMA of a constant window is exactly the constant", () => {
    const flat = new Float64Array(50).fill(1.23457);
    expect(sma(flat, 7)[49]).toBe(1.23457);
  });

  it("EMA is seeded with the SMA, then alpha = 2/(n+1)", () => {
    const e = ema(xs, 10);
    expect(e[8]).toBeNaN();
    expect(e[9]).toBeCloseTo(mean(Array.from(xs.subarray(0, 10))), 14);
    expect(e[10]).toBeCloseTo(e[9] + (2 / 11) * (xs[10] - e[9]), 14);
    expect(Array.from(series(xs, new Ema(10)))).toEqual(Array.from(e));
  });
});

describe("oscillators and bands", () => {
  it("RSI with Wilder smoothing", () => {
    const r = rsi(xs, 14);
    expect(r[13]).toBeNaN();
    let gain = 0;
    let loss = 0;
    for (let i = 1; i <= 14; i++) {
      const d = xs[i] - xs[i - 1];
      gain += Math.max(d, 0);
      loss += Math.max(-d, 0);
    }
    expect(r[14]).toBeCloseTo(100 - 100 / (1 + gain / loss), 10);
    const g2 = (gain / 14) * 13 + Math.max(xs[15] - xs[14], 0);
    const l2 = (loss / 14) * 13 + Math.max(xs[14] - xs[15], 0);
    expect(r[15]).toBeCloseTo(100 - 100 / (1 + g2 / l2), 10);
    const up = new Rsi(3);
    expect([1, 2, 3, 4, 5].map((x) => up.push(x)).slice(3)).toEqual([100, 100]);
  });

  it("Bollinger bands use the population standard deviation", () => {
    const sd = (w: number[]) => Math.sqrt(mean(w.map((x) => (x - mean(w)) ** 2)));
    close(series(xs, new RollingStd(20)), naive(sd, 20), 1e-10);
    const b = bollinger(xs, 20, 2);
    close(
      b.upper,
      naive((w) => mean(w) + 2 * sd(w), 20),
      1e-10,
    );
  });

  it("Donchian channel is the rolling max/min", () => {
    close(
      series(xs, new RollingExtreme(15, true)),
      naive((w) => Math.max(...w), 15),
      0,
    );
    const d = donchian(xs, xs, 15);
    close(
      d.lower,
      naive((w) => Math.min(...w), 15),
      0,
    );
  });

  it("MACD is EMA(fast) - EMA(slow) with an EMA signal", () => {
    const m = macd(xs, 12, 26, 9);
    const diff = Array.from(ema(xs, 12), (v, i) => v - ema(xs, 26)[i]);
    close(m.macd, diff, 0);
    expect(m.signal[25 + 7]).toBeNaN();
    expect(m.signal[25 + 8]).toBeCloseTo(mean(diff.slice(25, 34)), 14);
  });
});
