/**
 * Waiting for the PWA's service worker to control the page (before going offline in an e2e
 * test). `navigator.serviceWorker?.controller !== null` is also true when the browser has no
 * service worker at all (undefined !== null), so that check could let a test go offline
 * with nothing to serve the app; this one fails at once, saying so.
 */
import type { Page } from "@playwright/test";

export async function waitForServiceWorkerControl(page: Page, timeout = 30_000): Promise<void> {
  await page.waitForFunction(
    () => {
      if (!navigator.serviceWorker)
        throw new Error("This page has no service worker support (navigator.serviceWorker is missing).");
      return navigator.serviceWorker.controller !== null;
    },
    undefined,
    { timeout },
  );
}
