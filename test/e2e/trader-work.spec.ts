/**
 * What a trader enters and keeps (issue 12 items 8-10): stop-loss in pips, costs and names
 * in the units entered, parameter mistakes said in plain words; deletes that ask, unsaved
 * strategy code that prompts, duplicate names refused, optimisations that survive a reload,
 * re-imports that say what they replace, and the dashboard count right after the sample.
 */
import { mkdtempSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import {
  medianPrice,
  REFERENCE_DEFAULTS,
  toEngineSettings,
} from "../../app/src/features/backtest/account-form.ts";
import { withBracketUnits } from "../../app/src/features/backtest/bracket-units.ts";
import { runBacktest } from "../../core/backtest/engine.ts";
import { smaCross } from "../../core/strategy/sma-cross.ts";
import { simBars } from "../support/backtest-node.ts";
import { expect, type Page, test } from "../support/e2e.ts";

let dir: string;
test.beforeAll(() => {
  dir = mkdtempSync(join(tmpdir(), "forex-ai-work-e2e-"));
});
test.afterAll(() => rmSync(dir, { recursive: true, force: true }));

async function loadSampleAndOpenBacktest(page: Page): Promise<void> {
  await page.goto("/data");
  await page.getByRole("button", { name: "Load sample data" }).click();
  await expect(page.getByTestId("dataset-row")).toHaveCount(1, { timeout: 30_000 });
  await page.goto("/backtest");
  await expect(page.getByLabel("Data set")).toContainText("8,000 bars");
}

const param = (page: Page, name: string) => page.locator(`input[data-param="${name}"]`);

test("stop-loss in pips, spread in pips, a name that says what differs, and mistakes in plain words", async ({
  page,
}) => {
  await loadSampleAndOpenBacktest(page);
  await page.getByLabel("Strategy").selectOption("builtin:sma-cross");

  // an empty field and a fast average slower than the slow one: what to do, not "NaN"
  await param(page, "fast").fill("");
  await page.getByRole("button", { name: "Run backtest" }).click();
  const error = page.getByRole("alert");
  await expect(error).toContainText("Fast SMA is empty: type a number of bars");
  await expect(error).not.toContainText("NaN");
  await param(page, "fast").fill("30");
  await param(page, "slow").fill("10");
  await page.getByRole("button", { name: "Run backtest" }).click();
  await expect(error).toContainText("Fast SMA (30) must be shorter than Slow SMA (10)");
  await expect(page.getByTestId("backtest-results")).toHaveCount(0);

  // stop-loss in pips (the default unit); the reference account: no costs, 1:1, full equity
  await param(page, "fast").fill("10");
  await param(page, "slow").fill("30");
  await expect(page.getByLabel("SL/TP in")).toHaveValue("pips");
  await expect(page.getByLabel("Stop-loss (pips)")).toBeVisible();
  await page.getByLabel("Stop-loss (pips)").fill("30");
  await page.getByRole("button", { name: "No costs, 1:1 (reference)" }).click();
  await page.getByLabel("Spread (pips)").fill("1");
  await page.getByRole("button", { name: "Run backtest" }).click();
  const results = page.getByTestId("backtest-results");
  await expect(results).toBeVisible({ timeout: 30_000 });

  // the same run in Node: 30 pips = 0.0030 below/above each entry bar's close
  const bars = simBars();
  const node = runBacktest({
    bars,
    strategy: withBracketUnits(smaCross, { unit: "pips", pipSize: 0.0001 }),
    params: { fast: 10, slow: 30, stopLoss: 30 },
    settings: toEngineSettings(
      { ...REFERENCE_DEFAULTS, spreadPips: 1 },
      { pipSize: 0.0001, refPrice: medianPrice(bars.close) },
    ),
  });
  expect(node.trades.some((t) => t.exitReason === "sl")).toBe(true);
  expect(Number(await page.getByTestId("stat-trades").getAttribute("data-value"))).toBe(node.stats.trades);

  await expect(page.getByTestId("run-costs")).toHaveText("spread 1 pip");
  await expect(page.getByTestId("run-summary")).toContainText("Data set EURUSD (simulated)");
  const name = (await results.locator("h2").first().textContent()) ?? "";
  expect(name).toContain("SMA cross 10/30 SL 30 pips");
  expect(name).toContain("EURUSD (simulated) H1");
  expect(name).toMatch(/\d{4}-\d\d-\d\d\.\.\d{4}-\d\d-\d\d/);
  expect(name).toContain("1:1");
  expect(name).toContain("spread 1 pip");
  await expect(page.getByTestId("stats-table")).not.toContainText("0.0 d");
});

test("strategies: duplicate names refused, unsaved code prompts before leaving", async ({ page }) => {
  await loadSampleAndOpenBacktest(page);
  await page.getByRole("link", { name: "Strategy editor" }).click();
  await page.getByLabel("Name", { exact: true }).fill("Trend one");
  await page.getByRole("button", { name: "Save", exact: true }).click();
  await expect(page.getByTestId("strategy-note")).toHaveText("Saved.");

  await page.getByLabel("Saved strategies").selectOption("");
  await page.getByLabel("Name", { exact: true }).fill("trend ONE ");
  await page.getByRole("button", { name: "Save", exact: true }).click();
  await expect(page.getByTestId("strategy-error")).toContainText(
    'A strategy named "Trend one" already exists',
  );
  await expect(page.getByLabel("Saved strategies").locator("option")).toHaveCount(2);

  // unsaved code: leaving through the app asks; "stay" keeps the code on screen
  await page.getByLabel("Name", { exact: true }).fill("Trend two");
  await page.getByTestId("strategy-code").fill("export function next(ctx, i) {}\n// my work\n");
  const asked: string[] = [];
  page.once("dialog", (d) => {
    asked.push(d.message());
    void d.dismiss();
  });
  await page.locator(".bt-tabs").getByRole("link", { name: "Backtest", exact: true }).click();
  await expect.poll(() => asked.length).toBe(1);
  expect(asked[0]).toContain("unsaved changes");
  await expect(page).toHaveURL(/\/backtest\/strategies$/);
  await expect(page.getByTestId("strategy-code")).toHaveValue(/my work/);

  // closing or reloading the tab asks too (beforeunload); leaving anyway closes it
  let unloadAsked = false;
  page.once("dialog", (d) => {
    unloadAsked = d.type() === "beforeunload";
    void d.accept();
  });
  const closed = page.waitForEvent("close");
  await page.close({ runBeforeUnload: true });
  await closed;
  expect(unloadAsked).toBe(true);
});

test("deleting a strategy asks first", async ({ page }) => {
  await loadSampleAndOpenBacktest(page);
  await page.getByRole("link", { name: "Strategy editor" }).click();
  await page.getByLabel("Name", { exact: true }).fill("Keep me");
  await page.getByRole("button", { name: "Save", exact: true }).click();
  await expect(page.getByTestId("strategy-note")).toHaveText("Saved.");
  await page.getByRole("button", { name: "Delete Keep me" }).click();
  await expect(page.getByLabel("Saved strategies")).toContainText("Keep me");
  await page.getByRole("button", { name: "Keep", exact: true }).click();
  await expect(page.getByLabel("Saved strategies")).toContainText("Keep me");
  await page.getByRole("button", { name: "Delete Keep me" }).click();
  await page.getByRole("button", { name: "Confirm delete" }).click();
  await expect(page.getByLabel("Saved strategies")).not.toContainText("Keep me");
});

test("an optimisation survives a reload and names its data set", async ({ page }) => {
  await loadSampleAndOpenBacktest(page);
  await page.getByRole("link", { name: "Optimise" }).click();
  for (const [name, start, stop, step] of [
    ["fast", 5, 15, 5],
    ["slow", 20, 40, 10],
  ] as const) {
    await page.getByLabel(`Vary ${name}`).check();
    await page.getByLabel(`${name} start`).fill(String(start));
    await page.getByLabel(`${name} stop`).fill(String(stop));
    await page.getByLabel(`${name} step`).fill(String(step));
  }
  await page.getByLabel("Vary stopLoss").uncheck();
  await page.getByLabel("Vary takeProfit").uncheck();
  await page.getByRole("button", { name: "Run optimisation" }).click();
  await expect(page.getByTestId("optimise-row")).toHaveCount(9, { timeout: 60_000 });
  const first = await page.getByTestId("optimise-row").first().textContent();
  await expect(page.getByTestId("optimise-name")).toContainText("SMA cross · EURUSD (simulated) H1");

  await page.reload();
  await expect(page.getByTestId("optimise-row")).toHaveCount(9);
  await expect(page.getByTestId("optimise-row").first()).toHaveText(first ?? "");
  await expect(page.getByTestId("optimise-name")).toContainText("EURUSD (simulated) H1");
});

test("re-importing into a stored data set shows what is replaced and asks; the dashboard counts the sample at once", async ({
  page,
}) => {
  await page.goto("/");
  await expect(page.getByTestId("dataset-count")).toHaveText("0 data sets stored on this device.");
  await page.locator(".market-card").getByRole("button", { name: "Load sample data" }).click();
  await expect(page.getByTestId("dataset-count")).toHaveText("1 data set stored on this device.", {
    timeout: 20_000,
  });

  const rows = (from: number, n: number) =>
    Array.from({ length: n }, (_, i) => {
      const t = new Date(Date.UTC(2024, 0, 2) + (from + i) * 3_600_000)
        .toISOString()
        .slice(0, 16)
        .replace("T", " ");
      return `${t},1.1000,1.1010,1.0990,1.1005,100`;
    });
  const first = join(dir, "GBPUSD_H1.csv");
  writeFileSync(first, ["Time,Open,High,Low,Close,Volume", ...rows(0, 50)].join("\n"));
  const second = join(dir, "GBPUSD_H1_again.csv");
  writeFileSync(second, ["Time,Open,High,Low,Close,Volume", ...rows(40, 30)].join("\n"));

  await page.goto("/data");
  await page.getByLabel("Import price file").setInputFiles(first);
  await page.getByRole("button", { name: "Import", exact: true }).click();
  await expect(page.getByTestId("import-result")).toContainText("Imported 50 bars");

  await page.getByLabel("Import price file").setInputFiles(second);
  await page.getByRole("button", { name: "Import", exact: true }).click();
  const question = page.getByTestId("merge-question");
  await expect(question).toContainText("GBPUSD H1 is already stored: 50 bars from 2024-01-02 00:00");
  await expect(question).toContainText("starts at 2024-01-03 16:00");
  await expect(question).toContainText("replaced");
  await page.getByRole("button", { name: "Keep what is stored" }).click();
  await expect(question).toHaveCount(0);
  await expect(page.getByTestId("import-result")).toHaveCount(0);
  const gbp = page.getByTestId("dataset-row").filter({ hasText: "GBPUSD" });
  await expect(gbp.getByTestId("dataset-bars")).toHaveText("50");

  await page.getByRole("button", { name: "Import", exact: true }).click();
  await page.getByRole("button", { name: "Merge and replace" }).click();
  await expect(page.getByTestId("import-result")).toContainText("(20 new, 10 stored bars replaced)");
  await expect(gbp.getByTestId("dataset-bars")).toHaveText("70");
});
