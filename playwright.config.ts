/**
 * End-to-end tests: a real Chromium against the real local Worker (`npm start`'s server on
 * its own port and its own fresh local state), serving the built PWA and the API.
 */
import { defineConfig } from "@playwright/test";
import { chromiumArgs, chromiumPath } from "./test/support/browser.ts";

const port = Number(process.env.E2E_PORT ?? 8790);
export const baseURL = `http://localhost:${port}`;
/** The fake AI provider (test/support/fake-ai-provider-main.ts) the Worker's AI proxy talks to. */
export const aiProviderPort = Number(process.env.E2E_AI_PORT ?? port + 1000);
export const aiProviderURL = `http://127.0.0.1:${aiProviderPort}`;
const aiVars = [
  "AI_PROVIDER:openai",
  "AI_API_KEY:sk-e2e-fake-key",
  `AI_BASE_URL:${aiProviderURL}`,
  "AI_MODEL:e2e-model",
]
  .map((v) => `--var ${v}`)
  .join(" ");

export default defineConfig({
  testDir: "./test/e2e",
  fullyParallel: false,
  workers: 1,
  // One retry on CI only, for the local dev server (wrangler dev) leaving a static asset
  // request unanswered: a CI run's trace showed /assets/toasts-*.js pending for 60 s (status
  // -1) on a fresh page, outside any code of ours. A test that fails twice still fails, and
  // the list reporter marks a test that needed the retry as "flaky".
  retries: process.env.CI ? 1 : 0,
  timeout: 60_000,
  expect: { timeout: 10_000 },
  reporter: process.env.CI ? [["list"]] : [["list"]],
  use: {
    baseURL,
    headless: true,
    trace: "retain-on-failure",
    launchOptions: { executablePath: chromiumPath(), args: chromiumArgs },
  },
  webServer: [
    {
      command: `node node_modules/tsx/dist/cli.mjs test/support/fake-ai-provider-main.ts --port ${aiProviderPort}`,
      url: `${aiProviderURL}/__requests`,
      timeout: 30_000,
      reuseExistingServer: false,
      stdout: "ignore",
      stderr: "pipe",
    },
    {
      // RELAY_ORDER_BUDGET:off (development only): connector-bots.spec.ts runs the paper market
      // 7,200x faster, so a bot's orders per wall-clock minute are not a person's; the budget
      // itself is tested in workerd (worker/src/relay/relay.test.ts)
      command: `node scripts/start.mjs --no-build --fresh --port ${port} --persist-to .wrangler/e2e-state-${port} --var APP_ORIGIN:${baseURL} --var RELAY_ORDER_BUDGET:off ${aiVars}`,
      url: `${baseURL}/api/v1/health`,
      timeout: 90_000,
      reuseExistingServer: false,
      stdout: "ignore",
      stderr: "pipe",
    },
  ],
});
