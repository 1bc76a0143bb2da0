/**
 * `npm run bench:ml`: training throughput (samples/s) of the default MLP — in the browser's
 * ML worker (headless Chromium against the built app) and in Node — on the wasm and cpu
 * backends side by side, and the time to featurise 1,000,000 bars in Node. Prints figures;
 * asserts nothing. Needs dist/app (the npm script builds it first).
 */
import { readdirSync, readFileSync } from "node:fs";
import { cpus, loadavg } from "node:os";
import * as tf from "@tensorflow/tfjs";
import { chromium } from "playwright-core";
import { mlpThroughput } from "../../app/src/adapters/tf/throughput.ts";
import { useNodeBackend } from "../../cli/tf-backend.ts";
import { DEFAULT_FEATURES } from "../../core/ml/feature-spec.ts";
import { computeFeatures } from "../../core/ml/features.ts";
import { syntheticBars } from "../../core/ml/synthetic.ts";
import { startAppServer } from "./app-server.ts";

/** The page's bench hook (app/src/features/ml/bench-hook.ts), declared here so this script
 * does not pull the app's worker types (vite-only imports) into its typecheck. */
declare global {
  interface Window {
    __forexMlBench?: {
      throughput(
        samples: number,
        epochs: number,
        backend: string,
      ): Promise<{ backend: string; samplesPerSecond: number }>;
    };
  }
}

const PORT = Number(process.env.BENCH_PORT ?? 8807);
const SAMPLES = 20_000;
const EPOCHS = 3;
const TARGET_WASM = 50_000;
const TARGET_FEATURISE_MS = 1000;
/** Linux clock ticks per second (the /proc stat unit). */
const CLOCK_TICKS = 100;

/** CPU seconds (user + system) used so far by a process and all its descendants (Linux /proc). */
function treeCpuSeconds(root: number): number {
  const stats = new Map<number, { ppid: number; ticks: number }>();
  for (const name of readdirSync("/proc")) {
    if (!/^\d+$/.test(name)) continue;
    try {
      const text = readFileSync(`/proc/${name}/stat`, "utf8");
      const f = text.slice(text.lastIndexOf(")") + 2).split(" ");
      stats.set(Number(name), { ppid: Number(f[1]), ticks: Number(f[11]) + Number(f[12]) });
    } catch {
      // the process ended meanwhile
    }
  }
  let ticks = 0;
  for (const [pid, st] of stats) {
    for (let p = pid, hops = 0; p > 1 && hops < 16; p = stats.get(p)?.ppid ?? 0, hops++) {
      if (p === root) {
        ticks += st.ticks;
        break;
      }
    }
  }
  return ticks / CLOCK_TICKS;
}

interface BrowserFigure {
  backend: string;
  samplesPerSecond: number;
  perCpuSecond: number;
}

async function browserFigures(): Promise<BrowserFigure[]> {
  const server = await startAppServer(PORT, "/tmp/bench-ml-state");
  const browserServer = await chromium.launchServer({
    executablePath: process.env.CHROMIUM_PATH ?? "/usr/bin/chromium",
    args: ["--no-sandbox", "--disable-gpu", "--disable-dev-shm-usage"],
  });
  const root = browserServer.process().pid ?? 0;
  const browser = await chromium.connect(browserServer.wsEndpoint());
  try {
    const page = await browser.newPage();
    await page.addInitScript("self.__name = self.__name || ((f) => f)");
    await page.goto(`http://localhost:${PORT}/bots?bench=1`);
    await page.waitForFunction(() => window.__forexMlBench !== undefined);
    const out: BrowserFigure[] = [];
    for (const backend of ["wasm", "cpu"] as const) {
      // a warm-up call loads the backend; then one timed call with the browser's CPU time around it
      await page.evaluate(([b]) => window.__forexMlBench!.throughput(2000, 1, b), [backend] as const);
      const cpu0 = treeCpuSeconds(root);
      const r = await page.evaluate(([s, e, b]) => window.__forexMlBench!.throughput(s, e, b), [
        SAMPLES,
        EPOCHS,
        backend,
      ] as const);
      const cpuS = treeCpuSeconds(root) - cpu0;
      // the call also runs one warm-up epoch: count its samples for the CPU figure; all browser
      // processes are counted (renderer, GPU, network), so this figure errs low
      out.push({ ...r, perCpuSecond: (SAMPLES * (EPOCHS + 1)) / Math.max(cpuS, 1e-3) });
    }
    return out;
  } finally {
    await browser.close();
    await browserServer.close();
    server.kill();
  }
}

