/**
 * Backtest benchmark (npm run bench:backtest): on a seeded 1,000,000-bar M1 series,
 * sma-cross 10/30 through the engine vs a bare hand-written loop of the same strategy,
 * peak memory of one run (measured in a child process), and a 100-pair optimisation on
 * a worker pool vs one worker. Prints figures only; nothing here is asserted.
 */
import { execFileSync } from "node:child_process";
import { availableParallelism, cpus, loadavg } from "node:os";
import { fileURLToPath } from "node:url";
import { BacktestPool } from "../../cli/backtest-pool.ts";
import { runBacktest } from "../../core/backtest/engine.ts";
import type { Bars } from "../../core/backtest/types.ts";
import { bareLoop, generateM1 } from "./backtest-data.ts";

const BARS = 1_000_000;
const SEED = 20240101;
const RUNS = 9;
const WARM_UP = 3;
const OPT_ROUNDS = 3;

interface Spread {
  median: number;
  best: number;
}

/** Times functions in alternation (so each sees the same machine load), after a JIT warm-up. */
function timeAlternating(runs: number, fns: (() => void)[]): Spread[] {
  for (let k = 0; k < WARM_UP; k++) for (const fn of fns) fn();
  const times: number[][] = fns.map(() => []);
  for (let k = 0; k < runs; k++) {
    fns.forEach((fn, j) => {
      const t0 = performance.now();
      fn();
      times[j].push(performance.now() - t0);
    });
  }
  return times.map((t) => {
    t.sort((x, y) => x - y);
    return { median: t[Math.floor(runs / 2)], best: t[0] };
  });
}

function mb(bytes: number): string {
  return `${(bytes / 2 ** 20).toFixed(1)} MB`;
}

/** Child-process mode: one run, then print baseline and peak RSS as JSON. */
function memoryProbe(): void {
  const bars = generateM1(BARS, SEED);
  const before = process.memoryUsage().rss;
  const r = runBacktest({ bars, strategy: "sma-cross", params: { fast: 10, slow: 30 } });
  const peak = process.resourceUsage().maxRSS * 1024;
  process.stdout.write(JSON.stringify({ before, peak, trades: r.stats.trades }));
}

interface Timing {
  wall: number;
  cpu: number;
}

/** One batch of runs on a pool: wall time and the CPU time the process used (all threads). */
async function batch(pool: BacktestPool, pairs: Record<string, number>[]): Promise<Timing> {
  const t0 = performance.now();
  const c0 = process.cpuUsage();
  await Promise.all(pairs.map((p) => pool.run(p)));
  const c = process.cpuUsage(c0);
  return { wall: performance.now() - t0, cpu: (c.user + c.system) / 1000 };
}

/**
 * The 100-run optimisation on 1 worker and on `cores` workers, alternating for `rounds`
 * rounds so both see the same machine load; the best round of each is reported.
 */
async function optimisation(
  bars: Bars,
  cores: number,
  pairs: Record<string, number>[],
  rounds: number,
): Promise<[Timing, Timing]> {
  const one = new BacktestPool(1, { bars, strategy: "sma-cross", settings: {} });
  const many = new BacktestPool(cores, { bars, strategy: "sma-cross", settings: {} });
  try {
    const warm = { fast: 10, slow: 30 };
    await Promise.all([one.run(warm), ...Array.from({ length: cores }, () => many.run(warm))]); // start-up, JIT
    const best: [Timing, Timing] = [
      { wall: Infinity, cpu: 0 },
      { wall: Infinity, cpu: 0 },
    ];
    for (let r = 0; r < rounds; r++) {
      const a = await batch(one, pairs);
      const b = await batch(many, pairs);
      if (a.wall < best[0].wall) best[0] = a;
      if (b.wall < best[1].wall) best[1] = b;
    }
    return best;
  } finally {
    await Promise.all([one.close(), many.close()]);
  }
}

