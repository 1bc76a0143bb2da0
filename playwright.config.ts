/**
 * End-to-end tests: a real Chromium against the real local Worker (`npm start`'s server on
 * its own port and its own fresh local state), serving the built PWA and the API.
 */
import { defineConfig } from "@playwright/test";
import { chromiumArgs, chromiumPath } from "./test/support/browser.ts";

const port = Number(process.env.E2E_PORT ?? 8790);
export const baseURL = `http://localhost:${port}`;

export default defineConfig({
  testDir: "./test/e2e",
  fullyParallel: false,
  workers: 1,
  retries: 0,
  timeout: 60_000,
  expect: { timeout: 10_000 },
  reporter: process.env.CI ? [["list"]] : [["list"]],
  use: {
    baseURL,
    headless: true,
    trace: "retain-on-failure",
    launchOptions: { executablePath: chromiumPath(), args: chromiumArgs },
  },
  webServer: {
    command: `node scripts/start.mjs --no-build --fresh --port ${port} --persist-to .wrangler/e2e-state-${port} --var APP_ORIGIN:${baseURL}`,
    url: `${baseURL}/api/v1/health`,
    timeout: 90_000,
    reuseExistingServer: false,
    stdout: "ignore",
    stderr: "pipe",
  },
});
