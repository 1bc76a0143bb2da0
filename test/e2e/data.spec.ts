/**
 * Market data end to end: import a price file through the file picker, chart it, switch to
 * H4, reload offline and still see it; a broken file in abort mode shows line-numbered
 * errors and stores nothing; a cancelled import leaves the old data intact; "Load sample
 * data" puts a chart labelled simulated on the dashboard.
 */
import { closeSync, mkdtempSync, openSync, readFileSync, rmSync, writeFileSync, writeSync } from "node:fs";
import { tmpdir } from "node:os";
import { join, resolve } from "node:path";
import { expect, type Page, test } from "../support/e2e.ts";
import { waitForServiceWorkerControl } from "../support/service-worker.ts";

const repoRoot = resolve(import.meta.dirname, "../..");
/** The committed 8,000-bar H1 series (simulated prices), imported under a name with a symbol. */
const committedSample = resolve(repoRoot, "test/fixtures/backtest/SIM_H1.csv");

let dir: string;
test.beforeAll(() => {
  dir = mkdtempSync(join(tmpdir(), "forex-ai-data-e2e-"));
});
test.afterAll(() => rmSync(dir, { recursive: true, force: true }));

const CLOCK = Array.from({ length: 1440 }, (_, m) => {
  const hh = String(Math.floor(m / 60)).padStart(2, "0");
  return `${hh}:${String(m % 60).padStart(2, "0")}:00`;
});

/** Writes a valid M1 CSV of n rows from 2024-01-01 00:00 UTC (every minute: simple and valid). */
function writeM1Csv(name: string, n: number): string {
  const path = join(dir, name);
  const fd = openSync(path, "w");
  writeSync(fd, "Time,Open,High,Low,Close,Volume\n");
  const start = Date.UTC(2024, 0, 1);
  let price = 1.1;
  let lines: string[] = [];
  for (let i = 0; i < n; i++) {
    const day = new Date(start + Math.floor(i / 1440) * 86_400_000).toISOString().slice(0, 10);
    const next = price + (((i * 7919) % 11) - 5) * 0.00001;
    const hi = Math.max(price, next) + 0.00005;
    const lo = Math.min(price, next) - 0.00005;
    lines.push(
      `${day} ${CLOCK[i % 1440]},${price.toFixed(5)},${hi.toFixed(5)},${lo.toFixed(5)},${next.toFixed(5)},${100 + (i % 50)}`,
    );
    price = next;
    if (lines.length === 100_000) {
      writeSync(fd, `${lines.join("\n")}\n`);
      lines = [];
    }
  }
  if (lines.length > 0) writeSync(fd, `${lines.join("\n")}\n`);
  closeSync(fd);
  return path;
}

function writeTemp(name: string, text: string): string {
  const path = join(dir, name);
  writeFileSync(path, text);
  return path;
}

async function pickFile(page: Page, path: string): Promise<void> {
  await page.getByLabel("Import price file").setInputFiles(path);
  await expect(page.getByTestId("import-preview")).toBeVisible();
}

async function importFile(page: Page, path: string): Promise<void> {
  await pickFile(page, path);
  await page.getByRole("button", { name: "Import", exact: true }).click();
  // into a stored data set the page first asks (what is stored, what gets replaced)
  const merge = page.getByRole("button", { name: "Merge and replace" });
  if (await merge.isVisible()) await merge.click();
  await expect(page.getByTestId("import-result")).toBeVisible({ timeout: 30_000 });
}

async function datasetRows(page: Page): Promise<string[]> {
  const rows = page.getByTestId("dataset-row");
  return rows.evaluateAll((els) => els.map((e) => (e.textContent ?? "").replace(/\s+/g, " ").trim()));
}

async function barCount(page: Page): Promise<number> {
  const text = (await page.getByTestId("chart-bars").textContent()) ?? "";
  return Number(text.replace(/,/g, ""));
}

test("import a price file, chart it, switch to H4, reload offline and still see it", async ({
  page,
  context,
}) => {
  await page.goto("/data");
  // The file name carries the symbol and timeframe, as a broker export's does.
  await pickFile(page, writeTemp("EURUSD_H1.csv", readFileSync(committedSample, "utf8")));
  await expect(page.getByTestId("detected-dialect")).toContainText("CSV with header");
  await expect(page.getByTestId("preview-table").locator("tbody tr").first()).toBeVisible();
  await page.getByRole("button", { name: "Import", exact: true }).click();
  await expect(page.getByTestId("import-result")).toContainText("Imported");
  const row = page.getByTestId("dataset-row").first();
  await expect(row).toContainText("H1");
  const stored = Number(((await row.getByTestId("dataset-bars").textContent()) ?? "").replace(/,/g, ""));
  expect(stored).toBeGreaterThan(1000);

  const download = page.waitForEvent("download");
  await row.getByRole("button", { name: "Export CSV" }).click();
  const csv = readFileSync((await (await download).path()) ?? "", "utf8")
    .trimEnd()
    .split("\n");
  expect(csv[0]).toBe("Time,Open,High,Low,Close,Volume");
  expect(csv.length).toBe(stored + 1);

  await row.getByRole("link", { name: "Chart" }).click();
  await expect(page.getByRole("heading", { level: 1, name: "Chart" })).toBeVisible();
  await expect(page.getByTestId("chart").locator("canvas").first()).toBeVisible();
  const legend = page.getByTestId("chart-legend");
  await expect(legend).toContainText(/O \d+\.\d+ H \d+\.\d+ L \d+\.\d+ C \d+\.\d+/);
  await expect(legend).toContainText("H1");
  await expect.poll(() => barCount(page)).toBe(stored);

  await page.getByRole("button", { name: "H4", exact: true }).click();
  await expect(legend).toContainText("H4");
  await expect.poll(() => barCount(page)).toBeLessThan(stored / 3);
  const h4Bars = await barCount(page);
  expect(h4Bars).toBeGreaterThan(stored / 7);

  await waitForServiceWorkerControl(page);
  await page.waitForTimeout(600); // the remembered view is written 400 ms after a change
  await context.setOffline(true);
  await page.reload();
  await expect(page.getByTestId("online-status")).toHaveText("Offline");
  await expect(page.getByTestId("chart").locator("canvas").first()).toBeVisible();
  await expect(legend).toContainText(/H4 .*O \d+\.\d+ H \d+\.\d+ L \d+\.\d+ C \d+\.\d+/);
  await expect.poll(() => barCount(page)).toBe(h4Bars);
  await context.setOffline(false);
});

