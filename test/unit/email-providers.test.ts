// Email providers against local HTTP servers that record requests: the SendGrid body and
// Authorization header, and the SES v2 SendEmail request with its SigV4 signature
// recomputed here independently with node:crypto.
import { createHash, createHmac } from "node:crypto";
import http from "node:http";
import type net from "node:net";
import { afterAll, beforeAll, beforeEach, describe, expect, it, vi } from "vitest";
import type { Env } from "../../worker/src/env.ts";
import { getEmailService } from "../../worker/src/services/email/index.ts";

interface Recorded {
  method: string;
  url: string;
  headers: http.IncomingHttpHeaders;
  body: string;
}

let server: http.Server;
let baseUrl: string;
let recorded: Recorded[] = [];
let nextStatus = 202;

beforeAll(async () => {
  server = http.createServer((req, res) => {
    const chunks: Buffer[] = [];
    req.on("data", (c: Buffer) => chunks.push(c));
    req.on("end", () => {
      recorded.push({
        method: req.method ?? "",
        url: req.url ?? "",
        headers: req.headers,
        body: Buffer.concat(chunks).toString("utf8"),
      });
      res.writeHead(nextStatus, { "Content-Type": "application/json" });
      res.end(
        nextStatus < 300
          ? '{"MessageId":"m-1"}'
          : '{"errors":[{"message":"The provided authorization grant is invalid"}]}',
      );
    });
  });
  await new Promise<void>((resolve) => server.listen(0, "127.0.0.1", resolve));
  baseUrl = `http://127.0.0.1:${(server.address() as net.AddressInfo).port}`;
});
afterAll(() => new Promise<void>((resolve) => server.close(() => resolve())));
beforeEach(() => {
  recorded = [];
  nextStatus = 202;
});

const baseEnv = {
  ENVIRONMENT: "production",
  APP_ORIGIN: "https://app.example.com",
  EMAIL_FROM: "Forex AI <no-reply@example.com>",
};
const resetMessage = {
  to: "trader@example.com",
  template: "password-reset" as const,
  data: { resetUrl: "https://app.example.com/reset-password?token=t0k3n", expiresInMinutes: "60" },
};

describe("SendGrid provider", () => {
  // A function: baseUrl is only known once beforeAll has started the server.
  const env = () =>
    ({
      ...baseEnv,
      EMAIL_PROVIDER: "sendgrid",
      SENDGRID_API_KEY: "SG.test-key-123",
      SENDGRID_API_URL: baseUrl,
    }) as unknown as Env;

  it("POSTs the v3 mail/send JSON with the Bearer key", async () => {
    const log = vi.spyOn(console, "log").mockImplementation(() => {});
    await getEmailService(env()).send(resetMessage);
    const logged = log.mock.calls.map((a) => a.join(" ")).join("\n");
    log.mockRestore();
    expect(recorded).toHaveLength(1);
    const [req] = recorded;
    expect(req.method).toBe("POST");
    expect(req.url).toBe("/v3/mail/send");
    expect(req.headers.authorization).toBe("Bearer SG.test-key-123");
    expect(req.headers["content-type"]).toBe("application/json");
    const body = JSON.parse(req.body);
    expect(body.personalizations).toEqual([{ to: [{ email: "trader@example.com" }] }]);
    expect(body.from.email).toBe("Forex AI <no-reply@example.com>");
    expect(body.subject).toBe("Reset your Forex AI password");
    expect(body.content.map((c: { type: string }) => c.type)).toEqual(["text/plain", "text/html"]);
    expect(body.content[0].value).toContain("https://app.example.com/reset-password?token=t0k3n");
    expect(body.content[1].value).toContain('href="https://app.example.com/reset-password?token=t0k3n"');
    // Logs name the template and a masked address; never the key, the address or the link.
    expect(logged).toContain("password-reset");
    expect(logged).not.toContain("SG.test-key-123");
    expect(logged).not.toContain("trader@example.com");
    expect(logged).not.toContain("t0k3n");
  });

  it("rejects with the HTTP status and without the key when SendGrid refuses", async () => {
    nextStatus = 401;
    const err = await getEmailService(env())
      .send(resetMessage)
      .catch((e: Error) => e);
    expect(err).toBeInstanceOf(Error);
    expect((err as Error).message).toMatch(/SendGrid refused the email: HTTP 401/);
    expect((err as Error).message).not.toContain("SG.test-key-123");
  });

  it("names the missing variable when the key is not set", async () => {
    const err = await getEmailService({ ...baseEnv, EMAIL_PROVIDER: "sendgrid" } as unknown as Env)
      .send(resetMessage)
      .catch((e: Error) => e);
    expect((err as Error).message).toContain("SENDGRID_API_KEY");
  });
});

