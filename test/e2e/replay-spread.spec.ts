/**
 * Replay with the data's own spread (issue 8, item 3): a small MetaTrader 5 export with a
 * <SPREAD> column is imported on the Data page through the file picker, the data set shows
 * that it has its own spread (and exports it back from IndexedDB), and replay on the Trade page quotes each bar's ask at the
 * file's bid plus that bar's spread (points x 0.00001 on EURUSD), saying the spread comes
 * from the data. The simulated sample, without such a column, uses the Settings spread, and so
 * does a file whose column is 0 on every bar (set aside on import, with a note saying so).
 * Expected prices are the file's own cells, written out below.
 */
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { expect, type Page, test } from "../support/e2e.ts";

/** Ten H1 bars (tab-separated, as MT5's Export Bars writes them); spreads in points vary. */
const SPREADS = [12, 7, 25, 0, 15, 9, 11, 8, 14, 10];
const HEADER = "<DATE>\t<TIME>\t<OPEN>\t<HIGH>\t<LOW>\t<CLOSE>\t<TICKVOL>\t<VOL>\t<SPREAD>";
const ROWS = [
  "2024.03.05\t10:00:00\t1.08500\t1.08560\t1.08470\t1.08530",
  "2024.03.05\t11:00:00\t1.08530\t1.08575\t1.08490\t1.08510",
  "2024.03.05\t12:00:00\t1.08510\t1.08600\t1.08500\t1.08590",
  "2024.03.05\t13:00:00\t1.08590\t1.08620\t1.08540\t1.08550",
  "2024.03.05\t14:00:00\t1.08550\t1.08580\t1.08520\t1.08570",
  "2024.03.05\t15:00:00\t1.08570\t1.08610\t1.08560\t1.08600",
  "2024.03.05\t16:00:00\t1.08600\t1.08640\t1.08580\t1.08620",
  "2024.03.05\t17:00:00\t1.08620\t1.08650\t1.08590\t1.08600",
  "2024.03.05\t18:00:00\t1.08600\t1.08630\t1.08570\t1.08610",
  "2024.03.05\t19:00:00\t1.08610\t1.08660\t1.08600\t1.08640",
].map((r, i) => `${r}\t${1000 + i}\t0\t${SPREADS[i]}`);

let dir: string;
test.beforeAll(() => {
  dir = mkdtempSync(join(tmpdir(), "forex-ai-spread-e2e-"));
});
test.afterAll(() => rmSync(dir, { recursive: true, force: true }));

async function quote(page: Page): Promise<{ bid: number; ask: number }> {
  return {
    bid: Number(await page.getByTestId("bid").textContent()),
    ask: Number(await page.getByTestId("ask").textContent()),
  };
}

