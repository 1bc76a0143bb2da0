/**
 * The Playwright `test` every e2e spec uses: each test is a different person, so each gets
 * its own client address (the `CF-Connecting-IP` header that Cloudflare sets in production
 * and the local Worker honours). Without it every test shares one address and the per-IP
 * sign-in budget (20 a minute across the auth routes, checklist 33) that one test spends on
 * purpose would refuse the next test's registration. Addresses come from TEST-NET-2
 * (198.51.100.0/24, RFC 5737): only a header value, no traffic goes there.
 */
import { test as base } from "@playwright/test";

export * from "@playwright/test";

/** A stable documentation-range address for one test (by its id). */
export function clientAddressFor(testId: string): string {
  let hash = 0;
  for (let i = 0; i < testId.length; i++) hash = (hash * 31 + testId.charCodeAt(i)) >>> 0;
  return `198.51.100.${1 + (hash % 254)}`;
}

export const test = base.extend({
  context: async ({ context }, use, testInfo) => {
    await context.setExtraHTTPHeaders({ "CF-Connecting-IP": clientAddressFor(testInfo.testId) });
    await use(context);
  },
});

/**
 * Headers for reading the development outbox as the operator at this machine would: the
 * outbox answers loopback clients only, and the fixture above gives each test a remote one.
 */
export const OPERATOR_ON_THIS_MACHINE = { "CF-Connecting-IP": "127.0.0.1" } as const;
