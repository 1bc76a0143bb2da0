// The Sentry beforeSend scrubber on a hand-built event full of secrets (checklist 29).
import { describe, expect, it } from "vitest";
import { FILTERED, type SentryEvent, scrubEvent, scrubString } from "./scrub.ts";

const SECRETS = ["s3cr3t-pass", "tok-abc-123", "654321", "chal-xyz", "refresh-999", "apikey-777", "sess=abc"];

function dirtyEvent(): SentryEvent {
  return {
    type: undefined,
    message: "login failed for password=s3cr3t-pass",
    request: {
      url: "https://api.example.com/api/v1/auth/reset?token=tok-abc-123#frag",
      query_string: "token=tok-abc-123",
      cookies: { refresh: "refresh-999" },
      headers: {
        Authorization: "Bearer tok-abc-123",
        Cookie: "sess=abc",
        "Set-Cookie": "refresh=refresh-999",
        "User-Agent": "Firefox",
      },
      data: {
        email: "a@example.com",
        password: "s3cr3t-pass",
        nested: { totpCode: "654321", list: [{ challenge: "chal-xyz" }] },
      },
    },
    exception: {
      values: [{ type: "Error", value: "boom Bearer tok-abc-123 at https://x.example.com/a?code=654321" }],
    },
    breadcrumbs: [
      { category: "fetch", data: { url: "https://api.example.com/x?otp=654321", status_code: 200 } },
      { category: "auth", message: "refresh_token=refresh-999 reused" },
    ],
    extra: { config: { apiKey: "apikey-777", secretKey: "x" }, statusCode: 500 },
    contexts: { login: { recoveryCode: "654321" } },
    user: { id: "user-1", email: "a@example.com", ip_address: "203.0.113.5" },
  };
}

describe("scrubEvent", () => {
  it("leaves no secret anywhere in the event", () => {
    const json = JSON.stringify(scrubEvent(dirtyEvent()));
    for (const secret of SECRETS) expect(json).not.toContain(secret);
    expect(json).not.toContain("a@example.com");
    expect(json).not.toContain("203.0.113.5");
  });

  it("removes credential headers, cookies and query strings but keeps useful context", () => {
    const event = scrubEvent(dirtyEvent());
    expect(event.request?.headers).toEqual({ "User-Agent": "Firefox" });
    expect(event.request?.cookies).toBeUndefined();
    expect(event.request?.query_string).toBeUndefined();
    expect(event.request?.url).toBe("https://api.example.com/api/v1/auth/reset");
    expect(event.user).toEqual({ id: "user-1" });
    expect(event.extra?.statusCode).toBe(500);
    expect(event.breadcrumbs?.[0].data?.url).toBe("https://api.example.com/x");
    expect(event.breadcrumbs?.[0].data?.status_code).toBe(200);
    expect(event.request?.data).toMatchObject({ password: FILTERED });
  });

  it("does not modify the original event", () => {
    const original = dirtyEvent();
    scrubEvent(original);
    expect(original.request?.headers?.Authorization).toBe("Bearer tok-abc-123");
  });
});

describe("scrubString", () => {
  it("masks bearer tokens, JWTs, query strings and key=value secrets", () => {
    const jwt = "eyJhbGciOiJIUzI1NiJ9.eyJzdWIiOiJ1In0.c2lnbmF0dXJl";
    const out = scrubString(`Bearer abc.def ${jwt} https://a.example/p?x=1 code: 123456 password="p w"`);
    expect(out).not.toMatch(/abc\.def|eyJ|x=1|123456|p w/);
    expect(out).toContain("https://a.example/p");
  });
});