async function main(): Promise<void> {
  if (process.argv.includes("--memory-probe")) return memoryProbe();
  console.log(
    `Backtest benchmark: ${BARS.toLocaleString("en")} M1 bars (seed ${SEED}), sma-cross 10/30, Node ${process.version}`,
  );
  console.log(
    `CPU: ${cpus()[0]?.model ?? "?"} x ${availableParallelism()}, load average ${loadavg()
      .map((x) => x.toFixed(2))
      .join(" ")}\n`,
  );
  const bars = generateM1(BARS, SEED);
  let trades = 0;
  let bareTrades = 0;
  const [engine, bare] = timeAlternating(RUNS, [
    () => {
      trades = runBacktest({ bars, strategy: "sma-cross", params: { fast: 10, slow: 30 } }).stats.trades;
    },
    () => {
      bareTrades = bareLoop(bars, 10, 30, 10_000);
    },
  ]);
  const rate = (ms: number) => `${(((BARS / ms) * 1000) / 1e6).toFixed(1)} M bars/s`;
  const rows = [
    [
      "engine (runBacktest: indicators, loop, trades, stats)",
      `${engine.median.toFixed(1)} ms`,
      rate(engine.median),
      rate(engine.best),
      String(trades),
    ],
    [
      "bare hand-written loop (same strategy)",
      `${bare.median.toFixed(1)} ms`,
      rate(bare.median),
      rate(bare.best),
      String(bareTrades),
    ],
  ];
  console.log(table(["run", "median", "throughput (median)", "best", "trades"], rows));
  console.log(
    `\nengine / bare loop time ratio: ${(engine.median / bare.median).toFixed(2)}x (median), ${(engine.best / bare.best).toFixed(2)}x (best)`,
  );

  if (trades !== bareTrades) {
    console.log(
      "(trade counts differ: the bare loop's plain running sums decide exact SMA ties differently)",
    );
  }

  const script = fileURLToPath(import.meta.url);
  const probe = JSON.parse(
    execFileSync(process.execPath, ["--import", "tsx", script, "--memory-probe"], { encoding: "utf8" }),
  );
  console.log(
    `peak memory of one run (child process): max RSS ${mb(probe.peak)}; RSS before the run ${mb(probe.before)}; growth ${mb(probe.peak - probe.before)}`,
  );

  const pairs: Record<string, number>[] = [];
  for (let f = 2; f <= 20; f += 2) for (let s = 30; s <= 300; s += 30) pairs.push({ fast: f, slow: s });
  const cores = availableParallelism();
  const [one, many] = await optimisation(bars, cores, pairs, OPT_ROUNDS);
  const row = (w: number, r: { wall: number; cpu: number }) => [
    String(w),
    `${(r.wall / 1000).toFixed(2)} s`,
    (pairs.length / (r.wall / 1000)).toFixed(1),
    `${(one.wall / r.wall).toFixed(2)}x`,
    (r.cpu / r.wall).toFixed(2),
    (pairs.length / (r.cpu / 1000)).toFixed(1),
  ];
  console.log(
    `\noptimisation of ${pairs.length} (fast, slow) pairs on the same series (best of ${OPT_ROUNDS} alternating rounds):`,
  );
  const head = [
    "workers",
    "time (100 runs)",
    "runs/s",
    "speed-up",
    "cores busy (cpu/wall)",
    "runs per cpu-s",
  ];
  console.log(table(head, [row(1, one), row(cores, many)]));
  console.log(
    "(cores busy < workers means other processes held the CPU; runs per cpu-s shows the pool's efficiency regardless)",
  );
  const load = loadavg()
    .map((x) => x.toFixed(2))
    .join(" ");
  console.log(`\nload average at the end: ${load} (shared machine: figures vary with the other load)`);
}

function table(header: string[], rows: string[][]): string {
  const w = header.map((h, c) => Math.max(h.length, ...rows.map((r) => r[c].length)));
  const line = (cells: string[]) =>
    cells.map((x, c) => (c === 0 ? x.padEnd(w[c]) : x.padStart(w[c]))).join("  ");
  return [line(header), line(w.map((n) => "-".repeat(n))), ...rows.map(line)].join("\n");
}

await main();
