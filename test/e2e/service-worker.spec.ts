/**
 * The e2e tests' wait for service-worker control (test/support/service-worker.ts): it
 * resolves once the PWA's worker controls the page, and fails at once, saying why, in a
 * page without service workers (where the old `navigator.serviceWorker?.controller !== null`
 * check passed although nothing could serve the app offline).
 */
import { expect, test } from "../support/e2e.ts";
import { waitForServiceWorkerControl } from "../support/service-worker.ts";

test("the wait resolves once the service worker controls the page", async ({ page }) => {
  await page.goto("/");
  await waitForServiceWorkerControl(page);
  expect(await page.evaluate(() => navigator.serviceWorker.controller?.state)).toBe("activated");
});

test("the wait fails at once in a page without service workers", async ({ page }) => {
  await page.addInitScript(() =>
    Object.defineProperty(Navigator.prototype, "serviceWorker", { get: () => undefined, configurable: true }),
  );
  await page.goto("/");
  // The old check is satisfied although no service worker exists:
  expect(await page.evaluate(() => navigator.serviceWorker?.controller !== null)).toBe(true);
  await expect(waitForServiceWorkerControl(page, 5_000)).rejects.toThrow(/no service worker support/);
});
