/**
 * Foundation: the app loads from the Worker, navigation works, the service worker takes
 * control, the app reloads offline and still navigates, and Chromium finds it installable.
 */
import { mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { chromiumArgs, chromiumPath } from "../support/browser.ts";
import { chromium, expect, type Page, test } from "../support/e2e.ts";
import { waitForServiceWorkerControl } from "../support/service-worker.ts";

const pages = [
  { link: "Data", heading: "Data" },
  { link: "Backtest", heading: "Backtest" },
  { link: "Bots", heading: "Bots" },
  { link: "Trade", heading: "Trade" },
  { link: "AI", heading: "AI supervisor" },
  { link: "Security", heading: "Security" },
  { link: "Settings", heading: "Settings" },
  { link: "Connector", heading: "Connector" },
  { link: "Dashboard", heading: "Dashboard" },
];

test("the app loads with the dashboard, the API health and the background worker", async ({ page }) => {
  await page.goto("/");
  await expect(page.getByRole("heading", { name: "Dashboard" })).toBeVisible();
  await expect(page.getByTestId("service-status")).toContainText("Connected — version");
  await expect(page.getByTestId("worker-status")).toContainText("Ready (worker ok)");
  await expect(page.getByTestId("dataset-count")).toContainText("data set");
});

test("navigation reaches every page", async ({ page }) => {
  await page.goto("/");
  const nav = page.getByRole("navigation", { name: "Main" });
  for (const { link, heading } of pages) {
    await nav.getByRole("link", { name: link, exact: true }).click();
    await expect(page.getByRole("heading", { level: 1, name: heading })).toBeVisible();
  }
  await page.goto("/no-such-page");
  await expect(page.getByRole("heading", { name: "Page not found" })).toBeVisible();
});

test("the theme toggle switches between dark and light and is remembered", async ({ page }) => {
  await page.goto("/");
  const html = page.locator("html");
  const before = await html.getAttribute("data-theme");
  await page.getByRole("button", { name: "Toggle dark and light theme" }).click();
  const after = await html.getAttribute("data-theme");
  expect(after).not.toBe(before);
  await page.reload();
  await expect(html).toHaveAttribute("data-theme", after ?? "");
});

test("the service worker takes control and the app works offline after a reload", async ({
  page,
  context,
}) => {
  await page.goto("/");
  await waitForServiceWorkerControl(page);
  await context.setOffline(true);
  await page.reload();
  await expect(page.getByRole("heading", { name: "Dashboard" })).toBeVisible();
  await expect(page.getByTestId("online-status")).toHaveText("Offline");
  await expect(page.getByTestId("service-status")).toContainText("Not reachable");
  const nav = page.getByRole("navigation", { name: "Main" });
  await nav.getByRole("link", { name: "Backtest", exact: true }).click();
  await expect(page.getByRole("heading", { level: 1, name: "Backtest" })).toBeVisible();
  await nav.getByRole("link", { name: "Settings", exact: true }).click();
  await expect(page.getByRole("heading", { level: 1, name: "Settings" })).toBeVisible();
  await context.setOffline(false);
});

test("Chromium reports no installability errors", async ({ baseURL }) => {
  // Installability is not evaluated in incognito-like contexts, so use a real profile.
  const profile = mkdtempSync(join(tmpdir(), "forex-ai-profile-"));
  const context = await chromium.launchPersistentContext(profile, {
    executablePath: chromiumPath(),
    args: chromiumArgs,
    headless: true,
  });
  try {
    const page = await context.newPage();
    await page.goto(baseURL ?? "/");
    await waitForServiceWorkerControl(page);
    const cdp = await context.newCDPSession(page);
    const manifest = (await cdp.send("Page.getAppManifest")) as { errors: unknown[]; url: string };
    expect(manifest.url).toContain("manifest.webmanifest");
    expect(manifest.errors).toEqual([]);
    const { installabilityErrors } = (await cdp.send("Page.getInstallabilityErrors")) as {
      installabilityErrors: Array<{ errorId: string }>;
    };
    expect(installabilityErrors).toEqual([]);
  } finally {
    await context.close();
    rmSync(profile, { recursive: true, force: true });
  }
});
