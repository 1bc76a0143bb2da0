/**
 * Waiting for the PWA's service worker to control the page (before going offline in an e2e
 * test). `navigator.serviceWorker?.controller !== null` is also true when the browser has no
 * service worker at all (undefined !== null), so that check could let a test go offline
 * with nothing to serve the app; this one fails at once, saying so. On a timeout it says
 * what the registration was doing (installing, waiting, active, or none), so a failure
 * tells a stuck install from a worker that never claimed the page.
 */
import type { Page } from "@playwright/test";

export async function waitForServiceWorkerControl(page: Page, timeout = 30_000): Promise<void> {
  try {
    await page.waitForFunction(
      () => {
        if (!navigator.serviceWorker)
          throw new Error("This page has no service worker support (navigator.serviceWorker is missing).");
        return navigator.serviceWorker.controller !== null;
      },
      undefined,
      { timeout },
    );
  } catch (error) {
    if (!(error instanceof Error) || error.name !== "TimeoutError") throw error;
    const state = await page
      .evaluate(async () => {
        const reg = await navigator.serviceWorker.getRegistration();
        if (!reg) return "no registration";
        return `installing=${reg.installing?.state ?? "-"} waiting=${reg.waiting?.state ?? "-"} active=${reg.active?.state ?? "-"}`;
      })
      .catch((e: unknown) => `unknown (${String(e)})`);
    throw new Error(
      `The service worker did not control the page within ${timeout} ms; registration: ${state}`,
    );
  }
}