const sha256 = (data: string) => createHash("sha256").update(data, "utf8").digest("hex");
const hmac = (key: Buffer | string, data: string) => createHmac("sha256", key).update(data, "utf8").digest();

/** Independent SigV4 check of a recorded request (AWS docs, "Create a signed AWS API request"). */
function verifySigV4(req: Recorded, secret: string): { ok: boolean; scope: string[]; signed: string[] } {
  const auth = String(req.headers.authorization);
  const m = /^AWS4-HMAC-SHA256 Credential=([^,]+), SignedHeaders=([^,]+), Signature=([0-9a-f]{64})$/.exec(
    auth,
  );
  if (!m) throw new Error(`Not a SigV4 Authorization header: ${auth}`);
  const [, credential, signedHeaders, signature] = m;
  const [, date, region, service, terminator] = credential.split("/");
  const amzDate = String(req.headers["x-amz-date"]);
  const signed = signedHeaders.split(";");
  const [path, query = ""] = req.url.split("?");
  const canonicalHeaders = signed
    .map((h) => `${h}:${String(req.headers[h]).trim().replace(/\s+/g, " ")}\n`)
    .join("");
  const canonicalRequest = ["POST", path, query, canonicalHeaders, signedHeaders, sha256(req.body)].join(
    "\n",
  );
  const scope = `${date}/${region}/${service}/${terminator}`;
  const stringToSign = ["AWS4-HMAC-SHA256", amzDate, scope, sha256(canonicalRequest)].join("\n");
  const kDate = hmac(`AWS4${secret}`, date);
  const kSigning = hmac(hmac(hmac(kDate, region), service), "aws4_request");
  const expected = createHmac("sha256", kSigning).update(stringToSign, "utf8").digest("hex");
  return { ok: expected === signature, scope: [date, region, service, terminator], signed };
}

describe("Amazon SES v2 provider", () => {
  const secret = "wJalrXUtnFEMI/K7MDENG/bPxRfiCYEXAMPLEKEY";
  const env = {
    ...baseEnv,
    EMAIL_PROVIDER: "ses",
    AWS_SES_REGION: "eu-west-1",
    AWS_SES_ACCESS_KEY_ID: "AKIDEXAMPLE",
    AWS_SES_SECRET_ACCESS_KEY: secret,
  } as unknown as Env;

  it("sends SendEmail with a valid SigV4 signature for ses in the configured region", async () => {
    nextStatus = 200;
    const log = vi.spyOn(console, "log").mockImplementation(() => {});
    await getEmailService({ ...env, SES_ENDPOINT: baseUrl } as Env).send({
      to: "trader@example.com",
      template: "new-sign-in",
      data: { time: "2026-11-26T07:00:00Z", device: "Firefox <script>" },
    });
    const logged = log.mock.calls.map((a) => a.join(" ")).join("\n");
    log.mockRestore();
    expect(recorded).toHaveLength(1);
    const [req] = recorded;
    expect(req.url).toBe("/v2/email/outbound-emails");
    const body = JSON.parse(req.body);
    expect(body.FromEmailAddress).toBe("Forex AI <no-reply@example.com>");
    expect(body.Destination).toEqual({ ToAddresses: ["trader@example.com"] });
    expect(body.Content.Simple.Subject.Data).toBe("New sign-in to your Forex AI account");
    expect(body.Content.Simple.Body.Html.Data).toContain("Firefox &lt;script&gt;");
    expect(body.Content.Simple.Body.Text.Data).toContain("Firefox <script>");
    const check = verifySigV4(req, secret);
    expect(check.ok).toBe(true);
    expect(check.scope.slice(1)).toEqual(["eu-west-1", "ses", "aws4_request"]);
    expect(check.signed).toEqual(expect.arrayContaining(["host", "x-amz-date"]));
    expect(String(req.headers.authorization)).toContain("Credential=AKIDEXAMPLE/");
    // The verifier can fail: a tampered body or a wrong secret does not verify.
    expect(verifySigV4({ ...req, body: req.body.replace("trader", "attacker") }, secret).ok).toBe(false);
    expect(verifySigV4(req, `${secret}x`).ok).toBe(false);
    expect(logged).not.toContain(secret);
    expect(logged).not.toContain("AKIDEXAMPLE");
  });

  it("rejects with the status when SES refuses, without credentials in the message", async () => {
    nextStatus = 403;
    const err = await getEmailService({ ...env, SES_ENDPOINT: baseUrl } as Env)
      .send(resetMessage)
      .catch((e: Error) => e);
    expect((err as Error).message).toMatch(/Amazon SES refused the email: HTTP 403/);
    expect((err as Error).message).not.toContain(secret);
  });
});
