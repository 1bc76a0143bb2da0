/**
 * Browser half of `npm run bench:paper`: headless Chromium against the built app served
 * locally. Runs the paper-broker workload in the trade worker, then stores a year of M1
 * through the real storage code, starts its replay on the Trade page, opens a position
 * from the ticket, plays at 1000x and records the page's frame times for 10 s.
 */
import { chromium } from "playwright-core";
import type {} from "../../app/src/features/trade/bench-hook.ts";
import type { BenchResult } from "../../app/src/features/trade/bench-quotes.ts";
import { startAppServer } from "./app-server.ts";

const PORT = Number(process.env.BENCH_PORT ?? 8796);
const STATE = "/tmp/bench-paper-state";
const FRAME_WINDOW_MS = 10_000;
const IDLE_WINDOW_MS = 5_000;

export interface PaperBrowserResult {
  worker: BenchResult;
  /** the same page, replay paused: what the machine gives an idle page */
  idle: { frames: number; maxMs: number; p99Ms: number; meanMs: number };
  frames: { frames: number; maxMs: number; p99Ms: number; meanMs: number };
  barsPlayed: number;
}

const barOf = (status: string) => Number(/bar (\d+) of/.exec(status)?.[1] ?? 0);

export async function runPaperBrowserBench(bars: number, orders: number): Promise<PaperBrowserResult> {
  const server = await startAppServer(PORT, STATE);
  const browser = await chromium.launch({
    executablePath: process.env.CHROMIUM_PATH ?? "/usr/bin/chromium",
    args: ["--no-sandbox", "--disable-gpu", "--disable-dev-shm-usage"],
  });
  try {
    const page = await browser.newPage({ viewport: { width: 1400, height: 1000 } });
    await page.addInitScript("self.__name = self.__name || ((f) => f)");
    await page.goto(`http://localhost:${PORT}/trade?bench=1`);
    await page.waitForFunction(() => window.__paperBench !== undefined);
    const worker = await page.evaluate(([n, o]) => window.__paperBench!.workerQuotes(n, o), [
      bars,
      orders,
    ] as const);
    await page.evaluate((n) => window.__paperBench!.storeM1(n), bars);
    await page.reload();
    await page.getByRole("button", { name: "Start replay" }).click();
    const status = page.getByTestId("replay-status");
    await status.waitFor();
    await page.getByRole("button", { name: "Step bar" }).click();
    await page.locator("body").press("b");
    await page.getByRole("dialog", { name: "Order ticket" }).getByLabel("Stop-loss").fill("20");
    await page.getByRole("button", { name: "Place buy order" }).click();
    await page.getByTestId("position-row").waitFor();
    await page.getByLabel("Speed").selectOption("1000");
    const idle = await page.evaluate((ms) => window.__paperBench!.frames(ms), IDLE_WINDOW_MS);
    const start = barOf((await status.textContent()) ?? "");
    await page.getByRole("button", { name: "Play", exact: true }).click();
    const frames = await page.evaluate((ms) => window.__paperBench!.frames(ms), FRAME_WINDOW_MS);
    const barsPlayed = barOf((await status.textContent()) ?? "") - start;
    return { worker, idle, frames, barsPlayed };
  } finally {
    await browser.close();
    server.kill();
  }
}
