/**
 * Email service entry point: `getEmailService(env).send({to, template, data})`.
 * EMAIL_PROVIDER picks the provider: "console" (default; logs a redacted line and, in
 * development, fills the dev outbox), "sendgrid" or "ses". A misconfigured provider
 * makes send() reject with a message naming the missing variable — it never logs or
 * echoes a secret value.
 */
import type { Env } from "../../env.ts";
import { consoleProvider } from "./console.ts";
import { sendGridProvider } from "./sendgrid.ts";
import { sesProvider } from "./ses.ts";
import { renderEmail } from "./templates.ts";
import { type EmailProvider, EmailSendError, type EmailService, redactAddress } from "./types.ts";

export type { EmailMessage, EmailService, EmailTemplate, TemplateName } from "./types.ts";
export { EmailSendError } from "./types.ts";

const DEFAULT_FROM = "Forex AI <no-reply@localhost>";

function str(env: Env, name: string): string {
  const v = env[name];
  return typeof v === "string" ? v.trim() : "";
}

function need(env: Env, provider: string, names: string[]): void {
  const missing = names.filter((n) => !str(env, n));
  if (missing.length) {
    throw new EmailSendError(
      `EMAIL_PROVIDER=${provider} needs ${missing.join(", ")}: set ${missing.length > 1 ? "them" : "it"} (see docs/deployment.md).`,
    );
  }
}

/** The provider EMAIL_PROVIDER asks for; throws EmailSendError when its config is missing. */
export function createProvider(env: Env): EmailProvider {
  const name = (str(env, "EMAIL_PROVIDER") || "console").toLowerCase();
  if (name === "console") {
    return consoleProvider({ outbox: env.ENVIRONMENT === "development" ? env.DB : undefined });
  }
  if (name === "sendgrid") {
    need(env, name, ["SENDGRID_API_KEY", "EMAIL_FROM"]);
    return sendGridProvider({ apiKey: str(env, "SENDGRID_API_KEY"), baseUrl: str(env, "SENDGRID_API_URL") });
  }
  if (name === "ses") {
    need(env, name, ["AWS_SES_REGION", "AWS_SES_ACCESS_KEY_ID", "AWS_SES_SECRET_ACCESS_KEY", "EMAIL_FROM"]);
    return sesProvider({
      region: str(env, "AWS_SES_REGION"),
      accessKeyId: str(env, "AWS_SES_ACCESS_KEY_ID"),
      secretAccessKey: str(env, "AWS_SES_SECRET_ACCESS_KEY"),
      endpoint: str(env, "SES_ENDPOINT"),
    });
  }
  throw new EmailSendError(`Unknown EMAIL_PROVIDER "${name}": use console, sendgrid or ses.`);
}

export function getEmailService(env: Env): EmailService {
  return {
    async send(message) {
      const provider = createProvider(env);
      const rendered = renderEmail(
        message.template,
        message.data,
        str(env, "APP_ORIGIN") || "http://localhost:8787",
      );
      const from = str(env, "EMAIL_FROM") || DEFAULT_FROM;
      await provider.deliver({ ...rendered, to: message.to, from, template: message.template });
      if (provider.name !== "console") {
        console.log(
          JSON.stringify({
            level: "info",
            kind: "email",
            provider: provider.name,
            template: message.template,
            to: redactAddress(message.to),
          }),
        );
      }
    },
  };
}
