/**
 * Live trading end to end: a person registers, creates a pairing code on the Connector page,
 * the test links and starts a real paper connector (`node connector/bin.mjs link/run`, its
 * own config directory), then in the browser: presence turns online, quotes stream, a
 * risk-sized order from the ticket is placed (the UI says "placed" only on the broker ack),
 * the position shows its P/L, the Close button closes it and both fills are in the history.
 */
import { ConnectorProcess } from "../support/connector-process.ts";
import { expect, type Page, test } from "../support/e2e.ts";

const PASSWORD = "a sturdy passphrase 42";
let connector: ConnectorProcess | null = null;

test.afterEach(async () => {
  await connector?.dispose();
  connector = null;
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
  connector = new ConnectorProcess();
  connector.link(code, "e2e box");
  connector.run();
}

/** A new person pairs a paper connector from the Connector page and sees it online. */
async function registerWithOnlineConnector(page: Page): Promise<void> {
  await register(page);
  await page.goto("/connector");
  await page.getByRole("button", { name: "Create pairing code" }).click();
  startConnector((await page.getByTestId("pairing-code").textContent()) ?? "");
  await expect(page.getByTestId("connector-presence")).toContainText("Online", { timeout: 30_000 });
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

test("the linked connector is an account on the Trade page: ticket, fill with P/L, part close, close, history", async ({
  page,
}) => {
  test.setTimeout(120_000);
  await registerWithOnlineConnector(page);

  // In-app navigation keeps the session in memory (the picker lists connectors for signed-in users).
  await page.getByRole("link", { name: "Trade", exact: true }).click();
  const picker = page.getByRole("combobox", { name: /^Account/ });
  await expect(picker.locator("option", { hasText: "e2e box (connector, USD)" })).toHaveCount(1, {
    timeout: 30_000,
  });
  await picker.selectOption({ label: "e2e box (connector, USD)" });
  await expect(page.getByTestId("ask")).toHaveText(/^\d+\.\d+$/, { timeout: 30_000 });

  await page.locator("body").press("b");
  const ticket = page.getByRole("dialog", { name: "Order ticket" });
  await expect(ticket).toBeVisible();
  await ticket.getByLabel("Stop-loss").fill("20");
  // 100,000 x 1% (the Settings default) = 1,000 at risk; 1,000 / (20 pips x 0.0001) = 500,000 units.
  await expect(ticket.getByTestId("ticket-units")).toHaveText("500,000");
  await ticket.getByRole("button", { name: "Place buy order" }).click();
  await expect(ticket).toBeHidden({ timeout: 30_000 });
  const row = page.getByTestId("position-row");
  await expect(row).toHaveCount(1, { timeout: 30_000 });
  await expect(row.getByTestId("position-pl")).toHaveAttribute("data-value", /^-?\d/);

  // Part of it: an empty amount is refused in words (sent as is, it would close all of it);
  // then 200,000 of the 500,000 close at the broker and 300,000 stay open.
  await row.getByRole("button", { name: "Part" }).click();
  const unitsToClose = row.getByLabel("Units to close");
  await unitsToClose.fill("");
  // new quotes keep coming (the P/L moves) while the editor is open: it stays open and keeps
  // what was typed
  const pl = (await row.getByTestId("position-pl").getAttribute("data-value")) ?? "";
  await expect(row.getByTestId("position-pl")).not.toHaveAttribute("data-value", pl, { timeout: 30_000 });
  await expect(unitsToClose).toHaveValue("");
  await row.getByRole("button", { name: "Close units" }).click();
  await expect(
    page.locator(".toast").filter({ hasText: "whole number from 1 to 500000 (got nothing)" }),
  ).toBeVisible();
  await expect(row).toContainText("500,000");
  await unitsToClose.fill("200000");
  const pl2 = (await row.getByTestId("position-pl").getAttribute("data-value")) ?? "";
  await expect(row.getByTestId("position-pl")).not.toHaveAttribute("data-value", pl2, { timeout: 30_000 });
  await expect(unitsToClose).toHaveValue("200000");
  await row.getByRole("button", { name: "Close units" }).click();
  await expect(row).toContainText("300,000", { timeout: 30_000 });
  const hist = page.getByTestId("history-row");
  await expect(hist).toHaveCount(1, { timeout: 30_000 });

  await row.getByRole("button", { name: "Close", exact: true }).click();
  await expect(page.getByTestId("position-row")).toHaveCount(0, { timeout: 30_000 });
  await expect(hist).toHaveCount(2, { timeout: 30_000 });
  await expect(hist.getByTestId("history-pnl")).toHaveText([/\d/, /\d/]);
});

test("manage connectors, the live-trading switch, webhooks and API tokens", async ({ page }) => {
  test.setTimeout(120_000);
  await registerWithOnlineConnector(page);
  await page.getByRole("button", { name: "I ran it — refresh" }).click();
  const list = page.getByTestId("connectors");
  await list.getByRole("button", { name: "Rename" }).click();
  await list.getByLabel("Connector name").fill("desk");
  await list.getByRole("button", { name: "Save" }).click();
  await expect(list).toContainText("desk");

  // Live trading without 2FA: the password confirms it.
  await page.getByLabel("Password").fill("wrong password");
  await page.getByRole("button", { name: "Turn on live trading" }).click();
  await expect(page.getByText("Enter your password to turn on live trading.")).toBeVisible();
  await page.getByLabel("Password").fill(PASSWORD);
  await page.getByRole("button", { name: "Turn on live trading" }).click();
  await expect(page.getByText("On: orders reach your real broker account.")).toBeVisible();
  await page.getByRole("button", { name: "Turn off" }).click();
  await expect(page.getByRole("button", { name: "Turn on live trading" })).toBeVisible();

  await page.getByRole("button", { name: "Create webhook URL" }).click();
  await expect(page.getByTestId("webhook-url")).toContainText("/api/v1/hooks/fxh_");

  // Revoking disconnects the running connector: presence turns offline.
  await list.getByRole("button", { name: "Revoke" }).click();
  await expect(page.getByText("No connector linked yet.")).toBeVisible();
  await expect(page.getByTestId("connector-presence")).toContainText("Offline", { timeout: 30_000 });

  await page.getByRole("link", { name: "Security", exact: true }).click();
  await page.getByLabel("Token name").fill("my script");
  await page.getByLabel("can trade").check();
  await page.getByRole("button", { name: "Create token" }).click();
  const token = (await page.getByTestId("api-token").textContent()) ?? "";
  expect(token).toMatch(/^fxa_/);
  const tokens = page.getByTestId("api-tokens");
  await expect(tokens).toContainText("my script");
  await expect(tokens).toContainText("read, trade");
  const res = await page.request.get("/api/v1/trading/history", {
    headers: { Authorization: `Bearer ${token}` },
  });
  expect(res.status()).toBe(200);
  await tokens.getByRole("button", { name: "Revoke" }).click();
  await expect(tokens).not.toContainText("my script");
  const after = await page.request.get("/api/v1/trading/history", {
    headers: { Authorization: `Bearer ${token}` },
  });
  expect(after.status()).toBe(401);
});
