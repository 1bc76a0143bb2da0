/**
 * The AI supervisor end to end, in Chromium against the local Worker whose AI proxy talks
 * to the fake provider (test/support/fake-ai-provider-main.ts, started by the Playwright
 * config): sign up, load the sample data, ask a question and see the streamed answer with
 * the provider and model; switch a context part off and check what the provider received;
 * see a stalled answer's text before it ends and stop it; a failing provider answered locally;
 * go offline and get the local-analysis answer; set a drawdown limit and the digest in
 * Settings, import a trade history and see its alerts with links to their trades, email the
 * digest; the newest alert on the dashboard and the analysis beside the chart; search,
 * rename and delete a conversation.
 */

import { formatHistoryCsv, type HistoryTrade } from "../../core/trading/history-csv.ts";
import { aiProviderURL } from "../../playwright.config.ts";
import { expect, OPERATOR_ON_THIS_MACHINE, type Page, test } from "../support/e2e.ts";

const PASSWORD = "Cobalt-Harbor-Tulip-58";
const HOUR = 3_600_000;
const MONDAY = Date.UTC(2024, 2, 4);

interface Recorded {
  path: string;
  body: string;
}

async function providerRequests(): Promise<Recorded[]> {
  return (await fetch(`${aiProviderURL}/__requests`)).json() as Promise<Recorded[]>;
}

async function setProviderMode(mode: unknown): Promise<void> {
  await fetch(`${aiProviderURL}/__mode`, { method: "POST", body: JSON.stringify(mode) });
}

async function register(page: Page): Promise<string> {
  const email = `ai-${Date.now()}@example.com`;
  await page.goto("/register");
  await page.getByLabel("Email").fill(email);
  await page.getByLabel("Password").fill(PASSWORD);
  await page.getByRole("button", { name: "Create account" }).click();
  await expect(page.getByTestId("signed-in-email")).toHaveText(email);
  return email;
}

/** The ai-digest emails the dev outbox holds for an address. */
async function digestsFor(page: Page, email: string): Promise<Array<{ text: string }>> {
  const res = await page.request.get("/api/v1/dev/outbox", { headers: OPERATOR_ON_THIS_MACHINE });
  const { messages } = (await res.json()) as {
    messages: Array<{ to: string; template: string; text: string }>;
  };
  return messages.filter((m) => m.to === email && m.template === "ai-digest");
}

/** Ten calm days (two same-size trades a day), then a loss followed 20 min later by a double-size trade. */
function revengeHistory(): string {
  const trades: HistoryTrade[] = [];
  const add = (entry: number, minutes: number, pnl: number, units = 10_000) =>
    trades.push({
      symbol: "EURUSD",
      side: "buy",
      units,
      entryTime: entry,
      exitTime: entry + minutes * 60_000,
      entryPrice: 1.1,
      exitPrice: 1.1 + pnl / units,
      pnl,
    });
  for (let d = 0; d < 10; d++) {
    const day = MONDAY + d * 24 * HOUR;
    add(day + 9 * HOUR, 120, 20);
    add(day + 13 * HOUR, 120, d === 9 ? -60 : -10);
  }
  add(MONDAY + 9 * 24 * HOUR + 15 * HOUR + 20 * 60_000, 30, -40, 20_000);
  return formatHistoryCsv(trades);
}

async function ask(page: Page, question: string): Promise<void> {
  await page.getByTestId("chat-question").fill(question);
  await page.getByTestId("chat-send").click();
}

