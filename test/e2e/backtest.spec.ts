/**
 * Backtesting in the browser: load the simulated sample, run sma-cross 10/30 from the
 * Backtest page with the reference settings (cash 10,000, no costs, 1:1, full equity) and
 * check the page's statistics, trade list and chart markers against the engine run in Node
 * on the same committed file and against the committed reference result; a small
 * optimisation's heatmap cells and a walk-forward's stitched figures against the same
 * computations in Node; user strategies (line-numbered errors, a user SMA cross equal to the
 * built-in), Cancel of an endless run and optimisation, a resampled timeframe, and saved
 * runs compared and deleted.
 */
import { readFileSync } from "node:fs";
import { resolve } from "node:path";
import { runBacktest } from "../../core/backtest/engine.ts";
import { nodeRun, nodeWalkForward, simBars } from "../support/backtest-node.ts";
import { expect, type Page, test } from "../support/e2e.ts";

const repoRoot = resolve(import.meta.dirname, "../..");
const reference = JSON.parse(
  readFileSync(resolve(repoRoot, "test/fixtures/backtest/sim-sma-10-30.json"), "utf8"),
) as {
  config: { fast: number; slow: number; cash: number };
  stats: { trades: number; equityFinal: number; sqn: number };
};

async function statValue(page: Page, key: string): Promise<number> {
  return Number(await page.getByTestId(`stat-${key}`).getAttribute("data-value"));
}

async function loadSampleAndOpenBacktest(page: Page): Promise<void> {
  await page.goto("/data");
  await page.getByRole("button", { name: "Load sample data" }).click();
  await expect(page.getByTestId("dataset-row")).toHaveCount(1, { timeout: 30_000 });
  await page.goto("/backtest");
  await expect(page.getByRole("heading", { level: 1, name: "Backtest" })).toBeVisible();
  await expect(page.getByLabel("Data set")).toContainText("8,000 bars");
}

async function useReferenceSettings(page: Page): Promise<void> {
  await page.getByRole("button", { name: "No costs, 1:1 (reference)" }).click();
  await expect(page.getByLabel("Cash")).toHaveValue(String(reference.config.cash));
  await expect(page.getByLabel("Leverage 1:")).toHaveValue("1");
  await expect(page.getByLabel("Spread (pips)")).toHaveValue("0");
  await expect(page.getByLabel("Stop-out level (%)")).toHaveValue("0");
}

test("run sma-cross 10/30 on the sample: statistics, trade list and chart markers match the engine", async ({
  page,
}) => {
  const node = nodeRun(reference.config.fast, reference.config.slow);
  // The Node engine agrees with the committed reference; the page must agree with both.
  expect(node.stats.trades).toBe(reference.stats.trades);

  await loadSampleAndOpenBacktest(page);
  await page.getByLabel("Strategy").selectOption("builtin:sma-cross");
  await page.locator('input[data-param="fast"]').fill("10");
  await page.locator('input[data-param="slow"]').fill("30");
  await useReferenceSettings(page);
  await page.getByRole("button", { name: "Run backtest" }).click();

  await expect(page.getByTestId("stats-table")).toBeVisible({ timeout: 30_000 });
  const trades = await statValue(page, "trades");
  expect(trades).toBeGreaterThan(0);
  expect(trades).toBe(node.stats.trades);
  expect(await statValue(page, "equityFinal")).toBeCloseTo(node.stats.equityFinal, 6);
  expect(await statValue(page, "sqn")).toBeCloseTo(reference.stats.sqn, 9);
  await expect(page.getByTestId("trade-row")).toHaveCount(trades);
  // Every trade has an entry and an exit marker on the price chart.
  await expect(page.getByTestId("trade-chart")).toHaveAttribute("data-markers", String(2 * trades));
  await expect(page.getByTestId("trade-chart").locator("canvas").first()).toBeVisible();
  await expect(page.getByTestId("equity-chart").locator("canvas").first()).toBeVisible();

  // Sorting by P/L puts the biggest loss first.
  await page.getByTestId("trade-table").getByRole("button", { name: "P/L" }).click();
  const firstPnl = Number(await page.getByTestId("trade-row").first().locator("td").nth(7).innerText());
  const minPnl = Math.min(...node.trades.map((t) => t.pnl));
  expect(firstPnl).toBeCloseTo(minPnl, 2);

  // The trade list exports as CSV: a header and one line per trade.
  const [download] = await Promise.all([
    page.waitForEvent("download"),
    page.getByRole("button", { name: "Export CSV" }).click(),
  ]);
  const csv = readFileSync(await download.path(), "utf8")
    .trim()
    .split("\n");
  expect(csv[0]).toMatch(/^size,entryBar,exitBar,entryPrice,exitPrice,pnl,returnPct,entryTime,exitTime/);
  expect(csv).toHaveLength(trades + 1);
  expect(Number(csv[1].split(",")[0])).toBe(node.trades[0].size);

  // The run is saved and listed.
  await page.getByRole("link", { name: "Runs & compare" }).click();
  await expect(page.getByTestId("run-row")).toHaveCount(1);
  await expect(page.getByTestId("run-row").first()).toContainText(String(trades));
});

