/**
 * The connector's local settings page, driven in Chromium the way a trader uses it: a real
 * paper connector (`node connector/bin.mjs link/run`, own config directory) linked to the
 * local Worker with a pairing code, its printed settings URL opened, the bot configured and
 * saved (the connector restarts with it and the relay welcomes it again), a mistake refused
 * with the field named, a wrong token refused, and the connector token never on the page.
 */
import { type ChildProcess, spawn, spawnSync } from "node:child_process";
import { mkdtempSync, readFileSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { baseURL } from "../../playwright.config.ts";
import { expect, test } from "../support/e2e.ts";

const PASSWORD = "Settings-Page-Harbor-62";
let connector: ChildProcess | null = null;
let configDir = "";
let output = "";

test.afterEach(async () => {
  const child = connector;
  connector = null;
  if (child && child.exitCode === null) {
    const exited = new Promise((resolve) => child.once("exit", resolve));
    child.kill("SIGTERM");
    await exited;
  }
  if (configDir) rmSync(configDir, { recursive: true, force: true });
});

async function waitFor(pattern: RegExp): Promise<RegExpMatchArray> {
  for (let i = 0; i < 600; i++) {
    const match = output.match(pattern);
    if (match) return match;
    await new Promise((r) => setTimeout(r, 100));
  }
  throw new Error(`the connector never printed ${pattern}:\n${output}`);
}

test("configure the connector's broker and bot on its local settings page", async ({ page, request }) => {
  const email = `settings-${Date.now()}@example.com`;
  const registered = await request.post("/api/v1/auth/register", { data: { email, password: PASSWORD } });
  expect(registered.status()).toBe(201);
  const { accessToken } = (await registered.json()) as { accessToken: string };
  const pairing = await request.post("/api/v1/connector/pairings", {
    headers: { Authorization: `Bearer ${accessToken}` },
  });
  expect(pairing.status()).toBe(201);
  const { code } = (await pairing.json()) as { code: string };

  configDir = mkdtempSync(join(tmpdir(), "forex-ai-connector-settings-"));
  const link = spawnSync(
    process.execPath,
    ["connector/bin.mjs", "link", code, "--server", baseURL, "--name", "settings box", "--config", configDir],
    { encoding: "utf8", timeout: 60_000 },
  );
  expect(link.status, `link failed: ${link.stderr}`).toBe(0);
  const token = JSON.parse(readFileSync(join(configDir, "config.json"), "utf8")).token as string;
  output = "";
  connector = spawn(process.execPath, ["connector/bin.mjs", "run", "--config", configDir], {
    stdio: ["ignore", "pipe", "pipe"],
  });
  connector.stdout?.on("data", (d) => {
    output += d;
  });
  connector.stderr?.on("data", (d) => {
    output += d;
  });
  const [settingsUrl] = await waitFor(/http:\/\/127\.0\.0\.1:\d+\/\?token=[A-Za-z0-9_-]+/);
  await waitFor(/forex-ai-connector ready: .*broker paper/);

  await page.goto(settingsUrl);
  await expect(page.locator("#linked")).toContainText("settings box");
  await expect(page.getByLabel("Broker", { exact: true })).toHaveValue("paper");
  await page.getByLabel("Symbols").first().fill("EURUSD,USDJPY");
  await page.getByLabel("Starting balance").fill("50000");
  await page.getByLabel("Run a bot").check();
  await page.getByLabel("Strategy").selectOption({ label: "SMA cross" });
  await page.getByLabel("Symbol", { exact: true }).fill("EURUSD");
  await page.getByLabel("Bar length (seconds)").fill("60");
  await page.getByLabel("Units per trade").fill("1000");
  await page.getByRole("button", { name: "Save and restart" }).click();
  await expect(page.getByRole("status")).toContainText("Saved. The connector restarts");
  await waitFor(/Bot sma-cross on EURUSD/);
  const saved = JSON.parse(readFileSync(join(configDir, "config.json"), "utf8"));
  expect(saved.broker).toMatchObject({ kind: "paper", symbols: ["EURUSD", "USDJPY"], balance: 50_000 });
  expect(saved.bot).toMatchObject({ enabled: true, strategy: "sma-cross", symbol: "EURUSD", units: 1000 });

  // A mistake is refused with the field to fix, and nothing stored changes.
  await page.getByLabel("Broker", { exact: true }).selectOption("oanda");
  await page.getByLabel("Account id").fill("12345");
  await page.getByRole("button", { name: "Save and restart" }).click();
  await expect(page.getByRole("status")).toContainText(
    "broker.accountId: must look like 101-004-1234567-001",
  );
  await expect(page.getByRole("status")).toContainText("broker.apiToken");
  expect(JSON.parse(readFileSync(join(configDir, "config.json"), "utf8")).broker.kind).toBe("paper");

  expect(await page.content()).not.toContain(token);
  expect(output).not.toContain(token);

  // Without the printed token the page does not open.
  const wrong = await page.goto(settingsUrl.replace(/token=.*/, "token=guess"));
  expect(wrong?.status()).toBe(403);
});
