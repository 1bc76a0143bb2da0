// /api/v1/ai/digest: emails the digest only to a user who switched it on in Settings;
// the message lands in the dev outbox with the app's lines (HTML-escaped); bad bodies
// and bad settings values are refused with field names.
import { SELF } from "cloudflare:test";
import { describe, expect, it } from "vitest";
import { call, register } from "../auth/testing.ts";

const digest = {
  period: "week to 2024-03-20",
  summary: "21 trades in 1 history(ies); 1 alert(s).",
  lines: ["Revenge trading (my-trades.csv): After a loss of 60 on EURUSD <b>(2024-03-13)</b> ..."],
};

async function outboxFor(email: string) {
  // The outbox answers local requests (issue 13 item 11).
  const res = await SELF.fetch("http://localhost/api/v1/dev/outbox", {
    headers: { "CF-Connecting-IP": "127.0.0.1" },
  });
  const { messages } = (await res.json()) as {
    messages: Array<{ to: string; template: string; subject: string; text: string; html: string }>;
  };
  return messages.filter((m) => m.to === email && m.template === "ai-digest");
}

describe("POST /ai/digest", () => {
  it("refuses with 409 until the user opts in, then emails the digest", async () => {
    const a = await register();
    const off = await call("/ai/digest", { method: "POST", token: a.accessToken, body: digest });
    expect(off.status).toBe(409);
    expect(off.json.error.code).toBe("ai_digest_off");
    expect(await outboxFor(a.email)).toHaveLength(0);

    const saved = await call("/users/settings", {
      method: "PUT",
      token: a.accessToken,
      body: { settings: { emailAiDigest: true, drawdownLimitPct: 10 }, version: 0 },
    });
    expect(saved.status).toBe(200);
    const on = await call("/ai/digest", { method: "POST", token: a.accessToken, body: digest });
    expect(on.status).toBe(200);
    expect(on.json).toEqual({ sent: true });
    const [mail] = await outboxFor(a.email);
    expect(mail.template).toBe("ai-digest");
    expect(mail.subject).toBe("Your Forex AI digest: week to 2024-03-20");
    expect(mail.text).toContain("21 trades in 1 history(ies); 1 alert(s).");
    expect(mail.text).toContain("After a loss of 60 on EURUSD <b>(2024-03-13)</b>");
    expect(mail.html).toContain("&lt;b&gt;(2024-03-13)&lt;/b&gt;");
  });

  it("needs a token and a valid body", async () => {
    expect((await call("/ai/digest", { method: "POST", body: digest })).status).toBe(401);
    const a = await register();
    const bad = await call("/ai/digest", {
      method: "POST",
      token: a.accessToken,
      body: { period: "", lines: Array(31).fill("x") },
    });
    expect(bad.status).toBe(400);
    const paths = bad.json.error.fields.map((f: { path: string }) => f.path);
    expect(paths).toEqual(expect.arrayContaining(["period", "lines"]));
  });
});

describe("AI fields in the settings document", () => {
  it("refuses a drawdown limit outside 0.5..100 and a non-boolean digest switch, by field", async () => {
    const a = await register();
    const bad = await call("/users/settings", {
      method: "PUT",
      token: a.accessToken,
      body: { settings: { drawdownLimitPct: 0.1, emailAiDigest: "yes" }, version: 0 },
    });
    expect(bad.status).toBe(400);
    const paths = bad.json.error.fields.map((f: { path: string }) => f.path);
    expect(paths).toEqual(["settings.drawdownLimitPct", "settings.emailAiDigest"]);
    const none = await call("/users/settings", {
      method: "PUT",
      token: a.accessToken,
      body: { settings: { drawdownLimitPct: null }, version: 0 },
    });
    expect(none.status).toBe(200);
  });
});