test("a broken file in abort mode shows line-numbered errors and stores nothing", async ({ page }) => {
  await page.goto("/data");
  await page.getByRole("button", { name: "Load sample data" }).click();
  await expect(page.getByTestId("dataset-row")).toHaveCount(1);
  const before = await datasetRows(page);

  const broken = [
    "Time,Open,High,Low,Close,Volume",
    "2024-03-04 10:00:00,1.1000,1.1010,1.0990,1.1005,100",
    "2024-03-04 11:00:00,1.1005,1.1015,1.0995,1.1010,120",
    "2024-03-04 12:00:00,1.1010,1.0900,1.1000,1.1012,90",
    "2024-03-04 13:00:00,1.1012,1.1020,1.1001,1.1015,80",
    "2024-03-04 13:00:00,1.1015,1.1022,1.1010,1.1018,70",
    "not a date,1.1,1.2,1.0,1.1,5",
    "2024-03-04 15:00:00,1.1018,1.1030,1.1011,1.1025,60",
  ].join("\n");
  await pickFile(page, writeTemp("EURUSD_H1_broken.csv", broken));
  const previewProblems = page.getByTestId("import-preview").getByTestId("problem-row");
  await expect(previewProblems).toHaveCount(3);
  await expect(previewProblems.nth(0)).toContainText("4");
  await expect(previewProblems.nth(0)).toContainText("1.1010,1.0900");
  await expect(previewProblems.nth(1)).toContainText("6");
  await expect(previewProblems.nth(2)).toContainText("not a date");

  await page.getByLabel("Bad rows").selectOption("abort");
  await page.getByRole("button", { name: "Import", exact: true }).click();
  await expect(page.getByTestId("import-error")).toContainText("line 4");
  await expect(page.getByTestId("import-error")).toContainText("Nothing was stored");
  const outcome = page.locator("[data-testid=problem-list]:not([data-testid=import-preview] *)");
  await expect(outcome.getByTestId("problem-row").first()).toContainText("4");
  expect(await datasetRows(page)).toEqual(before);
  await page.reload();
  await expect(page.getByTestId("dataset-row")).toHaveCount(1);
  expect(await datasetRows(page)).toEqual(before);
});

test("a cancelled import leaves the old data intact", async ({ page }) => {
  await page.goto("/data");
  await importFile(page, writeM1Csv("EURUSD_M1_small.csv", 2000));
  await expect(page.getByTestId("dataset-row")).toHaveCount(1);
  const before = await datasetRows(page);
  expect(before[0]).toContain("2,000");

  await pickFile(page, writeM1Csv("EURUSD_M1_big.csv", 1_500_000));
  await page.getByRole("button", { name: "Import", exact: true }).click();
  await page.getByRole("button", { name: "Merge and replace" }).click();
  const progress = page.getByTestId("import-progress");
  await expect(progress).toBeVisible();
  // halfway: some rows read, not all (the importer reads ~1M rows/s, so the file is large)
  await expect(page.getByTestId("progress-text")).toContainText(/[1-9][\d,]* rows read/, { timeout: 20_000 });
  await page.getByRole("button", { name: "Cancel" }).click();
  await expect(page.getByTestId("import-error")).toContainText("Import cancelled");
  expect(await datasetRows(page)).toEqual(before);
  await page.reload();
  await expect(page.getByTestId("dataset-row")).toHaveCount(1);
  expect(await datasetRows(page)).toEqual(before);

  // an overlapping import merges without duplicates: 2,000 stored + 3,000 overlapping = 3,000
  await importFile(page, writeM1Csv("EURUSD_M1_more.csv", 3000));
  await expect(page.getByTestId("import-result")).toContainText("(1,000 new, 2,000 stored bars replaced)");
  await expect(page.getByTestId("dataset-row")).toHaveCount(1);
  await expect(page.getByTestId("dataset-bars")).toHaveText("3,000");
});

test("Load sample data shows a chart labelled simulated on the dashboard and the chart page", async ({
  page,
}) => {
  await page.goto("/");
  const card = page.locator(".market-card");
  await card.getByRole("button", { name: "Load sample data" }).click();
  await expect(card.getByTestId("simulated-label")).toBeVisible({ timeout: 20_000 });
  await expect(card.getByTestId("chart").locator("canvas").first()).toBeVisible();
  await expect(card.getByTestId("chart-legend")).toContainText("EURUSD (simulated)");
  await card.getByRole("link", { name: "Open the chart" }).click();
  await expect(page.getByTestId("simulated-label")).toBeVisible();
  await expect(page.getByTestId("chart-legend")).toContainText(/simulated.*O \d+\.\d+/);
});