test("a small optimisation shows a heatmap with one cell per parameter pair", async ({ page }) => {
  await loadSampleAndOpenBacktest(page);
  await page.getByRole("link", { name: "Optimise" }).click();
  await page.getByLabel("Strategy").selectOption("builtin:sma-cross");
  const set = async (name: string, start: number, stop: number, step: number) => {
    await page.getByLabel(`Vary ${name}`).check();
    await page.getByLabel(`${name} start`).fill(String(start));
    await page.getByLabel(`${name} stop`).fill(String(stop));
    await page.getByLabel(`${name} step`).fill(String(step));
  };
  await set("fast", 5, 15, 5);
  await set("slow", 20, 40, 10);
  await page.getByLabel("Vary stopLoss").uncheck();
  await page.getByLabel("Vary takeProfit").uncheck();
  await page.getByLabel("Constraint").fill("fast < slow");
  await expect(page.getByLabel("Objective")).toHaveValue("sqn");
  await useReferenceSettings(page);
  await page.getByRole("button", { name: "Run optimisation" }).click();

  const heatmap = page.getByTestId("heatmap");
  await expect(heatmap).toBeVisible({ timeout: 60_000 });
  await expect(heatmap.getByTestId("heatmap-cell")).toHaveCount(9);
  await expect(page.getByTestId("optimise-row")).toHaveCount(9);
  await expect(heatmap).toHaveAttribute("data-x", "fast");
  await expect(heatmap).toHaveAttribute("data-y", "slow");
  await expect(page.getByTestId("heatmap-legend")).toBeVisible();

  // Each cell holds the SQN of that pair, as the engine computes it in Node.
  const cells = await heatmap
    .getByTestId("heatmap-cell")
    .evaluateAll((els) => els.map((e) => Number(e.getAttribute("data-value"))));
  const expected: number[] = [];
  for (const slow of [40, 30, 20])
    for (const fast of [5, 10, 15]) expected.push(nodeRun(fast, slow).stats.sqn);
  expect(cells).toHaveLength(expected.length);
  for (const [k, v] of cells.entries()) expect(v).toBeCloseTo(expected[k], 9);
  expect(cells[4]).toBeCloseTo(reference.stats.sqn, 9);
});

test("walk-forward: optimised windows, stitched out-of-sample curve and figures match Node", async ({
  page,
}) => {
  const plan = { inSample: 2000, outOfSample: 1000 };
  const expected = await nodeWalkForward(plan);

  await loadSampleAndOpenBacktest(page);
  await page.getByRole("link", { name: "Walk-forward" }).click();
  await page.getByLabel("Strategy").selectOption("builtin:sma-cross");
  await page.getByLabel("In-sample bars").fill(String(plan.inSample));
  await page.getByLabel("Out-of-sample bars").fill(String(plan.outOfSample));
  for (const [name, range] of [
    ["fast", [5, 15, 5]],
    ["slow", [20, 40, 10]],
  ] as const) {
    await page.getByLabel(`Vary ${name}`).check();
    await page.getByLabel(`${name} start`).fill(String(range[0]));
    await page.getByLabel(`${name} stop`).fill(String(range[1]));
    await page.getByLabel(`${name} step`).fill(String(range[2]));
  }
  await page.getByLabel("Constraint").fill("fast < slow");
  await useReferenceSettings(page);
  await page.getByRole("button", { name: "Run walk-forward" }).click();

  await expect(page.getByTestId("walk-forward-results")).toBeVisible({ timeout: 60_000 });
  // the report names what it ran on
  await expect(page.getByTestId("walk-forward-name")).toContainText("SMA cross · EURUSD (simulated) H1");
  await expect(page.getByTestId("wf-window-row")).toHaveCount(expected.windows);
  await expect(page.getByTestId("walk-forward-chart").locator("canvas").first()).toBeVisible();
  expect(await statValue(page, "trades")).toBe(expected.stats.trades);
  expect(await statValue(page, "returnPct")).toBeCloseTo(expected.stats.returnPct, 6);
  const firstParams = await page.getByTestId("wf-window-row").first().locator("td").nth(2).innerText();
  expect(firstParams).toContain(`fast=${expected.firstBest.fast}`);
  expect(firstParams).toContain(`slow=${expected.firstBest.slow}`);
});

