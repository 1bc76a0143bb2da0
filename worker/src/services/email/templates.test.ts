// Every template renders subject, text and HTML; data is escaped in HTML; unsafe links dropped.
import { describe, expect, it } from "vitest";
import { escapeHtml, renderEmail } from "./templates.ts";
import type { EmailTemplate } from "./types.ts";

const ALL: EmailTemplate[] = [
  "welcome",
  "password-reset",
  "2fa-enabled",
  "2fa-disabled",
  "new-sign-in",
  "trade-notification",
  "connector-offline",
];
const ORIGIN = "https://app.example.com";
const HOSTILE = '<img src=x onerror="alert(1)">';

describe("renderEmail", () => {
  it.each(ALL)("renders %s as text and escaped HTML", (template) => {
    const data = {
      name: HOSTILE,
      device: HOSTILE,
      time: "2026-11-26T07:00:00Z",
      instrument: HOSTILE,
      side: "buy",
      units: "1000",
      resetUrl: `${ORIGIN}/reset-password?token=abc`,
    };
    const email = renderEmail(template, data, ORIGIN);
    expect(email.subject.length).toBeGreaterThan(5);
    expect(email.text.length).toBeGreaterThan(20);
    expect(email.html).toMatch(/^<!doctype html>/);
    expect(email.html).not.toContain("<img");
    expect(email.text).not.toContain("&lt;");
  });

  it("puts the reset link in both bodies and the expiry in minutes", () => {
    const url = `${ORIGIN}/reset-password?token=abc&x=1`;
    const email = renderEmail("password-reset", { resetUrl: url, expiresInMinutes: "30" }, ORIGIN);
    expect(email.text).toContain(url);
    expect(email.text).toContain("expires in 30 minutes");
    expect(email.html).toContain(`href="${escapeHtml(url)}"`);
  });

  it("drops links that are not http(s)", () => {
    const email = renderEmail("password-reset", { resetUrl: "javascript:alert(1)" }, ORIGIN);
    expect(email.html).not.toContain("javascript:");
    expect(email.text).not.toContain("javascript:");
  });

  it("mentions the device and time for security notices", () => {
    for (const template of ["2fa-enabled", "2fa-disabled", "new-sign-in"] as const) {
      const email = renderEmail(
        template,
        { device: "Firefox on Linux", time: "2026-11-26T07:00:00Z" },
        ORIGIN,
      );
      expect(email.text).toContain("Firefox on Linux");
      expect(email.text).toContain("2026-11-26T07:00:00Z");
      expect(email.text).toContain(`${ORIGIN}/security`);
    }
  });

  it("describes a trade", () => {
    const email = renderEmail(
      "trade-notification",
      { instrument: "EUR_USD", side: "buy", units: "1000", price: "1.0842", status: "filled" },
      ORIGIN,
    );
    expect(email.subject).toBe("Trade filled: buy 1000 EUR_USD");
    expect(email.text).toContain("buy 1000 EUR_USD at 1.0842");
  });

  it("says when the connector was last seen and links the Connector page", () => {
    const email = renderEmail("connector-offline", { lastSeen: "2026-11-26T07:00:00.000Z" }, ORIGIN);
    expect(email.subject).toBe("Your Forex AI connector is offline");
    expect(email.text).toContain("last seen 2026-11-26T07:00:00.000Z");
    expect(email.text).toContain(`${ORIGIN}/connector`);
  });
});
