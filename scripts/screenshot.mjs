// Takes the README screenshot: node scripts/screenshot.mjs [url] [out.png] (server must run).
import { chromium } from "playwright-core";

const url = process.argv[2] ?? "http://localhost:8787/";
const out = process.argv[3] ?? "docs/screenshot.png";
const browser = await chromium.launch({
  executablePath: process.env.CHROMIUM_PATH ?? "/usr/bin/chromium",
  args: [
    "--no-sandbox",
    "--disable-gpu",
    "--disable-background-networking",
    "--disable-component-update",
    "--disable-sync",
    "--no-first-run",
    "--disable-quic",
  ],
});
const page = await browser.newPage({ viewport: { width: 1280, height: 760 } });
await page.goto(url);
await page.waitForTimeout(1500);
await page.screenshot({ path: out });
await browser.close();
console.log(`saved ${out}`);