test("user strategy: syntax and runtime errors show line numbers; an SMA cross in user code matches the built-in", async ({
  page,
}) => {
  await loadSampleAndOpenBacktest(page);
  await useReferenceSettings(page);
  await page.getByRole("link", { name: "Strategy editor" }).click();
  const editor = page.getByTestId("strategy-code");

  await editor.fill("export const params = { n: 3 };\nexport function next(ctx, i) {\n  const x = ;\n}\n");
  await page.getByRole("button", { name: "Check", exact: true }).click();
  await expect(page.getByTestId("strategy-error")).toContainText("Line 3");

  // A module that never finishes loading is checked in a worker: the page stays responsive.
  await editor.fill("while (true) {}\nexport function next(ctx, i) {}\n");
  await page.getByRole("button", { name: "Check", exact: true }).click();
  await expect(page.getByTestId("strategy-error")).toContainText("endless loop", { timeout: 15_000 });

  await editor.fill(
    [
      "export const params = { n: 3 };",
      "export function init(ctx) {",
      "  this.n = ctx.params.n;",
      "}",
      "export function next(ctx, i) {",
      "  if (i > 100) {",
      "    this.missing.call();",
      "  }",
      "}",
    ].join("\n"),
  );
  await page.getByRole("button", { name: "Save and run" }).click();
  await expect(page.getByTestId("strategy-error")).toContainText("Line 7", { timeout: 30_000 });

  const smaCross = [
    "export const params = { fast: 10, slow: 30 };",
    "export function init(ctx) {",
    "  this.f = ctx.sma(ctx.close, ctx.params.fast);",
    "  this.s = ctx.sma(ctx.close, ctx.params.slow);",
    "}",
    "export function next(ctx, i) {",
    "  if (ctx.crossover(this.f, this.s, i)) { ctx.closePosition(); ctx.buy(); }",
    "  else if (ctx.crossover(this.s, this.f, i)) { ctx.closePosition(); ctx.sell(); }",
    "}",
  ].join("\n");
  await page.getByLabel("Name").fill("My SMA cross");
  await editor.fill(smaCross);
  await page.getByRole("button", { name: "Save and run" }).click();
  await expect(page.getByTestId("strategy-note")).toContainText(`Ran: ${reference.stats.trades} trades`, {
    timeout: 30_000,
  });

  // Saved in IndexedDB: still there after a reload, and selectable on the Backtest tab.
  await page.reload();
  await expect(page.getByLabel("Saved strategies")).toContainText("My SMA cross");
  await page.locator(".bt-tabs").getByRole("link", { name: "Backtest", exact: true }).click();
  await expect(page.getByLabel("Strategy")).toContainText("My SMA cross");
});

test("a run that never ends can be cancelled: the worker is stopped and the page is usable again", async ({
  page,
}) => {
  await loadSampleAndOpenBacktest(page);
  await page.getByRole("link", { name: "Strategy editor" }).click();
  await page
    .getByTestId("strategy-code")
    .fill(
      "export const params = { n: 3 };\nexport function next(ctx, i) {\n  if (i > 100) while (true) {}\n}\n",
    );
  await page.getByRole("button", { name: "Save and run" }).click();
  const cancel = page.getByRole("button", { name: "Cancel" });
  await expect(cancel).toBeVisible();
  await page.waitForTimeout(500);
  await expect(cancel).toBeVisible();
  await cancel.click();
  await expect(page.getByTestId("strategy-error")).toContainText("Cancelled");
  await expect(page.getByRole("button", { name: "Save and run" })).toBeEnabled();

  // The same strategy in an optimisation: Cancel ends the whole worker pool.
  await page.getByRole("link", { name: "Optimise" }).click();
  await page.getByLabel("Vary n").check();
  await page.getByLabel("n start").fill("1");
  await page.getByLabel("n stop").fill("4");
  await page.getByLabel("n step").fill("1");
  await page.getByRole("button", { name: "Run optimisation" }).click();
  await expect(page.getByTestId("optimise-progress")).toBeVisible();
  await page.getByRole("button", { name: "Cancel" }).click();
  await expect(page.getByTestId("optimise-error")).toContainText("cancelled");
  await expect(page.getByRole("button", { name: "Run optimisation" })).toBeEnabled();
});

