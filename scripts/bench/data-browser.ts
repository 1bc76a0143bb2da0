/**
 * Browser half of `npm run bench:data`: in headless Chromium against the built app served
 * locally, imports a generated 1,000,000-bar M1 CSV (~55 MB) through the real import path
 * (file picker -> import worker -> core parser -> one Dexie transaction of columnar chunks),
 * reads a year of M1 back through the real storage code, and does the same jobs the naive
 * way (papaparse on the whole string, one Dexie row per bar) for the ratios. Prints figures;
 * asserts nothing. Run alone with `npx tsx scripts/bench/data-browser.ts` (needs dist/app:
 * `npx vite build` first) or call runDataBrowserBench() from scripts/bench/data.ts.
 */
import { closeSync, existsSync, mkdirSync, openSync, statSync, writeSync } from "node:fs";
import { createRequire } from "node:module";
import { join } from "node:path";
import { chromium, type Page } from "playwright-core";
import type {} from "../../app/src/features/data/bench-hook.ts";
import { csvChunks } from "../../core/market/csv-writer.ts";
import { generateSampleBars } from "../../core/market/sample-data.ts";
import { startAppServer } from "./app-server.ts";
import type { BenchRow } from "./data.ts";

const BARS = 1_000_000;
const YEAR_MS = 365 * 86_400_000;
const PORT = Number(process.env.BENCH_PORT ?? 8795);
const STATE = "/tmp/bench-state";
const WORK = "/tmp/forex-bench";
const TARGET_IMPORT_MS = 3000;
const TARGET_READ_MS = 200;
const require = createRequire(import.meta.url);

/** The bits of the papaparse and Dexie UMD globals the naive jobs use (injected into the page). */
interface NaiveDexie {
  version(n: number): { stores(s: Record<string, string>): void };
  bars: {
    bulkPut(rows: object[]): Promise<unknown>;
    where(index: string): {
      between(a: number, b: number, lo: boolean, hi: boolean): { toArray(): Promise<object[]> };
    };
  };
  close(): void;
}
interface NaiveGlobals {
  Papa: { parse(text: string, options: object): { data: Array<Record<string, string | number>> } };
  Dexie: new (name: string) => NaiveDexie;
}

export interface DataBrowserResult {
  importMs: number;
  importWallMs: number;
  readYearMs: number;
  readYearBars: number;
  naiveImportMs: number;
  naiveReadYearMs: number;
}

/** Writes the 1M-bar M1 file once (seeded, so every run benchmarks the same bytes). */
function ensureCsv(): string {
  mkdirSync(WORK, { recursive: true });
  const path = join(WORK, "EURUSD_M1_1M.csv");
  if (existsSync(path) && statSync(path).size > 50e6) return path;
  const { bars } = generateSampleBars({ count: BARS, timeframe: "M1", seed: 7 });
  const fd = openSync(path, "w");
  for (const chunk of csvChunks(bars, { chunkRows: 50_000 })) writeSync(fd, chunk);
  closeSync(fd);
  return path;
}

/** The real path: pick the file, press Import, wait for the stored outcome. */
async function realImport(
  page: Page,
  file: string,
): Promise<{
  ms: number;
  wallMs: number;
  parseMs: number;
  storeMs: number;
  datasetId: string;
  start: number;
}> {
  await page.getByLabel("Import price file").setInputFiles(file);
  await page.getByTestId("import-preview").waitFor();
  const t0 = Date.now();
  await page.getByRole("button", { name: "Import", exact: true }).click();
  await page.getByTestId("import-result").waitFor({ timeout: 120_000 });
  const wallMs = Date.now() - t0;
  const last = await page.evaluate(() => window.__forexBench?.lastImport);
  if (!last?.outcome.ok) throw new Error(`Import failed: ${JSON.stringify(last?.outcome)}`);
  const o = last.outcome;
  return {
    ms: last.wallMs,
    wallMs,
    parseMs: o.parseMs,
    storeMs: o.storeMs,
    datasetId: o.dataset.id,
    start: o.dataset.start,
  };
}

async function median(runs: number, job: () => Promise<number>): Promise<number> {
  const times: number[] = [];
  for (let i = 0; i < runs; i++) times.push(await job());
  times.sort((a, b) => a - b);
  return times[Math.floor(runs / 2)];
}

/** Naive import: whole file as one string, papaparse, one Dexie row per bar. */
async function naiveImport(page: Page, file: string): Promise<number> {
  await page.addScriptTag({ path: require.resolve("papaparse/papaparse.min.js") });
  await page.addScriptTag({ path: require.resolve("dexie/dist/dexie.min.js") });
  await page.evaluate(() => {
    const input = document.createElement("input");
    input.type = "file";
    input.id = "naive-file";
    document.body.append(input);
  });
  await page.setInputFiles("#naive-file", file);
  return page.evaluate(async () => {
    const w = window as unknown as NaiveGlobals;
    const t0 = performance.now();
    const text = await (document.getElementById("naive-file") as HTMLInputElement).files![0].text();
    const parsed = w.Papa.parse(text, { header: true, dynamicTyping: true, skipEmptyLines: true });
    const rows = parsed.data.map((r) => ({
      time: Date.parse(`${String(r.Time).replace(" ", "T")}Z`),
      open: r.Open,
      high: r.High,
      low: r.Low,
      close: r.Close,
      volume: r.Volume,
    }));
    const db = new w.Dexie("bench-naive");
    db.version(1).stores({ bars: "time" });
    await db.bars.bulkPut(rows);
    return performance.now() - t0;
  });
}

