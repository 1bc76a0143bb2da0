/**
 * ML bots in Chromium: load the simulated sample, train a small MLP from the Bots page in
 * the ML worker (wasm backend), watch the loss and accuracy curves grow per epoch, read the
 * out-of-sample report (figures checked against their own confusion matrix), find the
 * model in the registry, create a bot from it, activate it on paper with market replay,
 * see it trade and journal its decisions with features, deactivate it; then go offline,
 * reload, and train again with the precached wasm binaries. A forced WebGPU backend falls
 * back to wasm where the device has no WebGPU adapter (headless Chromium).
 */
import { readFileSync } from "node:fs";
import { type Download, expect, type Page, test } from "../support/e2e.ts";
import { waitForServiceWorkerControl } from "../support/service-worker.ts";

async function loadSample(page: Page): Promise<void> {
  await page.goto("/data");
  await page.getByRole("button", { name: "Load sample data" }).click();
  await expect(page.getByTestId("dataset-row")).toHaveCount(1, { timeout: 30_000 });
}

async function trainSmall(page: Page, name: string): Promise<void> {
  await page.getByLabel("Model name").fill(name);
  await page.getByLabel("Model", { exact: true }).selectOption("mlp");
  await page.getByLabel("Epochs (max)").fill("4");
  await page.getByLabel("Walk-forward windows").fill("2");
  await page.getByRole("button", { name: "Train", exact: true }).click();
}

