/**
 * Console provider for development: logs one redacted line (template, masked address, no
 * bodies: they hold reset links) and, when ENVIRONMENT=development, keeps the full
 * message in the dev outbox.
 */
import { addToOutbox } from "./outbox.ts";
import { type EmailProvider, redactAddress } from "./types.ts";

export interface ConsoleProviderOptions {
  /** D1 for the dev outbox; omitted outside development. */
  outbox?: D1Database;
}

export function consoleProvider(options: ConsoleProviderOptions): EmailProvider {
  return {
    name: "console",
    async deliver(email) {
      console.log(
        JSON.stringify({
          level: "info",
          kind: "email",
          provider: "console",
          template: email.template,
          to: redactAddress(email.to),
          subject: email.subject,
          outbox: Boolean(options.outbox),
        }),
      );
      if (options.outbox) await addToOutbox(options.outbox, email, new Date());
    },
  };
}
