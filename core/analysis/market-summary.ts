/**
 * The plain-language summary of a market analysis. Every clause quotes the figures it
 * rests on (ADX, slope, ATR and its percentile, level prices and touches, session range).
 */

import type { MarketAnalysis } from "./analyze-market.ts";
import { SESSION_LABELS } from "./sessions.ts";

/** Formats a price with the instrument's digits. */
export function fmtPrice(price: number, digits: number): string {
  return Number.isFinite(price) ? price.toFixed(digits) : "n/a";
}

function fmt(n: number, decimals = 1): string {
  return Number.isFinite(n) ? n.toFixed(decimals) : "n/a";
}

function regimeClause(a: MarketAnalysis): string {
  const f = a.figures;
  const why = `ADX ${fmt(f.adx)}, SMA(50) slope ${f.slopeAtr >= 0 ? "+" : ""}${fmt(f.slopeAtr, 2)} ATR over 10 bars`;
  if (a.regime === "breakout") {
    const side = a.direction === "up" ? "above" : "below";
    const edge = a.direction === "up" ? f.box.high : f.box.low;
    const ago = f.barsSinceBreakout === 0 ? "on the last bar" : `${f.barsSinceBreakout} bar(s) ago`;
    return (
      `Breakout ${a.direction}: the close went ${side} ${fmtPrice(edge, a.digits)} ${ago}, after a 20-bar box ` +
      `${fmt(f.box.compression * 100, 0)}% of its usual height (${why}).`
    );
  }
  if (a.regime === "trend") return `Trend ${a.direction} (${why}).`;
  const drift = a.direction === "flat" ? "no clear direction" : `drifting ${a.direction}`;
  return `Range, ${drift} (${why}; a trend needs ADX >= 25).`;
}

function volatilityClause(a: MarketAnalysis): string {
  const v = a.volatility;
  const word = v.percentile >= 80 ? "high" : v.percentile <= 20 ? "low" : "normal";
  return (
    `Volatility ${word}: ATR(14) ${fmtPrice(v.atr, a.digits)} is at the ${fmt(v.percentile, 0)}th percentile ` +
    `of the last year (${v.sample} bars).`
  );
}

function levelsClause(a: MarketAnalysis): string {
  const pick = (kind: "support" | "resistance") => a.levels.find((l) => l.kind === kind);
  const parts: string[] = [];
  const s = pick("support");
  const r = pick("resistance");
  if (s)
    parts.push(`support ${fmtPrice(s.price, a.digits)} (${s.touches} touch${s.touches === 1 ? "" : "es"})`);
  if (r)
    parts.push(
      `resistance ${fmtPrice(r.price, a.digits)} (${r.touches} touch${r.touches === 1 ? "" : "es"})`,
    );
  return parts.length ? `Nearest ${parts.join(", ")}; last close ${fmtPrice(a.close, a.digits)}.` : "";
}

function sessionClause(a: MarketAnalysis): string {
  const s = a.session;
  const label = SESSION_LABELS[s.name];
  if (s.typicalRange === undefined) return `Last bar in the ${label} session.`;
  const pips = s.typicalRangePips === undefined ? "" : ` (${fmt(s.typicalRangePips)} pips)`;
  return `Last bar in the ${label} session; its median range over the last ${s.days} sessions is ${fmtPrice(s.typicalRange, a.digits)}${pips}.`;
}

/** "EURUSD H1: Trend up (ADX 31.2, ...). Volatility ..." */
export function summarize(a: MarketAnalysis): string {
  const head = [a.symbol, a.timeframe].filter(Boolean).join(" ");
  const body = [regimeClause(a), volatilityClause(a), levelsClause(a), sessionClause(a)].filter(Boolean);
  return `${head ? `${head}: ` : ""}${body.join(" ")}`;
}
