/**
 * Which bars the chart gets: never more than MAX_CHART_BARS at the display timeframe. A
 * data set that fits is loaded whole; a bigger one (years of M1) is loaded as a window around
 * the visible range and reloaded when the user scrolls near its edge. In auto mode the
 * timeframe follows the zoom: many bars on screen -> the next higher one, few -> lower.
 */
import { TIMEFRAME_MS, TIMEFRAMES, type Timeframe } from "../../../../core/market/timeframes.ts";

/** The most bars ever handed to the chart at once. */
export const MAX_CHART_BARS = 20_000;
/** Fewer visible bars than this in auto mode -> show the next lower timeframe. */
export const AUTO_MIN_VISIBLE = 60;
/** Bars per pixel of chart width above which auto mode moves one timeframe up. */
export const AUTO_MAX_BARS_PER_PX = 1.2;

export interface TimeRange {
  from: number;
  to: number;
}

/** Timeframes a data set stored at `stored` can be shown at (itself and higher). */
export function displayTimeframes(stored: Timeframe): Timeframe[] {
  return TIMEFRAMES.filter((tf) => TIMEFRAME_MS[tf] >= TIMEFRAME_MS[stored]);
}

/** Upper estimate of the bars in a span at a timeframe (calendar time, gaps not subtracted). */
export function estimateBars(spanMs: number, tf: Timeframe): number {
  return Math.ceil(spanMs / TIMEFRAME_MS[tf]) + 1;
}

/** The lowest timeframe (>= stored) at which a span fits in maxBars. */
export function fittingTimeframe(stored: Timeframe, spanMs: number, maxBars = MAX_CHART_BARS): Timeframe {
  const options = displayTimeframes(stored);
  return options.find((tf) => estimateBars(spanMs, tf) <= maxBars) ?? options[options.length - 1];
}

/** True when the whole data set fits in the chart at tf. */
export function fitsWhole(dataset: TimeRange, tf: Timeframe, maxBars = MAX_CHART_BARS): boolean {
  return estimateBars(dataset.to - dataset.from, tf) <= maxBars;
}

/**
 * The time window to load at tf so that `visible` sits in its middle: the whole data set if
 * it fits, else maxBars worth of time centred on the visible range and clamped to the data.
 */
export function planWindow(
  dataset: TimeRange,
  visible: TimeRange | undefined,
  tf: Timeframe,
  maxBars = MAX_CHART_BARS,
): TimeRange {
  if (fitsWhole(dataset, tf, maxBars)) return { from: dataset.from, to: dataset.to + 1 };
  const span = (maxBars - 1) * TIMEFRAME_MS[tf];
  const centre = visible ? (visible.from + visible.to) / 2 : dataset.to;
  let from = centre - span / 2;
  let to = centre + span / 2;
  if (from < dataset.from) {
    to += dataset.from - from;
    from = dataset.from;
  }
  if (to > dataset.to + 1) {
    from -= to - dataset.to - 1;
    to = dataset.to + 1;
  }
  return { from: Math.max(from, dataset.from), to };
}

/**
 * Whether a loaded window must be replaced because the visible range reaches an edge
 * beyond which the data set has more bars. `edge` is how close (in ms) counts as reaching.
 */
export function needsNewWindow(
  dataset: TimeRange,
  loaded: TimeRange,
  visible: TimeRange,
  edge: number,
): boolean {
  const moreBefore = loaded.from > dataset.from && visible.from - edge < loaded.from;
  const moreAfter = loaded.to <= dataset.to && visible.to + edge >= loaded.to;
  return moreBefore || moreAfter;
}

/** Auto timeframe for a zoom level: one step up when crowded, one step down when sparse. */
export function autoTimeframe(
  stored: Timeframe,
  current: Timeframe,
  visibleBars: number,
  widthPx: number,
): Timeframe {
  const options = displayTimeframes(stored);
  const i = options.indexOf(current);
  if (i < 0) return options[0];
  if (visibleBars > widthPx * AUTO_MAX_BARS_PER_PX && i < options.length - 1) return options[i + 1];
  if (visibleBars < AUTO_MIN_VISIBLE && i > 0) return options[i - 1];
  return current;
}
