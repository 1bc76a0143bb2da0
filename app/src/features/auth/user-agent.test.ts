import { describe, expect, it } from "vitest";
import { recoveryCodesText } from "./recovery-codes-text.ts";
import { describeAgent } from "./user-agent.ts";

describe("describeAgent", () => {
  it("names browser and system", () => {
    expect(
      describeAgent(
        "Mozilla/5.0 (X11; Linux x86_64) AppleWebKit/537.36 (KHTML, like Gecko) Chrome/140.0.0.0 Safari/537.36",
      ),
    ).toBe("Chrome on Linux");
    expect(
      describeAgent("Mozilla/5.0 (Windows NT 10.0; Win64; x64; rv:128.0) Gecko/20100101 Firefox/128.0"),
    ).toBe("Firefox on Windows");
    expect(
      describeAgent(
        "Mozilla/5.0 (iPhone; CPU iPhone OS 17_0 like Mac OS X) AppleWebKit/605.1.15 (KHTML, like Gecko) Version/17.0 Mobile/15E148 Safari/604.1",
      ),
    ).toBe("Safari on iOS");
    expect(describeAgent(null)).toBe("Unknown device");
  });
});

describe("recoveryCodesText", () => {
  it("lists every code on its own line with the account and date", () => {
    const text = recoveryCodesText(
      ["AAAA-BBBB-CCCC", "DDDD-EEEE-FFFF"],
      "a@example.com",
      new Date(Date.UTC(2026, 0, 2)),
    );
    const lines = text.split("\n");
    expect(lines).toContain("AAAA-BBBB-CCCC");
    expect(lines).toContain("DDDD-EEEE-FFFF");
    expect(lines).toContain("Account: a@example.com");
    expect(lines).toContain("Created: 2026-01-02T00:00:00.000Z");
  });
});