test("a higher timeframe is resampled from the stored bars and backtested", async ({ page }) => {
  const { resample } = await import("../../core/market/resample.ts");
  const h1 = simBars();
  const h4 = resample({ ...h1, length: h1.close.length }, "H1", "H4");
  const node = runBacktest({
    bars: h4,
    strategy: "sma-cross",
    params: { fast: 10, slow: 30 },
    settings: { cash: 10_000 },
  });

  await loadSampleAndOpenBacktest(page);
  await useReferenceSettings(page);
  await page.getByLabel("Timeframe").selectOption("H4");
  await page.getByRole("button", { name: "Run backtest" }).click();
  const results = page.getByTestId("backtest-results");
  const day = (ms: number) => new Date(ms).toISOString().slice(0, 10);
  const range = `${day(h4.time[0])} to ${day(h4.time[h4.length - 1])}`;
  await expect(results).toContainText(`H4, ${range}, ${h4.length.toLocaleString("en-US")} bars`, {
    timeout: 30_000,
  });
  expect(await statValue(page, "trades")).toBe(node.stats.trades);
  expect(await statValue(page, "equityFinal")).toBeCloseTo(node.stats.equityFinal, 6);
});

test("saved runs: compare two side by side, then delete one", async ({ page }) => {
  await loadSampleAndOpenBacktest(page);
  await useReferenceSettings(page);
  await page.locator('input[data-param="fast"]').fill("10");
  await page.locator('input[data-param="slow"]').fill("30");
  await page.getByRole("button", { name: "Run backtest" }).click();
  await expect(page.getByTestId("stats-table")).toBeVisible({ timeout: 30_000 });
  await page.locator('input[data-param="fast"]').fill("15");
  await page.locator('input[data-param="slow"]').fill("40");
  await page.getByRole("button", { name: "Run backtest" }).click();
  await expect(page.getByTestId("backtest-results")).toContainText("15/40", { timeout: 30_000 });

  await page.getByRole("link", { name: "Runs & compare" }).click();
  const rows = page.getByTestId("run-row");
  await expect(rows).toHaveCount(2);
  await rows.nth(0).getByRole("checkbox").check();
  await rows.nth(1).getByRole("checkbox").check();
  const compare = page.getByTestId("compare-table");
  await expect(compare).toBeVisible();
  const tradesRow = compare.locator("tr", { hasText: "Trades" }).first();
  await expect(tradesRow).toContainText(String(nodeRun(15, 40).stats.trades));
  await expect(tradesRow).toContainText(String(reference.stats.trades));
  // costs and leverage side by side; exposure is not a contest, so no "best" mark on it
  await expect(compare.getByTestId("compare-leverage")).toHaveText(["1:1", "1:1"]);
  await expect(compare.getByTestId("compare-costs")).toHaveText(["spread 0 pips", "spread 0 pips"]);
  await expect(compare.locator('[data-testid="compare-exposurePct"].best')).toHaveCount(0);
  await expect(compare.locator('[data-testid="compare-returnPct"].best')).toHaveCount(1);
  // delete asks first (as for data sets): Keep leaves both, Confirm delete removes one
  await rows.nth(0).getByRole("button", { name: "Delete" }).click();
  await expect(rows).toHaveCount(2);
  await rows.nth(0).getByRole("button", { name: "Keep" }).click();
  await expect(rows).toHaveCount(2);
  await rows.nth(0).getByRole("button", { name: "Delete" }).click();
  await rows.nth(0).getByRole("button", { name: "Confirm delete" }).click();
  await expect(rows).toHaveCount(1);
  await expect(compare).toHaveCount(0);
});