test("AI supervisor: streamed answer, context switches, offline answer, history alerts, conversations", async ({
  page,
  context,
}) => {
  const email = await register(page);
  await page.goto("/");
  await page.locator(".market-card").getByRole("button", { name: "Load sample data" }).click();
  await expect(page.locator(".market-card").getByTestId("simulated-label")).toBeVisible({ timeout: 20_000 });

  // Market analysis of the sample, with its figures.
  await page.getByRole("navigation").getByRole("link", { name: "AI", exact: true }).click();
  const summary = page.getByTestId("market-analysis").getByTestId("analysis-summary");
  await expect(summary).toContainText(/^EURUSD \(simulated\) H1: .*ADX \d+\.\d.*ATR\(14\) \d\.\d{5}/);
  const marketText = await page.getByTestId("context-part-market").textContent();
  expect(marketText).toContain("EURUSD (simulated) H1");

  // Ask with the provider configured: the streamed answer, who answered, what was sent.
  await ask(page, "What is the market doing?");
  const answer = page.getByTestId("assistant-message").last();
  await expect(answer.getByTestId("message-text")).toHaveText(
    "The market is in a range, as the context says.",
  );
  await expect(answer.getByTestId("answer-source")).toHaveText("Answered by openai · e2e-model");
  let sent = (await providerRequests()).at(-1);
  expect(sent?.path).toBe("/v1/chat/completions");
  const firstBody = JSON.parse(sent?.body ?? "{}");
  expect(firstBody.messages[0].content).toContain("EURUSD (simulated) H1");
  expect(firstBody.messages.at(-1)).toEqual({ role: "user", content: "What is the market doing?" });

  // Switch the market part off: the next question goes without it.
  await page.getByTestId("context-switch-market").uncheck();
  await ask(page, "And in one sentence?");
  await expect(page.getByTestId("assistant-message")).toHaveCount(2);
  await expect(page.getByTestId("assistant-message").last().getByTestId("message-text")).toHaveText(
    "The market is in a range, as the context says.",
  );
  sent = (await providerRequests()).at(-1);
  expect(sent?.body).not.toContain("EURUSD (simulated) H1");
  await page.getByTestId("context-switch-market").check();

  // Streaming: a provider that stops sending halfway shows the text so far while the answer
  // is still open; Stop ends it and keeps that text.
  await setProviderMode({ kind: "stream", pieces: ["Partial ", "answer "], stall: true });
  await ask(page, "Stream slowly please");
  const streaming = page.getByTestId("assistant-message").last();
  await expect(streaming.getByTestId("message-text")).toHaveText("Partial answer");
  await expect(page.getByTestId("chat-send")).toHaveText("Answering…");
  await page.getByRole("button", { name: "Stop" }).click();
  await expect(streaming.getByTestId("answer-error")).toHaveText("Stopped.");
  await expect(page.getByTestId("chat-send")).toHaveText("Ask");

  // A provider that fails before answering: the local analysis answers and says why.
  await setProviderMode({ kind: "status", status: 500, body: '{"error":{"type":"server_error"}}' });
  await ask(page, "Is the trend strong?");
  await expect(page.getByTestId("assistant-message").last().getByTestId("answer-source")).toHaveText(
    /^Local analysis — the AI provider could not answer: The AI provider is unavailable/,
  );
  await setProviderMode({
    kind: "stream",
    pieces: ["The market is ", "in a range, ", "as the context says."],
  });

  // Offline: the local analysis answers, says so, and quotes the computed figures.
  await context.setOffline(true);
  const before = (await providerRequests()).length;
  await ask(page, "Where are support and resistance?");
  const local = page.getByTestId("assistant-message").last();
  await expect(local.getByTestId("answer-source")).toHaveText("Local analysis — you are offline");
  await expect(local.getByTestId("message-text")).toContainText(
    "Answered from local analysis (you are offline)",
  );
  await expect(local.getByTestId("message-text")).toContainText(/Nearest support \d\.\d{5} \(\d+ touch/);
  expect((await providerRequests()).length).toBe(before);
  await context.setOffline(false);

  // A drawdown limit in Settings (5% of the peak balance).
  await page.getByRole("navigation").getByRole("link", { name: "Settings", exact: true }).click();
  await page.getByLabel(/Drawdown limit/).fill("5");
  await page.getByLabel(/weekly digest/).check();
  await page.getByRole("button", { name: "Save settings" }).click();
  await expect(page.getByText(/Synced with your account|Saved on this device/)).toBeVisible();
  await page.getByRole("navigation").getByRole("link", { name: "AI", exact: true }).click();

  // Import a trade history with its starting balance: a revenge-trading alert and the
  // drawdown alert (peak 1110 -> 1010 is 9.01%, hand-computed), with links to their trades.
  await page.getByLabel("Starting balance (optional)").fill("1000");
  await page.getByTestId("history-file").setInputFiles({
    name: "my-trades.csv",
    mimeType: "text/csv",
    buffer: Buffer.from(revengeHistory()),
  });
  await page.getByTestId("history-import").click();
  await expect(page.getByTestId("habits-summary")).toContainText("21 trades");
  await expect(page.getByTestId("alert")).toHaveCount(2);
  const drawdown = page.locator('[data-testid="alert"][data-type="drawdown_limit"]');
  await expect(drawdown).toContainText("Drawdown of 9.01% (from 1110 to 1010) is beyond your limit of 5%.");
  const alert = page.locator('[data-testid="alert"][data-type="revenge_trading"]');
  await expect(alert).toContainText("After a loss of 60 on EURUSD (2024-03-13)");
  await expect(alert).toContainText("maxSizeRatio: 2");
  await alert.getByRole("link", { name: "#21" }).click();
  await expect(page.locator("#trade-20")).toHaveClass(/marked/);
  await expect(page.locator("#trade-19")).toHaveClass(/marked/);
  await expect(page.getByTestId("context-part-alerts")).toContainText("revenge_trading");

  // The email digest (opted in above): sent now on request, with the alert's figures.
  await page.getByRole("button", { name: "Email me the digest now" }).click();
  await expect(page.locator(".toast", { hasText: "Digest emailed." })).toBeVisible();
  await expect.poll(async () => (await digestsFor(page, email)).length).toBeGreaterThan(0);
  const [digest] = await digestsFor(page, email);
  expect(digest.text).toContain("Revenge trading (my-trades.csv): After a loss of 60 on EURUSD (2024-03-13)");
  expect(digest.text).toContain("Drawdown limit (my-trades.csv): Drawdown of 9.01%");

  // A bad file is refused with its line number and stores nothing.
  await page.getByTestId("history-file").setInputFiles({
    name: "bad.csv",
    mimeType: "text/csv",
    buffer: Buffer.from(
      "symbol,side,units,entryTime,exitTime,entryPrice,exitPrice,pnl\nEURUSD,buy,1000,yesterday,2024-01-01T10:00:00Z,1.1,1.2,5\n",
    ),
  });
  await page.getByTestId("history-import").click();
  await expect(page.getByTestId("history-problems")).toContainText("line 2, entryTime");
  await expect(page.locator("select").filter({ hasText: "my-trades.csv" }).locator("option")).toHaveCount(1);

  // The dashboard shows the newest alert.
  await page.getByRole("navigation").getByRole("link", { name: "Dashboard", exact: true }).click();
  await expect(page.getByTestId("dashboard-alert").first()).toContainText("Revenge trading");

  // The analysis beside the chart (on a wide window).
  await page.setViewportSize({ width: 1440, height: 900 });
  await page.getByRole("navigation").getByRole("link", { name: "Chart", exact: true }).click();
  await expect(page.getByTestId("chart-analysis").getByTestId("analysis-summary")).toContainText(
    /^EURUSD \(simulated\) H1: /,
  );
  const chartBox = await page.getByTestId("chart").boundingBox();
  const panelBox = await page.getByTestId("chart-analysis").boundingBox();
  expect(panelBox && chartBox && panelBox.x >= chartBox.x + chartBox.width).toBe(true);
  await page.screenshot({ path: test.info().outputPath("chart-analysis.png") });

  // Conversations: stored locally; search, rename, delete.
  await page.getByRole("navigation").getByRole("link", { name: "AI", exact: true }).click();
  const items = page.getByTestId("conversation-item");
  await expect(items).toHaveCount(1);
  await page.getByTestId("conversation-search").fill("nothing like this");
  await expect(items).toHaveCount(0);
  await page.getByTestId("conversation-search").fill("support resistance");
  await expect(items).toHaveCount(1);
  await items.getByRole("button", { name: "Rename" }).click();
  await page.getByLabel("Conversation name").fill("Sample market questions");
  await page.getByRole("button", { name: "Save" }).click();
  await expect(items).toContainText("Sample market questions");
  await page.reload();
  await expect(page.getByTestId("conversation-item")).toContainText("Sample market questions");
  page.once("dialog", (d) => void d.accept());
  await page.getByTestId("conversation-item").getByRole("button", { name: "Delete" }).click();
  await expect(page.getByTestId("conversation-item")).toHaveCount(0);
});
