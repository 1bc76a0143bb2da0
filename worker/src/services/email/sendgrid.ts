/** SendGrid provider: one POST to the v3 mail/send API (base URL overridable for tests). */
import { ensureOk, post } from "./http-error.ts";
import type { EmailProvider, OutgoingEmail } from "./types.ts";

export const SENDGRID_DEFAULT_URL = "https://api.sendgrid.com";

export interface SendGridOptions {
  apiKey: string;
  /** Default https://api.sendgrid.com (SENDGRID_API_URL). */
  baseUrl?: string;
}

/** The mail/send JSON body for one rendered email. */
export function sendGridBody(email: OutgoingEmail): unknown {
  return {
    personalizations: [{ to: [{ email: email.to }] }],
    from: { email: email.from, name: "Forex AI" },
    subject: email.subject,
    content: [
      { type: "text/plain", value: email.text },
      { type: "text/html", value: email.html },
    ],
    categories: [email.template],
    tracking_settings: { click_tracking: { enable: false, enable_text: false } },
  };
}

export function sendGridProvider(options: SendGridOptions): EmailProvider {
  const url = `${(options.baseUrl || SENDGRID_DEFAULT_URL).replace(/\/+$/, "")}/v3/mail/send`;
  return {
    name: "sendgrid",
    async deliver(email) {
      const res = await post("SendGrid", () =>
        fetch(url, {
          method: "POST",
          headers: { Authorization: `Bearer ${options.apiKey}`, "Content-Type": "application/json" },
          body: JSON.stringify(sendGridBody(email)),
        }),
      );
      await ensureOk("SendGrid", res);
    },
  };
}
