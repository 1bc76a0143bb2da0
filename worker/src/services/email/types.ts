/** Email types shared by the service, providers and templates. */

export type EmailTemplate =
  | "welcome"
  | "password-reset"
  | "2fa-enabled"
  | "2fa-disabled"
  | "new-sign-in"
  | "trade-notification"
  | "connector-offline"
  | "ai-digest";

/** Alias used in the issue text. */
export type TemplateName = EmailTemplate;

export interface EmailMessage {
  to: string;
  template: EmailTemplate;
  data: Record<string, string>;
}

export interface EmailService {
  send(message: EmailMessage): Promise<void>;
}

/** A rendered email ready for a provider. */
export interface OutgoingEmail {
  to: string;
  from: string;
  template: EmailTemplate;
  subject: string;
  text: string;
  html: string;
}

/** A provider turns a rendered email into one API call. */
export interface EmailProvider {
  readonly name: string;
  deliver(email: OutgoingEmail): Promise<void>;
}

/** A provider refused or could not be reached; the message never holds secrets. */
export class EmailSendError extends Error {
  constructor(message: string, options?: { cause?: unknown }) {
    super(message, options);
    this.name = "EmailSendError";
  }
}

/** "a***@example.com": enough for support, not the address. */
export function redactAddress(address: string): string {
  const at = address.indexOf("@");
  return at > 0 ? `${address[0]}***${address.slice(at)}` : "***";
}
