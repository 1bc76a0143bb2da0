/**
 * Live trading end to end: a person registers, creates a pairing code on the Connector page,
 * the test links and starts a real paper connector (`node connector/bin.mjs link/run`, its
 * own config directory), then in the browser: presence turns online, quotes stream, a
 * risk-sized order from the ticket is placed (the UI says "placed" only on the broker ack),
 * the position shows its P/L, the Close button closes it and both fills are in the history.
 */
import { type ChildProcess, spawn, spawnSync } from "node:child_process";
import { mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { expect, type Page, test } from "@playwright/test";
import { baseURL } from "../../playwright.config.ts";

const PASSWORD = "a sturdy passphrase 42";
let connector: ChildProcess | null = null;
let configDir = "";

test.afterEach(() => {
  if (connector?.pid) connector.kill("SIGTERM");
  connector = null;
  if (configDir) rmSync(configDir, { recursive: true, force: true });
});

async function register(page: Page): Promise<void> {
  const email = `live-${Date.now()}@example.com`;
  await page.goto("/register");
  await page.getByLabel("Email").fill(email);
  await page.getByLabel("Password").fill(PASSWORD);
  await page.getByRole("button", { name: "Create account" }).click();
  await expect(page.getByTestId("signed-in-email")).toHaveText(email);
}

function startConnector(code: string): void {
  configDir = mkdtempSync(join(tmpdir(), "forex-ai-connector-e2e-"));
  const link = spawnSync(
    process.execPath,
    ["connector/bin.mjs", "link", code, "--server", baseURL, "--name", "e2e box", "--config", configDir],
    { encoding: "utf8", timeout: 60_000 },
  );
  expect(link.status, `link failed: ${link.stderr}`).toBe(0);
  connector = spawn(process.execPath, ["connector/bin.mjs", "run", "--config", configDir, "--no-settings"], {
    stdio: ["ignore", "ignore", "inherit"],
  });
}

test("link a paper connector, trade a sized order from the ticket, close it and find it in history", async ({
  page,
}) => {
  test.setTimeout(120_000);
  await register(page);
  await page.goto("/connector");
  await page.getByRole("button", { name: "Create pairing code" }).click();
  const code = (await page.getByTestId("pairing-code").textContent()) ?? "";
  expect(code).toMatch(/^[A-Z2-9]{4}-[A-Z2-9]{4}$/);
  startConnector(code);

  await page.getByRole("button", { name: "I ran it — refresh" }).click();
  await expect(page.getByTestId("connectors")).toContainText("e2e box");
  await expect(page.getByTestId("connector-presence")).toContainText("Online", { timeout: 30_000 });
  await expect(page.getByTestId("connector-presence")).toContainText("paper");
  await expect(page.getByTestId("live-quotes")).toContainText("EURUSD", { timeout: 30_000 });
  await expect(page.getByTestId("live-account")).toContainText("Equity");

  // Ticket: 1% risk with a 20-pip stop on EURUSD. Paper account 100,000 USD (connector default):
  // $1,000 / (20 pips x $10 per pip per standard lot) = 5 lots = 500,000 units (hand computation).
  const ticket = page.getByRole("form", { name: "Order ticket" });
  await ticket.getByRole("combobox", { name: /^Symbol/ }).selectOption("EURUSD");
  await ticket.getByRole("spinbutton", { name: "Risk %" }).fill("1");
  await ticket.getByRole("spinbutton", { name: "Stop (pips)" }).fill("20");
  await expect(page.getByTestId("ticket-size")).toContainText("500,000 units");
  await ticket.getByRole("button", { name: "Place buy order" }).click();
  await expect(page.getByTestId("order-outcome")).toContainText("placed: filled", { timeout: 30_000 });

  const positions = page.getByTestId("live-positions");
  await expect(positions).toContainText("EURUSD");
  await expect(positions).toContainText("500000");
  await expect(page.getByTestId("live-upl")).toHaveText(/-?\d[\d,]*\.\d\d/);
  await expect(page.getByTestId("live-history")).toContainText("order");

  await positions.getByRole("button", { name: "Close" }).click();
  await expect(page.getByText("No open positions.")).toBeVisible({ timeout: 30_000 });
  const history = page.getByTestId("live-history");
  await expect(history.locator("tbody tr")).toHaveCount(2);
  await expect(history).toContainText("close");
});
