/**
 * Layout checks measured in a real Chromium (issue 12 item 12): checkboxes sit beside their
 * labels, the two-factor panel's buttons are not stretched across the card, and the chart
 * with RSI and MACD fits a 900 px high window. Screenshots go to test-results/ for a look.
 */
import { expect, type Locator, type Page, test } from "../support/e2e.ts";
import { totpCode } from "../support/totp.ts";

const PASSWORD = "Plum-Orbit-Lantern-42";

/** Pixels between a checkbox and the start of its label's text, and their vertical offset. */
async function checkboxGap(label: Locator): Promise<{ gap: number; dy: number }> {
  return label.evaluate((el) => {
    const input = el.querySelector("input[type=checkbox]");
    if (!input) throw new Error("no checkbox");
    const text = [...el.childNodes].find((n) => n.nodeType === Node.TEXT_NODE && n.textContent?.trim());
    if (!text) throw new Error("no label text");
    const range = document.createRange();
    range.selectNodeContents(text);
    const rects = [...range.getClientRects()].filter((r) => r.width > 0);
    // the box may be wider than the box drawn: a checkbox is drawn square, centred in its box
    const a = input.getBoundingClientRect();
    const drawnRight = a.left + a.width / 2 + a.height / 2;
    const t = rects[0];
    return { gap: t.left - drawnRight, dy: Math.abs(t.top + t.height / 2 - (a.top + a.height / 2)) };
  });
}

async function expectBeside(page: Page, name: string): Promise<void> {
  const label = page
    .locator("label", { hasText: name })
    .filter({ has: page.locator("input[type=checkbox]") });
  const { gap, dy } = await checkboxGap(label.first());
  expect(gap, `${name}: checkbox to text`).toBeGreaterThanOrEqual(0);
  expect(gap, `${name}: checkbox to text`).toBeLessThan(16);
  expect(dy, `${name}: on one line`).toBeLessThan(8);
}

test("checkboxes sit beside their labels (Trade on close, Hedging, Anchored)", async ({ page }) => {
  await page.setViewportSize({ width: 1440, height: 900 });
  await page.goto("/backtest");
  await expect(page.getByText("Trade on close")).toBeVisible();
  await expectBeside(page, "Trade on close");
  await expectBeside(page, "Hedging");
  await page.screenshot({ path: test.info().outputPath("backtest-account.png") });
  await page.getByRole("link", { name: "Walk-forward" }).click();
  await expectBeside(page, "Anchored");
});

test("the chart with RSI and MACD fits a 900 px high window", async ({ page }) => {
  await page.setViewportSize({ width: 1280, height: 900 });
  await page.goto("/data");
  await page.getByRole("button", { name: "Load sample data" }).click();
  await expect(page.getByTestId("dataset-row")).toHaveCount(1, { timeout: 20_000 });
  await page.goto("/chart");
  await page.getByLabel("RSI", { exact: true }).check();
  await page.getByLabel("MACD (12, 26, 9)").check();
  const chart = page.getByTestId("chart");
  await expect(chart.locator("canvas").first()).toBeVisible();
  await page.waitForFunction(() => document.querySelectorAll("[data-testid=chart] canvas").length > 0);
  const box = await chart.boundingBox();
  if (!box) throw new Error("no chart");
  expect(box.y + box.height, "bottom of the chart (MACD pane) within the window").toBeLessThanOrEqual(900);
  // and the price pane is still the biggest: at least 300 px of a chart no taller than the window
  expect(box.height).toBeGreaterThanOrEqual(520);
  await page.screenshot({ path: test.info().outputPath("chart-rsi-macd.png") });
});

test("the two-factor panel's buttons are not stretched across the card", async ({ page }) => {
  await page.setViewportSize({ width: 1440, height: 900 });
  await page.goto("/register");
  await page.getByLabel("Email").fill(`layout-${Date.now()}@example.com`);
  await page.getByLabel("Password").fill(PASSWORD);
  await page.getByRole("button", { name: "Create account" }).click();
  await expect(page.getByTestId("signed-in-email")).toBeVisible();
  const panel = page.locator("section.card", {
    has: page.getByRole("heading", { name: "Two-factor authentication" }),
  });
  const narrow = async (what: string) => {
    const card = await panel.boundingBox();
    if (!card) throw new Error("no panel");
    for (const b of await panel.getByRole("button").all()) {
      const r = await b.boundingBox();
      if (!r) continue;
      expect(r.width, `${what}: "${await b.textContent()}" width vs panel ${card.width}`).toBeLessThan(
        card.width * 0.5,
      );
    }
  };
  await narrow("off");
  await page.getByRole("button", { name: "Set up two-factor authentication" }).click();
  const secret = ((await page.getByTestId("totp-secret").textContent()) ?? "").replace(/\s+/g, "");
  await narrow("setting up");
  await page.getByLabel(/Enter the 6-digit code/).fill(await totpCode(secret, Date.now()));
  await page.getByRole("button", { name: "Turn on" }).click();
  await expect(page.getByTestId("recovery-code")).toHaveCount(10);
  await page
    .getByRole("button", { name: /done|saved/i })
    .first()
    .click();
  await expect(page.getByTestId("twofa-status")).toContainText("is on");
  await narrow("on");
  await page.screenshot({ path: test.info().outputPath("security-2fa.png"), fullPage: true });
});
