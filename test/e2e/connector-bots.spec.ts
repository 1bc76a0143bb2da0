/**
 * A bot on the connector, driven as a person would: load the sample, register, see why the
 * Connector target is unavailable, link a real paper connector (`node connector/bin.mjs`)
 * whose market clock runs 7,200x (broker.speed: an H1 bar every half second, so the bot's
 * own H1 timeframe is rehearsed in seconds), train a small model, create a bot on the
 * connector and activate it; decisions appear in the journal with their features and the
 * broker's answer, the position shows on the Connector page; stopping the connector pauses
 * the bot (status and journal), starting it again resumes it; deactivating closes it;
 * activating while the connector is stopped shows Activating… (disabled) and then the reason.
 */
import { ConnectorProcess } from "../support/connector-process.ts";
import { expect, type Page, test } from "../support/e2e.ts";

const PASSWORD = "a sturdy passphrase 42";
let connector: ConnectorProcess | null = null;

test.afterEach(async () => {
  await connector?.dispose();
  connector = null;
});

/** Links a paper connector, sets its market clock to 7,200x (EURUSD only), and runs it. */
function startFastPaperConnector(code: string): void {
  connector = new ConnectorProcess();
  connector.link(code, "bot box");
  // What a person does in config.json (docs/connector.md, "Paper"): 100 ms ticks at 7,200x
  // are 12 minutes of market time each, five quotes per H1 bar.
  connector.editConfig((config) => {
    config.broker = { ...(config.broker as object), symbols: ["EURUSD"], tickMs: 100, speed: 7200 };
  });
  connector.run();
}

async function nav(page: Page, name: string): Promise<void> {
  // In-app navigation keeps the session in memory (and running bots keep running).
  await page.getByRole("link", { name, exact: true }).click();
}

test("run a trained model as a bot on a paper connector: journal, position, pause offline, resume, deactivate", async ({
  page,
}) => {
  test.setTimeout(420_000);
  await page.goto("/data");
  await page.getByRole("button", { name: "Load sample data" }).click();
  await expect(page.getByTestId("dataset-row")).toHaveCount(1, { timeout: 30_000 });

  await page.goto("/register");
  await page.getByLabel("Email").fill(`bots-${Date.now()}@example.com`);
  await page.getByLabel("Password").fill(PASSWORD);
  await page.getByRole("button", { name: "Create account" }).click();
  await expect(page.getByTestId("signed-in-email")).toBeVisible();

  // No connector yet: the target is offered but disabled, with the reason.
  await nav(page, "Bots");
  const tradeOn = page.getByRole("combobox", { name: "Trade on" });
  await expect(tradeOn.locator('option[value="connector"]')).toBeDisabled();
  await expect(page.getByTestId("connector-target-note")).toContainText(
    "link a connector on the Connector page first",
  );

  await nav(page, "Connector");
  await page.getByRole("button", { name: "Create pairing code" }).click();
  startFastPaperConnector((await page.getByTestId("pairing-code").textContent()) ?? "");
  await expect(page.getByTestId("connector-presence")).toContainText("Online", { timeout: 30_000 });

  await nav(page, "Bots");
  await page.getByLabel("Model name").fill("connector-mlp");
  await page.getByLabel("Model", { exact: true }).selectOption("mlp");
  await page.getByLabel("Epochs (max)").fill("4");
  await page.getByLabel("Walk-forward windows").fill("2");
  await page.getByRole("button", { name: "Train", exact: true }).click();
  await expect(page.getByTestId("oos-report")).toBeVisible({ timeout: 200_000 });

  await expect(tradeOn.locator('option[value="connector"]')).toBeEnabled({ timeout: 30_000 });
  await expect(tradeOn.locator('option[value="connector"]')).toContainText("bot box (paper)");
  await page.getByLabel("Bot name").fill("Connector bot");
  await tradeOn.selectOption("connector");
  await page.getByRole("button", { name: "Create bot" }).click();
  const card = page.getByTestId("bot-card").filter({ hasText: "Connector bot" });
  await expect(card.getByTestId("bot-status")).toHaveText("Inactive");
  await expect(card).toContainText("trades on the connector bot box");
  await card.getByRole("button", { name: "Activate" }).click();
  await expect(card.getByTestId("bot-status")).toHaveText("Active on connector bot box", { timeout: 30_000 });
  await expect(card.getByRole("button", { name: "Step bar" })).toHaveCount(0);

  // Bars are built from the connector's quotes; the model's features warm up (about 50 bars),
  // then it takes a side: the order is sized, sent and confirmed by the broker.
  await expect(card.getByTestId("bot-decision").first()).toBeVisible({ timeout: 30_000 });
  const trades = card.locator(
    '[data-testid="bot-decision"][data-action="buy"], [data-testid="bot-decision"][data-action="sell"]',
  );
  await expect(trades.first()).toBeVisible({ timeout: 120_000 });
  await expect(trades.first()).toContainText("ret_lag1");
  await expect(trades.first().getByTestId("bot-outcome")).toContainText("placed: filled");
  await expect(card.getByTestId("bot-position")).toHaveText(/long|short/);

  // The position is on the connector account, like one from the ticket.
  await nav(page, "Connector");
  await expect(page.getByTestId("live-positions")).toContainText("EURUSD", { timeout: 30_000 });
  await nav(page, "Bots");

  // The connector stops: the bot pauses (no orders), says so, and journals it.
  await connector?.stop();
  await expect(card.getByTestId("bot-status")).toHaveText(
    "Paused on connector bot box: the connector is offline",
    { timeout: 60_000 },
  );
  await expect(card.locator('[data-testid="bot-decision"][data-action="pause"]')).toHaveCount(1);
  // Back online: it resumes and decides on new bars again.
  connector?.run();
  await expect(card.getByTestId("bot-status")).toHaveText("Active on connector bot box", { timeout: 60_000 });
  await expect(card.locator('[data-testid="bot-decision"]').first()).not.toHaveAttribute(
    "data-action",
    "pause",
    {
      timeout: 30_000,
    },
  );
  const bars = Number(await card.getByTestId("bot-bars").textContent());
  await expect
    .poll(async () => Number(await card.getByTestId("bot-bars").textContent()), { timeout: 30_000 })
    .toBeGreaterThan(bars);

  await card.getByRole("button", { name: "Deactivate" }).click();
  await expect(card.getByTestId("bot-status")).toHaveText("Inactive", { timeout: 60_000 });
  await nav(page, "Connector");
  await expect(page.getByText("No open positions.")).toBeVisible({ timeout: 30_000 });

  // Activating while the connector is stopped: the card says Activating… and cannot be
  // clicked again (no second copy of the bot), then gives up with the reason.
  await connector?.stop();
  await expect(page.getByTestId("connector-presence")).toContainText("Offline", { timeout: 60_000 });
  await nav(page, "Bots");
  await card.getByRole("button", { name: "Activate" }).click();
  const activating = card.getByRole("button", { name: "Activating…" });
  await expect(activating).toBeDisabled();
  await expect(page.getByText("Cannot activate on the connector: the connector is offline")).toBeVisible({
    timeout: 60_000,
  });
  await expect(card.getByRole("button", { name: "Activate" })).toBeEnabled();
  await expect(card.getByTestId("bot-status")).toHaveText("Inactive");
});
