/**
 * Amazon SES v2 provider: SendEmail (POST /v2/email/outbound-emails) signed with SigV4 by
 * aws4fetch. The endpoint is overridable (SES_ENDPOINT) for tests; region and service are
 * passed explicitly because a custom endpoint's hostname does not reveal them.
 */
import { AwsClient } from "aws4fetch";
import { ensureOk, post } from "./http-error.ts";
import type { EmailProvider, OutgoingEmail } from "./types.ts";

export interface SesOptions {
  region: string;
  accessKeyId: string;
  secretAccessKey: string;
  /** Default https://email.{region}.amazonaws.com (SES_ENDPOINT). */
  endpoint?: string;
}

/** The SendEmail JSON body for one rendered email. */
export function sesBody(email: OutgoingEmail): unknown {
  const utf8 = (data: string) => ({ Data: data, Charset: "UTF-8" });
  return {
    FromEmailAddress: email.from,
    Destination: { ToAddresses: [email.to] },
    Content: {
      Simple: {
        Subject: utf8(email.subject),
        Body: { Text: utf8(email.text), Html: utf8(email.html) },
      },
    },
    EmailTags: [{ Name: "template", Value: email.template }],
  };
}

export function sesProvider(options: SesOptions): EmailProvider {
  const client = new AwsClient({
    accessKeyId: options.accessKeyId,
    secretAccessKey: options.secretAccessKey,
    region: options.region,
    service: "ses",
    retries: 0,
  });
  const base = (options.endpoint || `https://email.${options.region}.amazonaws.com`).replace(/\/+$/, "");
  return {
    name: "ses",
    async deliver(email) {
      const res = await post("Amazon SES", () =>
        client.fetch(`${base}/v2/email/outbound-emails`, {
          method: "POST",
          headers: { "Content-Type": "application/json" },
          body: JSON.stringify(sesBody(email)),
        }),
      );
      await ensureOk("Amazon SES", res);
    },
  };
}
