/**
 * Where the e2e tests find Chromium: $CHROMIUM_PATH (or $PLAYWRIGHT_CHROMIUM_PATH), then
 * Debian's /usr/bin/chromium, then Playwright's own download if the machine has one.
 */
import { existsSync } from "node:fs";

export function chromiumPath(): string | undefined {
  const fromEnv = process.env.CHROMIUM_PATH ?? process.env.PLAYWRIGHT_CHROMIUM_PATH;
  if (fromEnv) return fromEnv;
  if (existsSync("/usr/bin/chromium")) return "/usr/bin/chromium";
  return undefined;
}

/** Flags for a quiet, headless Chromium on machines without a GPU or outside network. */
export const chromiumArgs = [
  "--no-sandbox",
  "--disable-gpu",
  "--disable-background-networking",
  "--disable-component-update",
  "--disable-sync",
  "--no-first-run",
  "--disable-quic",
];