async function naiveRead(page: Page, from: number, to: number): Promise<number> {
  return page.evaluate(
    async ([a, b]) => {
      const w = window as unknown as NaiveGlobals;
      const db = new w.Dexie("bench-naive");
      db.version(1).stores({ bars: "time" });
      const t0 = performance.now();
      const rows = await db.bars.where("time").between(a, b, true, false).toArray();
      const ms = performance.now() - t0;
      db.close();
      if (rows.length === 0) throw new Error("naive read returned nothing");
      return ms;
    },
    [from, to] as const,
  );
}

/** Runs the browser benchmark; prints its lines unless quiet; returns the figures. */
export async function runDataBrowserBench(options: { quiet?: boolean } = {}): Promise<DataBrowserResult> {
  const file = ensureCsv();
  const mb = (statSync(file).size / 1e6).toFixed(1);
  const server = await startAppServer(PORT, STATE);
  const browser = await chromium.launch({
    executablePath: process.env.CHROMIUM_PATH ?? "/usr/bin/chromium",
    args: ["--no-sandbox", "--disable-gpu", "--disable-dev-shm-usage"],
  });
  try {
    const page = await browser.newPage();
    // tsx compiles page.evaluate callbacks with esbuild's keepNames helper; give the page a no-op one.
    await page.addInitScript("self.__name = self.__name || ((f) => f)");
    await page.goto(`http://localhost:${PORT}/data?bench=1`);
    const imp = await realImport(page, file);
    const from = imp.start;
    const to = from + YEAR_MS;
    const readYearBars = (
      await page.evaluate(([id, a, b]) => window.__forexBench!.readBars(id, a, b), [
        imp.datasetId,
        from,
        to,
      ] as const)
    ).bars;
    const readYearMs = await median(
      5,
      async () =>
        (
          await page.evaluate(([id, a, b]) => window.__forexBench!.readBars(id, a, b), [
            imp.datasetId,
            from,
            to,
          ] as const)
        ).ms,
    );
    const naiveImportMs = await naiveImport(page, file);
    const naiveReadYearMs = await median(3, () => naiveRead(page, from, to));
    const r = (x: number) => `${Math.round(x)} ms`;
    const log = options.quiet ? () => {} : console.log;
    log(`browser (headless Chromium), ${BARS.toLocaleString("en-US")}-bar M1 CSV, ${mb} MB:`);
    log(
      `  import end to end (picker -> worker parse -> one IndexedDB transaction): ${r(imp.ms)} (target <= ${TARGET_IMPORT_MS} ms; in the worker: read+parse ${r(imp.parseMs)}, store ${r(imp.storeMs)}; click-to-screen ${r(imp.wallMs)})`,
    );
    log(
      `    naive (papaparse on the whole string + one Dexie row per bar): ${r(naiveImportMs)} = ${(naiveImportMs / imp.ms).toFixed(1)}x slower`,
    );
    log(
      `  read back a year of M1 (${readYearBars.toLocaleString("en-US")} bars, columnar chunks): ${r(readYearMs)} median of 5 (target <= ${TARGET_READ_MS} ms)`,
    );
    log(
      `    naive (Dexie range query over one row per bar): ${r(naiveReadYearMs)} = ${(naiveReadYearMs / readYearMs).toFixed(1)}x slower`,
    );
    return {
      importMs: imp.ms,
      importWallMs: imp.wallMs,
      readYearMs,
      readYearBars,
      naiveImportMs,
      naiveReadYearMs,
    };
  } finally {
    await browser.close();
    server.kill("SIGTERM");
  }
}

/** The browser section for scripts/bench/data.ts (`sections.push({ name, run: browserSection })`). */
export async function browserSection(): Promise<BenchRow[]> {
  const f = await runDataBrowserBench({ quiet: true });
  return [
    {
      job: "import 1M-bar M1 CSV end to end (picker -> worker -> IndexedDB)",
      ours: f.importMs,
      naive: f.naiveImportMs,
      naiveLabel: "papaparse whole string + one Dexie row per bar",
      target: "<= 3000 ms",
    },
    {
      job: `read back a year of M1 (${f.readYearBars.toLocaleString("en")} bars)`,
      ours: f.readYearMs,
      naive: f.naiveReadYearMs,
      naiveLabel: "Dexie range query, one row per bar",
      target: "<= 200 ms",
    },
  ];
}

if (process.argv[1]?.endsWith("data-browser.ts")) {
  runDataBrowserBench().catch((e) => {
    console.error(e);
    process.exitCode = 1;
  });
}
