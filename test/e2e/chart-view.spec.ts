/**
 * Chart views across timeframe switches (issue 12 item 5): every switch fits the visible
 * range (no six huge candles, no sliver at the left), keeps the time under the cursor, and
 * going back to H1 restores a normal view; zooming far out in Auto on a 200k-bar M1 set
 * keeps the chart filled. Reads the chart's visible logical range and bar count (the
 * data-logical-from/to and data-bars attributes of the chart element), not pixels.
 */
import { closeSync, mkdtempSync, openSync, rmSync, writeSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { expect, type Page, test } from "../support/e2e.ts";

const HOUR = 3_600_000;
const DAY = 24 * HOUR;

let dir: string;
test.beforeAll(() => {
  dir = mkdtempSync(join(tmpdir(), "forex-ai-chart-e2e-"));
});
test.afterAll(() => rmSync(dir, { recursive: true, force: true }));

interface View {
  from: number;
  to: number;
  bars: number;
  /** bars of data inside the visible logical range */
  inView: number;
  span: number;
}

async function view(page: Page): Promise<View> {
  const el = page.getByTestId("chart");
  const [from, to, bars] = await Promise.all([
    el.getAttribute("data-logical-from"),
    el.getAttribute("data-logical-to"),
    el.getAttribute("data-bars"),
  ]);
  const f = Number(from);
  const t = Number(to);
  const n = Number(bars);
  const inView = Math.max(0, Math.min(t, n - 1) - Math.max(f, 0) + 1);
  return { from: f, to: t, bars: n, inView, span: t - f };
}

/** Waits until the chart shows `tf` and its view has settled on that timeframe's bars. */
async function settled(page: Page, tf: string): Promise<View> {
  await expect(page.getByTestId("chart-legend").locator("strong")).toContainText(`· ${tf}`);
  await expect(page.getByTestId("chart-status")).not.toContainText("loading");
  await expect
    .poll(async () => {
      const v = await view(page);
      const shown = Number(((await page.getByTestId("chart-bars").textContent()) ?? "").replace(/,/g, ""));
      return v.bars === shown && v.bars > 0;
    })
    .toBe(true);
  return view(page);
}

/** A sensible fit: mostly data on screen and more than a handful of candles. */
function expectFilled(v: View, what: string): void {
  expect(v.inView, `${what}: bars on screen ${JSON.stringify(v)}`).toBeGreaterThanOrEqual(
    Math.min(40, v.bars),
  );
  expect(v.inView / v.span, `${what}: share of the view holding data ${JSON.stringify(v)}`).toBeGreaterThan(
    0.6,
  );
}

/** The bar time shown in the legend while the mouse is at (x, y) of the chart. */
async function timeAt(page: Page, x: number, y: number): Promise<number> {
  const box = await page.getByTestId("chart").boundingBox();
  if (!box) throw new Error("no chart box");
  await page.mouse.move(box.x + x + 1, box.y + y);
  await page.mouse.move(box.x + x, box.y + y);
  const legend = page.getByTestId("chart-legend");
  await expect(legend).toContainText(/\d{4}-\d\d-\d\d \d\d:\d\d O/);
  const text = (await legend.textContent()) ?? "";
  const m = /(\d{4}-\d\d-\d\d) (\d\d:\d\d) O/.exec(text);
  if (!m) throw new Error(`no time in the legend: ${text}`);
  return Date.parse(`${m[1]}T${m[2]}:00Z`);
}

async function clickTf(page: Page, tf: string): Promise<void> {
  await page.getByRole("button", { name: tf, exact: true }).click();
}

test("timeframe switches fit the view and keep the time under the cursor (D1 -> H1 -> D1 -> W1 -> H4 -> H1)", async ({
  page,
}) => {
  await page.goto("/data");
  await page.getByRole("button", { name: "Load sample data" }).click();
  await expect(page.getByTestId("dataset-row")).toHaveCount(1, { timeout: 20_000 });
  await page.goto("/chart");
  const h1 = await settled(page, "H1");
  expectFilled(h1, "H1 at first");

  await clickTf(page, "D1");
  const d1 = await settled(page, "D1");
  expectFilled(d1, "D1 after H1");
  // the same bar spacing: about as many candles as before, not six
  expect(d1.span).toBeGreaterThan(h1.span * 0.5);

  // drag half a chart back into the past, so the cursor is far from both ends of the data
  const box = await page.getByTestId("chart").boundingBox();
  if (!box) throw new Error("no chart box");
  const y = Math.round(box.height * 0.3);
  await page.mouse.move(box.x + box.width * 0.2, box.y + y);
  await page.mouse.down();
  await page.mouse.move(box.x + box.width * 0.7, box.y + y, { steps: 10 });
  await page.mouse.up();
  const x = Math.round(box.width * 0.4);
  const t0 = await timeAt(page, x, y);

  await clickTf(page, "H1");
  const back = await settled(page, "H1");
  expectFilled(back, "H1 after D1");
  expect(back.span).toBeGreaterThan(d1.span * 0.5);
  expect(back.span).toBeLessThan(d1.span * 2);
  const tH1 = await timeAt(page, x, y);
  expect(tH1 - t0, "the hour under the cursor lies in the day that was under it").toBeGreaterThanOrEqual(0);
  expect(tH1 - t0).toBeLessThan(DAY);

  await clickTf(page, "D1");
  const again = await settled(page, "D1");
  expectFilled(again, "D1 again");
  expect(await timeAt(page, x, y), "the same day under the cursor").toBe(t0);

  await clickTf(page, "W1");
  const w1 = await settled(page, "W1");
  // ~48 weekly bars: fewer than the view holds, so all of them are shown
  expect(w1.inView).toBe(w1.bars);
  expectFilled(w1, "W1");
  // zooming out further cannot shrink the data to a sliver: the edges hold when all of it is shown
  await page.mouse.move(box.x + x, box.y + y);
  for (let i = 0; i < 10; i++) await page.mouse.wheel(0, 500);
  await expect.poll(async () => (await view(page)).span).toBeGreaterThan(0);
  expectFilled(await view(page), "W1 zoomed out");

  await clickTf(page, "H4");
  expectFilled(await settled(page, "H4"), "H4");
  await clickTf(page, "H1");
  expectFilled(await settled(page, "H1"), "H1 after W1 and H4");
});

const CLOCK = Array.from({ length: 1440 }, (_, m) => {
  const hh = String(Math.floor(m / 60)).padStart(2, "0");
  return `${hh}:${String(m % 60).padStart(2, "0")}:00`;
});

/** A valid M1 CSV of n rows from 2024-01-01 00:00 UTC (every minute). */
function writeM1Csv(name: string, n: number): string {
  const path = join(dir, name);
  const fd = openSync(path, "w");
  writeSync(fd, "Time,Open,High,Low,Close,Volume\n");
  const start = Date.UTC(2024, 0, 1);
  let price = 1.1;
  let lines: string[] = [];
  for (let i = 0; i < n; i++) {
    const day = new Date(start + Math.floor(i / 1440) * DAY).toISOString().slice(0, 10);
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

test("zooming far out in Auto on a 200k-bar M1 set keeps the chart filled", async ({ page }) => {
  test.setTimeout(120_000);
  const csv = writeM1Csv("EURUSD_M1.csv", 200_000);
  await page.goto("/data");
  await page.getByLabel("Import price file").setInputFiles(csv);
  await page.getByRole("button", { name: "Import", exact: true }).click();
  await expect(page.getByTestId("import-result")).toBeVisible({ timeout: 60_000 });
  await page.getByTestId("dataset-row").first().getByRole("link", { name: "Chart" }).click();
  await expect(page.getByTestId("chart-status")).toContainText("(auto)");
  await expect(page.getByTestId("chart").locator("canvas").first()).toBeVisible();
  const box = await page.getByTestId("chart").boundingBox();
  if (!box) throw new Error("no chart box");
  await page.mouse.move(box.x + box.width * 0.5, box.y + box.height * 0.3);
  const seen = new Set<string>();
  for (let burst = 0; burst < 10; burst++) {
    for (let i = 0; i < 8; i++) await page.mouse.wheel(0, 500);
    await page.waitForTimeout(400); // a pause in zooming: the chart reports the range (250 ms debounce)
    await expect(page.getByTestId("chart-status")).not.toContainText("loading");
    const tf = (await page.getByTestId("chart-legend").locator("strong").textContent()) ?? "";
    seen.add(tf.split("· ")[1] ?? "");
    const v = await view(page);
    expect(v.inView / v.span, `after zoom burst ${burst} at ${tf}: ${JSON.stringify(v)}`).toBeGreaterThan(
      0.5,
    );
  }
  // settle: the last auto switch and window load have happened
  await expect
    .poll(
      async () => {
        const v = await view(page);
        return v.inView / v.span;
      },
      { timeout: 15_000 },
    )
    .toBeGreaterThan(0.6);
  const v = await view(page);
  expect(v.inView, JSON.stringify(v)).toBeGreaterThanOrEqual(40);
  // zooming out moved auto off M1 to a higher timeframe
  expect(
    [...seen].some((tf) => ["H1", "H4", "D1", "W1", "M30"].includes(tf)),
    [...seen].join(","),
  ).toBe(true);
});
