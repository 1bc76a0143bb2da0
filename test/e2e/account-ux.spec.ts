/**
 * Accounts as a trader meets them (issue 12 items 10-12): a signed-out page load makes no
 * refresh request (so no 401 in the console); offline while signed in the sidebar keeps
 * showing who is signed in with "offline: account actions need a network".
 */
import { expect, test } from "../support/e2e.ts";

const PASSWORD = "Plum-Orbit-Lantern-42";

test("signed out: no refresh attempt and no 401 console error on page loads", async ({ page }) => {
  const errors: string[] = [];
  const refreshes: string[] = [];
  page.on("console", (m) => {
    if (m.type() === "error") errors.push(m.text());
  });
  page.on("request", (r) => {
    if (r.url().includes("/auth/refresh")) refreshes.push(r.url());
  });
  for (const path of ["/", "/security", "/settings", "/backtest"]) {
    await page.goto(path);
    await expect(page.getByTestId("account-badge").getByRole("link", { name: "Sign in" })).toBeVisible();
  }
  await page.reload();
  await expect(page.getByTestId("account-badge").getByRole("link", { name: "Sign in" })).toBeVisible();
  expect(refreshes).toEqual([]);
  expect(errors.filter((e) => /401|Unauthorized/i.test(e))).toEqual([]);
});

test("offline while signed in: the sidebar shows who is signed in and that account actions need a network", async ({
  page,
  context,
}) => {
  const email = `offline-${Date.now()}@example.com`;
  await page.goto("/register");
  await page.getByLabel("Email").fill(email);
  await page.getByLabel("Password").fill(PASSWORD);
  await page.getByRole("button", { name: "Create account" }).click();
  await expect(page.getByTestId("signed-in-email")).toHaveText(email);
  const badge = page.getByTestId("account-badge");
  await expect(badge).toContainText(email);

  // the app shell must come from the service worker's cache once offline
  await page.waitForFunction(() => navigator.serviceWorker?.controller != null, undefined, {
    timeout: 30_000,
  });
  await context.setOffline(true);
  await page.reload();
  await expect(page.getByTestId("online-status")).toHaveText("Offline");
  await expect(badge.getByTestId("account-offline")).toContainText(email);
  await expect(badge).toContainText("offline: account actions need a network");
  await expect(badge.getByRole("link", { name: "Sign in" })).toHaveCount(0);
  // no token is kept for this: localStorage holds the email and name only
  const stored = await page.evaluate(() => JSON.stringify({ ...localStorage }));
  expect(stored).not.toMatch(/eyJ|token/i);

  // back online: the session is checked again and the normal account item returns
  await context.setOffline(false);
  await expect(badge.getByRole("button", { name: "Sign out" })).toBeVisible({ timeout: 15_000 });
  await expect(badge.getByTestId("account-offline")).toHaveCount(0);
});
