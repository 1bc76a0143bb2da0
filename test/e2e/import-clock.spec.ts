/**
 * Import clocks (issue 12 item 7): a MetaTrader export is written in broker time, so the
 * import preselects MetaTrader broker time (UTC+2, UTC+3 in US summer time), says so in the
 * preview, and the previewed and stored times are UTC.
 */
import { mkdtempSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { expect, test } from "../support/e2e.ts";

let dir: string;
test.beforeAll(() => {
  dir = mkdtempSync(join(tmpdir(), "forex-ai-clock-e2e-"));
});
test.afterAll(() => rmSync(dir, { recursive: true, force: true }));

test("an MT5 export preselects broker time, says so, and previews UTC times", async ({ page }) => {
  const rows = ["<DATE>\t<TIME>\t<OPEN>\t<HIGH>\t<LOW>\t<CLOSE>\t<TICKVOL>\t<VOL>\t<SPREAD>"];
  // 2024-01-02 (winter: broker = UTC+2) and 2024-03-20 (US summer, EU winter: broker = UTC+3)
  for (const day of ["2024.01.02", "2024.03.20"])
    for (let h = 0; h < 4; h++)
      rows.push(
        `${day}\t${String(h).padStart(2, "0")}:00:00\t1.09412\t1.09468\t1.09385\t1.09441\t1520\t0\t2`,
      );
  const path = join(dir, "EURUSD_H1.csv");
  writeFileSync(path, `${rows.join("\n")}\n`);

  await page.goto("/data");
  await page.getByLabel("Import price file").setInputFiles(path);
  await expect(page.getByTestId("detected-dialect")).toContainText("MetaTrader export");
  await expect(page.getByLabel("Time zone of the file")).toHaveValue("broker-ny");
  await expect(page.getByTestId("tz-note")).toContainText("broker's server time");
  await expect(page.getByTestId("tz-note")).toContainText("UTC+3 while the US is on summer time");
  const cells = page.getByTestId("preview-table").locator("tbody tr td:first-child");
  // hand conversion: 00:00 broker on 2 January = 22:00 UTC on 1 January; on 20 March = 21:00 UTC on 19 March
  await expect(cells.first()).toContainText("2024-01-01 22:00");
  await expect(cells.nth(4)).toContainText("2024-03-19 21:00");

  // a plain CSV afterwards goes back to UTC and shows no broker note
  const plain = join(dir, "plain_H1.csv");
  writeFileSync(
    plain,
    "Time,Open,High,Low,Close\n2024-01-02 00:00,1.1,1.2,1.0,1.1\n2024-01-02 01:00,1.1,1.2,1.0,1.1\n",
  );
  await page.getByLabel("Import price file").setInputFiles(plain);
  await expect(page.getByTestId("detected-dialect")).toContainText("CSV with header");
  await expect(page.getByLabel("Time zone of the file")).toHaveValue("utc");
  await expect(page.getByTestId("tz-note")).toHaveCount(0);
});
