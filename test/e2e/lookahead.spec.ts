/**
 * Look-ahead in user strategies, as a trader meets it: a read past the current bar in next()
 * stops the run with the line; "Check look-ahead" in the strategy editor flags a series
 * computed in init from later bars (and clears a causal strategy); the backtest, the
 * optimisation and the walk-forward of the flagged strategy carry the warning.
 */
import { readFileSync } from "node:fs";
import { resolve } from "node:path";
import { expect, type Page, test } from "../support/e2e.ts";

const PEEK_INIT = readFileSync(
  resolve(import.meta.dirname, "../fixtures/backtest/peek-init-user.js"),
  "utf8",
);
const SMA_CROSS = readFileSync(
  resolve(import.meta.dirname, "../fixtures/backtest/sma-cross-user.js"),
  "utf8",
);

async function openEditorOnSample(page: Page): Promise<void> {
  await page.goto("/data");
  await page.getByRole("button", { name: "Load sample data" }).click();
  await expect(page.getByTestId("dataset-row")).toHaveCount(1, { timeout: 30_000 });
  await page.goto("/backtest");
  await expect(page.getByLabel("Data set")).toContainText("8,000 bars");
  await page.getByRole("link", { name: "Strategy editor" }).click();
}

test("look-ahead: next() past the bar fails with its line; the check flags init peeking; results carry the warning", async ({
  page,
}) => {
  await openEditorOnSample(page);
  const editor = page.getByTestId("strategy-code");

  await editor.fill("export function next(ctx, i) {\n  if (ctx.close[i + 1] > ctx.close[i]) ctx.buy();\n}\n");
  await page.getByRole("button", { name: "Save and run" }).click();
  await expect(page.getByTestId("strategy-error")).toContainText(
    /Line 2: Look-ahead: ctx\.close\[\d+\] is read at bar \d+/,
    { timeout: 30_000 },
  );

  // A causal strategy, as a new one, passes the check.
  await page.getByLabel("Saved strategies").selectOption({ label: "New strategy" });
  await editor.fill(SMA_CROSS);
  await page.getByRole("button", { name: "Check look-ahead" }).click();
  await expect(page.getByTestId("strategy-note")).toContainText("No look-ahead found", { timeout: 30_000 });
  await expect(page.getByTestId("lookahead-warning")).toHaveCount(0);

  // A series built in init from the next bar's close is flagged, with the bar and the series.
  await page.getByLabel("Name").fill("Peeks in init");
  await editor.fill(PEEK_INIT);
  await page.getByRole("button", { name: "Check look-ahead" }).click();
  const warning = page.getByTestId("lookahead-warning");
  await expect(warning).toBeVisible({ timeout: 30_000 });
  await expect(warning).toContainText("not trustworthy");
  await expect(warning.getByTestId("lookahead-finding").filter({ hasText: "this.up" })).toHaveCount(1);

  // Its backtest results carry the warning.
  await page.getByRole("button", { name: "Save and run" }).click();
  await expect(page.getByTestId("strategy-note")).toContainText("Ran:", { timeout: 30_000 });
  await page.locator(".bt-tabs").getByRole("link", { name: "Backtest", exact: true }).click();
  await expect(page.getByTestId("backtest-results").getByTestId("lookahead-warning")).toBeVisible();

  // An optimisation of it runs the check first and shows the warning with the results.
  await page.getByRole("link", { name: "Optimise" }).click();
  await page.getByLabel("Vary hold").check();
  await page.getByLabel("hold start").fill("1");
  await page.getByLabel("hold stop").fill("2");
  await page.getByLabel("hold step").fill("1");
  await page.getByRole("button", { name: "Run optimisation" }).click();
  const results = page.getByTestId("optimise-results");
  await expect(results).toBeVisible({ timeout: 60_000 });
  await expect(results.getByTestId("lookahead-warning")).toContainText("this.up");

  // So does a walk-forward of it.
  await page.getByRole("link", { name: "Walk-forward" }).click();
  await page.getByLabel("In-sample bars").fill("3000");
  await page.getByLabel("Out-of-sample bars").fill("2500");
  await page.getByLabel("Vary hold").check();
  await page.getByLabel("hold start").fill("1");
  await page.getByLabel("hold stop").fill("2");
  await page.getByLabel("hold step").fill("1");
  await page.getByRole("button", { name: "Run walk-forward" }).click();
  const walk = page.getByTestId("walk-forward-results");
  await expect(walk).toBeVisible({ timeout: 60_000 });
  await expect(walk.getByTestId("lookahead-warning")).toContainText("this.up");
});