/** Node throughput by wall time and by this process's CPU time (fit is single-threaded here). */
async function nodeFigure(backend: "wasm" | "cpu"): Promise<{ wall: number; cpu: number }> {
  await useNodeBackend(backend);
  await mlpThroughput(2000, 1);
  const r = await timed(() => mlpThroughput(SAMPLES, EPOCHS));
  // mlpThroughput's own figure excludes its warm-up epoch; scale the CPU time the same way.
  const share = EPOCHS / (EPOCHS + 1);
  return { wall: r.value, cpu: (SAMPLES * EPOCHS) / ((r.cpuMs * share) / 1000) };
}

const median = (xs: number[]) => xs.slice().sort((a, b) => a - b)[Math.floor(xs.length / 2)];

/** Wall and CPU time (this process) of one job: on a shared, loaded machine the CPU time is the job's own cost. */
async function timed<T>(job: () => Promise<T> | T): Promise<{ value: T; wallMs: number; cpuMs: number }> {
  const c0 = process.cpuUsage();
  const t0 = performance.now();
  const value = await job();
  const c = process.cpuUsage(c0);
  return { value, wallMs: performance.now() - t0, cpuMs: (c.user + c.system) / 1000 };
}

async function featurise(): Promise<{ wallMs: number; cpuMs: number; cols: number }> {
  const bars = syntheticBars({ count: 1_000_000, seed: 3, stepMs: 60_000 });
  computeFeatures(bars, DEFAULT_FEATURES);
  const runs = [];
  for (let k = 0; k < 3; k++) runs.push(await timed(() => computeFeatures(bars, DEFAULT_FEATURES)));
  return {
    wallMs: median(runs.map((r) => r.wallMs)),
    cpuMs: median(runs.map((r) => r.cpuMs)),
    cols: runs[0].value.cols,
  };
}

const fmt = (x: number) => Math.round(x).toLocaleString("en");
const verdict = (x: number, target: number, above: boolean) =>
  (above ? x >= target : x < target) ? "met" : "missed";

console.log(
  `machine: ${cpus().length} cores, load average ${loadavg()
    .map((x) => x.toFixed(1))
    .join(" ")} (other jobs share the cores)`,
);
const f = await featurise();
console.log(
  `featurise 1,000,000 bars (Node, ${f.cols} features, median of 3): wall ${f.wallMs.toFixed(0)} ms, CPU ${f.cpuMs.toFixed(0)} ms (target < ${TARGET_FEATURISE_MS} ms: wall ${verdict(f.wallMs, TARGET_FEATURISE_MS, false)}, CPU ${verdict(f.cpuMs, TARGET_FEATURISE_MS, false)})`,
);
console.log(
  `\nMLP 32-16 training throughput (tfjs ${tf.version.tfjs}), ${SAMPLES.toLocaleString("en")} samples x ${EPOCHS} epochs, batch 256, samples/s:`,
);
for (const b of ["wasm", "cpu"] as const) {
  const r = await nodeFigure(b);
  console.log(
    `  Node             ${b.padEnd(5)} wall ${fmt(r.wall).padStart(8)}   per CPU-second ${fmt(r.cpu).padStart(8)}${b === "wasm" ? `   (target >= ${fmt(TARGET_WASM)}: wall ${verdict(r.wall, TARGET_WASM, true)}, CPU ${verdict(r.cpu, TARGET_WASM, true)})` : ""}`,
  );
}
for (const r of await browserFigures())
  console.log(
    `  Chromium worker  ${r.backend.padEnd(5)} wall ${fmt(r.samplesPerSecond).padStart(8)}   per CPU-second ${fmt(r.perCpuSecond).padStart(8)}${r.backend === "wasm" ? `   (target >= ${fmt(TARGET_WASM)}: wall ${verdict(r.samplesPerSecond, TARGET_WASM, true)}, CPU ${verdict(r.perCpuSecond, TARGET_WASM, true)})` : ""}`,
  );