test("an MT5 export with <SPREAD> replays with each bar's own spread", async ({ page }) => {
  const file = join(dir, "EURUSD_H1_spread.csv");
  writeFileSync(file, `${[HEADER, ...ROWS].join("\r\n")}\r\n`);

  await page.goto("/data");
  await page.getByLabel("Import price file").setInputFiles(file);
  await expect(page.getByTestId("detected-dialect")).toContainText("MetaTrader export");
  await expect(page.getByTestId("detected-dialect")).toContainText("own spread per bar (points)");
  await expect(page.getByTestId("preview-table")).toContainText("Spread (points)");
  await page.getByRole("button", { name: "Import", exact: true }).click();
  await expect(page.getByTestId("import-result")).toBeVisible({ timeout: 30_000 });
  const row = page.getByTestId("dataset-row");
  await expect(row).toHaveCount(1);
  await expect(row).toContainText("EURUSD");
  await expect(row.getByTestId("dataset-spread")).toHaveText("own spread");

  // what IndexedDB holds comes back out: the export has the file's spreads, bar by bar
  const [download] = await Promise.all([
    page.waitForEvent("download"),
    row.getByRole("button", { name: "Export CSV" }).click(),
  ]);
  const lines = readFileSync((await download.path()) ?? "", "utf8")
    .trim()
    .split("\n");
  expect(lines[0]).toBe("Time,Open,High,Low,Close,Volume,Spread");
  expect(lines.slice(1).map((l) => Number(l.split(",")[6]))).toEqual(SPREADS);

  await page.goto("/trade");
  await expect(page.getByRole("heading", { level: 1, name: "Trade" })).toBeVisible();
  const label = page.getByTestId("replay-spread");
  await expect(label).toContainText("Spread: from the data (varies per bar)");
  await page.getByRole("button", { name: "Start replay" }).click();
  await expect(page.getByTestId("replay-status")).toContainText("bar 1 of 10");

  // first quote: bar 1's open 1.08500 as the bid; ask = bid + 12 points = 1.08512
  await expect(page.getByTestId("bid")).toHaveText("1.08500");
  await expect(page.getByTestId("ask")).toHaveText("1.08512");
  await expect(label).toContainText("now 1.2 pips");

  // the rest of bar 1 ends at its close 1.08530 (ask 1.08542); the next whole bar ends at
  // bar 2's close 1.08510 with bar 2's spread of 7 points: ask 1.08517
  await page.getByRole("button", { name: "Step bar" }).click();
  await expect(page.getByTestId("bid")).toHaveText("1.08530");
  await expect(page.getByTestId("ask")).toHaveText("1.08542");
  await page.getByRole("button", { name: "Step bar" }).click();
  await expect(page.getByTestId("replay-status")).toContainText("bar 2 of 10");
  await expect(page.getByTestId("bid")).toHaveText("1.08510");
  await expect(page.getByTestId("ask")).toHaveText("1.08517");
  await expect(label).toContainText("now 0.7 pips");

  // bar 3: 25 points; bar 4: 0 points in the file, a zero spread (ask = bid)
  for (const [bar, close, spread] of [
    [3, "1.08590", 25],
    [4, "1.08550", 0],
  ] as const) {
    await page.getByRole("button", { name: "Step bar" }).click();
    await expect(page.getByTestId("replay-status")).toContainText(`bar ${bar} of 10`);
    await expect(page.getByTestId("bid")).toHaveText(close);
    const q = await quote(page);
    expect(Math.round((q.ask - q.bid) * 100_000)).toBe(spread);
  }
  await expect(page.getByTestId("replay-spread")).toHaveAttribute("data-source", "data");
});

test("an MT5 export whose <SPREAD> is 0 on every bar: the column is set aside, said so, and replay uses Settings", async ({
  page,
}) => {
  const file = join(dir, "EURUSD_H1_zero_spread.csv");
  const zeros = ROWS.map((r) => r.replace(/\t\d+$/, "\t0"));
  writeFileSync(file, `${[HEADER, ...zeros].join("\r\n")}\r\n`);

  await page.goto("/data");
  await page.getByLabel("Import price file").setInputFiles(file);
  await expect(page.getByTestId("detected-dialect")).toContainText("MetaTrader export");
  await expect(page.getByTestId("detected-dialect")).not.toContainText("own spread");
  await expect(page.getByTestId("import-note")).toContainText("0 (or empty) on every bar read");
  await page.getByRole("button", { name: "Import", exact: true }).click();
  await expect(page.getByTestId("import-result")).toBeVisible({ timeout: 30_000 });
  await expect(page.getByTestId("import-result-note")).toContainText("replay uses the spread from Settings");
  await expect(page.getByTestId("dataset-row").getByTestId("dataset-spread")).toHaveCount(0);

  await page.goto("/trade");
  await expect(page.getByTestId("replay-spread")).toHaveText("Spread: 0.6 pips from Settings");
});

test("the simulated sample (no spread column) replays with the Settings spread", async ({ page }) => {
  await page.goto("/data");
  await page.getByRole("button", { name: "Load sample data" }).click();
  await expect(page.getByTestId("dataset-row")).toHaveCount(1, { timeout: 30_000 });
  await expect(page.getByTestId("dataset-spread")).toHaveCount(0);

  await page.goto("/trade");
  const label = page.getByTestId("replay-spread");
  // EURUSD's default in Settings is 0.6 pips
  await expect(label).toHaveText("Spread: 0.6 pips from Settings");
  await page.getByRole("button", { name: "Start replay" }).click();
  await expect(page.getByTestId("replay-status")).toContainText("bar 1 of 8000");
  for (let k = 0; k < 2; k++) await page.getByRole("button", { name: "Step bar" }).click();
  await expect(page.getByTestId("replay-status")).toContainText("bar 2 of 8000");
  // bid and ask are read one after the other: poll so a quote changing between the two reads
  // is read again rather than taken for a wrong spread
  await expect
    .poll(async () => {
      const q = await quote(page);
      return Math.round((q.ask - q.bid) * 100_000);
    })
    .toBe(6);
  await expect(label).toHaveText("Spread: 0.6 pips from Settings");
  await expect(label).toHaveAttribute("data-source", "settings");
});