test("train a model on the sample, read the report, run it as a bot on paper, and train offline", async ({
  page,
  context,
}) => {
  test.setTimeout(300_000);
  const cspViolations: string[] = [];
  page.on("console", (m) => {
    if (/Content Security Policy|wasm-unsafe-eval/i.test(m.text())) cspViolations.push(m.text());
  });
  await loadSample(page);
  await page.goto("/bots");
  await expect(page.getByRole("heading", { level: 1, name: "Bots" })).toBeVisible();
  await expect(page.getByLabel("Data set")).toContainText("8,000 bars");

  // Every phase the page shows while training, recorded as it changes (a window can finish
  // between two looks, so a single look at the phase would race the training).
  await page.evaluate(() => {
    const seen: string[] = [];
    (window as unknown as { phasesSeen: string[] }).phasesSeen = seen;
    new MutationObserver(() => {
      const text = document.querySelector('[data-testid="training-phase"]')?.textContent ?? "";
      if (text && seen.at(-1) !== text) seen.push(text);
    }).observe(document.body, { subtree: true, childList: true, characterData: true });
  });
  await trainSmall(page, "sample-mlp");
  // The backend is chosen automatically and shown: headless Chromium has no hardware GPU -> wasm.
  await expect(page.getByTestId("ml-backend")).toHaveText("wasm", { timeout: 30_000 });
  // The curves grow epoch by epoch while training runs.
  const lossPath = page.getByTestId("loss-chart").locator("path").first();
  await expect
    .poll(async () => Number(await lossPath.getAttribute("data-points")), { timeout: 60_000 })
    .toBeGreaterThanOrEqual(2);

  const report = page.getByTestId("oos-report");
  await expect(report).toBeVisible({ timeout: 150_000 });
  // It said which walk-forward window it was training, one after the other.
  const phases = await page.evaluate(() => (window as unknown as { phasesSeen: string[] }).phasesSeen);
  expect(phases.some((p) => /window 1 of 2/.test(p))).toBe(true);
  expect(phases.some((p) => /window 2 of 2/.test(p))).toBe(true);
  await expect(page.getByTestId("window-done")).toHaveCount(2);
  await expect(page.getByTestId("window-done").first()).toContainText(/kept epoch [1-4]/);
  // The stored model keeps each window's curve.
  await expect(page.getByTestId("report-curves").locator("path")).toHaveCount(2);
  await expect(page.getByTestId("report-setup")).toContainText("direction after 1 bar");
  // The accuracy shown is the confusion matrix's (tp + tn) / all.
  const cells = (await page.getByTestId("confusion-matrix").locator("tbody td").allTextContents()).map(
    Number,
  );
  const [tp, fn, fp, tn] = cells;
  const accuracy = Number(await page.getByTestId("oos-accuracy").getAttribute("data-value"));
  expect(accuracy).toBeCloseTo((tp + tn) / (tp + fn + fp + tn), 6);
  expect(tp + fn + fp + tn).toBeGreaterThan(1000);
  // A simulated random-ish series: no model should look much better than a coin here.
  expect(accuracy).toBeGreaterThan(0.4);
  expect(accuracy).toBeLessThan(0.6);
  await expect(page.getByTestId("control-accuracy")).toBeVisible();
  await expect(page.getByTestId("report-backtests")).toContainText("Buy and hold");
  await expect(page.getByTestId("report-backtests")).toContainText("Shuffled-label control");
  await expect(page.getByTestId("report-verdict")).not.toBeEmpty();

  // The registry holds the model as version 1.
  await expect(page.getByTestId("model-row")).toHaveCount(1);
  await expect(page.getByTestId("model-row")).toContainText("sample-mlp");
  await expect(page.getByTestId("model-row")).toContainText("v1");

  // Export as files and import them back: the same model as the next version.
  const files: Download[] = [];
  page.on("download", (d) => files.push(d));
  await page.getByTestId("model-row").getByRole("button", { name: "Export" }).click();
  await expect.poll(() => files.length).toBe(2);
  const names = files.map((d) => d.suggestedFilename()).sort();
  expect(names).toEqual(["sample-mlp-v1.model.json", "sample-mlp-v1.weights.bin"]);
  const payloads = await Promise.all(
    files.map(async (d) => ({
      name: d.suggestedFilename(),
      mimeType: "application/octet-stream",
      buffer: readFileSync(await d.path()),
    })),
  );
  await page.getByLabel("Import model (model.json + weights.bin)").setInputFiles(payloads.reverse());
  await expect(page.getByTestId("models-message")).toHaveText("Imported sample-mlp as version 2.");
  await expect(page.getByTestId("model-row")).toHaveCount(2);

  // A bot from the model, on paper with market replay.
  await page.getByLabel("Bot name").fill("Sample bot");
  await page.getByRole("button", { name: "Create bot" }).click();
  const card = page.getByTestId("bot-card").filter({ hasText: "Sample bot" });
  await expect(page.getByTestId("bot-card")).toHaveCount(1);
  await expect(card.getByTestId("bot-status")).toHaveText("Inactive");
  await card.getByRole("button", { name: "Activate" }).click();
  await expect(card.getByTestId("bot-status")).toHaveText("Active on paper (replay)");
  // Step bars until the bot has traded (each bar also plays at 1000x on its own).
  const trades = card.locator(
    '[data-testid="bot-decision"][data-action="buy"], [data-testid="bot-decision"][data-action="sell"]',
  );
  for (let k = 0; k < 10 && (await trades.count()) === 0; k++) {
    await card.getByRole("button", { name: "Step bar" }).click();
    await page.waitForTimeout(300);
  }
  await expect(trades.first()).toBeVisible({ timeout: 20_000 });
  await expect(card.getByTestId("bot-position")).toHaveText(/long|short/);
  // Each decision is journaled with the features that produced it.
  await expect(trades.first()).toContainText("ret_lag1");
  await expect(trades.first().locator("td").nth(4)).not.toHaveText("0");
  await card.getByRole("button", { name: "Step bar" }).click();
  await expect
    .poll(async () => Number(await card.getByTestId("bot-pl").getAttribute("data-value")))
    .not.toBe(0);

  await card.getByRole("button", { name: "Deactivate" }).click();
  await expect(card.getByTestId("bot-status")).toHaveText("Inactive");
  await expect(card.getByTestId("bot-position")).toHaveText("flat");

  // A bot can also run a built-in strategy.
  await page.getByLabel("Bot name").fill("SMA bot");
  await page.getByLabel("Runs").selectOption("strategy:sma-cross");
  await page.getByRole("button", { name: "Create bot" }).click();
  const smaCard = page.getByTestId("bot-card").filter({ hasText: "SMA bot" });
  await smaCard.getByRole("button", { name: "Activate" }).click();
  await smaCard.getByRole("button", { name: "Step bar" }).click();
  await expect(smaCard.locator('[data-testid="bot-decision"]').first()).toHaveAttribute(
    "data-action",
    /buy|sell/,
  );
  await smaCard.getByRole("button", { name: "Deactivate" }).click();
  await expect(smaCard.getByTestId("bot-status")).toHaveText("Inactive");

  // The bot's paper account is on the Trade page with the trades it closed.
  await page.goto("/trade");
  const account = page.locator("select").filter({ hasText: "Bot: Sample bot" });
  await account.selectOption({ label: "Bot: Sample bot (paper, USD)" });
  await expect(page.getByTestId("history-row").first()).toBeVisible({ timeout: 20_000 });
  await page.goto("/bots");
  await expect(page.getByTestId("bot-card")).toHaveCount(2);

  // Offline: the app, the worker and the wasm binaries come from the service worker's cache.
  await waitForServiceWorkerControl(page);
  await context.setOffline(true);
  await page.reload();
  await expect(page.getByRole("heading", { level: 1, name: "Bots" })).toBeVisible();
  await trainSmall(page, "offline-mlp");
  await expect(page.getByTestId("ml-backend")).toHaveText("wasm", { timeout: 30_000 });
  await expect(page.getByTestId("oos-report")).toBeVisible({ timeout: 150_000 });
  await expect(page.getByTestId("model-row")).toHaveCount(3);

  // Cancel stops a run and saves nothing.
  await page.getByLabel("Epochs (max)").fill("200");
  await page.getByLabel("Early-stopping patience").fill("0");
  await page.getByRole("button", { name: "Train", exact: true }).click();
  await expect
    .poll(async () => Number(await lossPath.getAttribute("data-points")), { timeout: 60_000 })
    .toBeGreaterThanOrEqual(1);
  await page.getByRole("button", { name: "Cancel" }).click();
  await expect(page.getByRole("alert")).toHaveText("Training cancelled; nothing was saved.", {
    timeout: 30_000,
  });
  await expect(page.getByTestId("model-row")).toHaveCount(3);
  await context.setOffline(false);
  expect(cspViolations).toEqual([]);
});

test("forcing WebGPU where the device has none falls back to wasm and still trains", async ({ page }) => {
  await loadSample(page);
  await page.goto("/bots");
  await expect(page.getByLabel("Data set")).toContainText("8,000 bars");
  // Headless Chromium gives no WebGPU adapter: the webgpu chunk is tried (imported lazily in
  // the ML worker) and the next backend in the order, wasm, is the one shown and used.
  await page.getByLabel("Backend").selectOption("webgpu");
  await trainSmall(page, "webgpu-fallback-mlp");
  await expect(page.getByTestId("ml-backend")).toHaveText("wasm", { timeout: 30_000 });
  await expect(page.getByTestId("oos-report")).toBeVisible({ timeout: 150_000 });
});
