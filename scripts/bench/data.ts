/**
 * Market data benchmarks (npm run bench:data). Prints figures, asserts nothing.
 *
 * Node section (this file): a generated 1,000,000-bar M1 CSV (~55 MB) parsed chunk by chunk
 * by core's streaming parser vs papaparse on the whole string; resampling 1M M1 bars to H1
 * on typed arrays vs a naive object-rows + Date approach. Each "naive / ours" ratio says
 * how many times slower the naive way is.
 *
 * The browser section (import into IndexedDB, read back a year of M1) is appended as
 * another entry of `sections` at the bottom; it returns BenchRow[] like nodeSection.
 */
import Papa from "papaparse";
import {
  type Bars,
  createBars,
  createParser,
  csvChunks,
  generateSampleBars,
  resample,
  TIMEFRAME_MS,
} from "../../core/market/index.ts";
import { browserSection } from "./data-browser.ts";

/** One line of the printed table; times in milliseconds. */
export interface BenchRow {
  job: string;
  ours: number;
  naive?: number;
  naiveLabel?: string;
  target?: string;
}

export type BenchSection = { name: string; run: () => Promise<BenchRow[]> };

const BARS = 1_000_000;
const CHUNK = 1 << 20;
const RUNS = 3;

function median(xs: number[]): number {
  const s = [...xs].sort((a, b) => a - b);
  return s[Math.floor(s.length / 2)];
}

function timeIt(fn: () => void, runs = RUNS): number {
  const times: number[] = [];
  for (let i = 0; i < runs; i++) {
    const t0 = performance.now();
    fn();
    times.push(performance.now() - t0);
  }
  return median(times);
}

function parseOurs(text: string): Bars {
  const parser = createParser({ tz: "utc", mode: "abort" });
  for (let i = 0; i < text.length; i += CHUNK) parser.feed(text.slice(i, i + CHUNK));
  const result = parser.finish();
  if (!result.ok || result.bars.length !== BARS) throw new Error(`parser failed: ${result.failure}`);
  return result.bars;
}

/** The naive import: papaparse on the whole string, then rows -> columns with Date.parse. */
function parseNaive(text: string): Bars {
  const parsed = Papa.parse<Record<string, string | number>>(text, {
    header: true,
    dynamicTyping: true,
    skipEmptyLines: true,
  });
  const rows = parsed.data;
  const bars = createBars(rows.length);
  rows.forEach((row, i) => {
    bars.time[i] = Date.parse(`${String(row.Time).replace(" ", "T")}Z`);
    bars.open[i] = row.Open as number;
    bars.high[i] = row.High as number;
    bars.low[i] = row.Low as number;
    bars.close[i] = row.Close as number;
    bars.volume[i] = row.Volume as number;
  });
  return bars;
}

interface RowBar {
  time: Date;
  open: number;
  high: number;
  low: number;
  close: number;
  volume: number;
}

/** The naive resample: object rows, a Date per bar, a Map of buckets. */
function resampleNaive(rows: RowBar[], bucketMs: number): RowBar[] {
  const buckets = new Map<number, RowBar>();
  for (const row of rows) {
    const d = new Date(row.time.getTime());
    d.setUTCMinutes(0, 0, 0);
    const key = Math.floor(d.getTime() / bucketMs) * bucketMs;
    const b = buckets.get(key);
    if (!b) buckets.set(key, { ...row, time: new Date(key) });
    else {
      b.high = Math.max(b.high, row.high);
      b.low = Math.min(b.low, row.low);
      b.close = row.close;
      b.volume += row.volume;
    }
  }
  return [...buckets.values()].sort((a, b) => a.time.getTime() - b.time.getTime());
}

async function nodeSection(): Promise<BenchRow[]> {
  let t0 = performance.now();
  const { bars } = generateSampleBars({ count: BARS, timeframe: "M1", seed: 1 });
  const text = Array.from(csvChunks(bars, { chunkRows: 20_000 })).join("");
  console.log(
    `generated ${BARS.toLocaleString("en")} M1 bars as CSV: ${(text.length / 1e6).toFixed(1)} MB in ${(performance.now() - t0).toFixed(0)} ms`,
  );

  const ours = timeIt(() => parseOurs(text));
  t0 = performance.now();
  const naiveBars = parseNaive(text);
  const naive = performance.now() - t0;
  if (naiveBars.length !== BARS) throw new Error("papaparse read a different number of rows");

  const parsed = parseOurs(text);
  let h1Length = 0;
  const resampleOurs = timeIt(() => {
    h1Length = resample(parsed, "M1", "H1").length;
  }, 5);
  const rows: RowBar[] = Array.from({ length: parsed.length }, (_, i) => ({
    time: new Date(parsed.time[i]),
    open: parsed.open[i],
    high: parsed.high[i],
    low: parsed.low[i],
    close: parsed.close[i],
    volume: parsed.volume[i],
  }));
  let naiveLength = 0;
  const resampleNaiveMs = timeIt(() => {
    naiveLength = resampleNaive(rows, TIMEFRAME_MS.H1).length;
  });
  if (naiveLength !== h1Length) throw new Error(`resample mismatch: ${naiveLength} vs ${h1Length}`);
  return [
    {
      job: "parse 1M-row M1 CSV (Node, 1 MiB chunks)",
      ours,
      naive,
      naiveLabel: "papaparse whole string + Date.parse",
      target: "<= 3000 ms in browser incl. storage",
    },
    {
      job: `resample 1M M1 -> H1 (${h1Length.toLocaleString("en")} bars)`,
      ours: resampleOurs,
      naive: resampleNaiveMs,
      naiveLabel: "object rows + Date + Map",
      target: "<= 100 ms",
    },
  ];
}

/** Prints the rows as a fixed-width table. */
export function printTable(title: string, rows: BenchRow[]): void {
  const table = rows.map((r) => ({
    job: r.job,
    ours: `${r.ours.toFixed(1)} ms`,
    naive: r.naive === undefined ? "-" : `${r.naive.toFixed(1)} ms`,
    ratio: r.naive === undefined ? "-" : `${(r.naive / r.ours).toFixed(1)}x`,
    naiveWay: r.naiveLabel ?? "-",
    target: r.target ?? "-",
  }));
  const head = {
    job: "job",
    ours: "ours",
    naive: "naive",
    ratio: "naive/ours",
    naiveWay: "naive way",
    target: "target",
  };
  const keys = Object.keys(head) as (keyof typeof head)[];
  const widths = keys.map((k) => Math.max(head[k].length, ...table.map((r) => r[k].length)));
  const line = (r: typeof head) => keys.map((k, i) => r[k].padEnd(widths[i])).join(" | ");
  console.log(`\n${title}`);
  console.log(line(head));
  console.log(widths.map((w) => "-".repeat(w)).join("-|-"));
  for (const r of table) console.log(line(r));
}

/** Sections run in order; the browser section is appended here. */
export const sections: BenchSection[] = [
  { name: `Node ${process.version}`, run: nodeSection },
  { name: "headless Chromium (built app, IndexedDB)", run: browserSection },
];

for (const section of sections) {
  const rows = await section.run();
  printTable(section.name, rows);
}
