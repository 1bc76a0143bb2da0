/**
 * Account emails sent after the response (waitUntil) so they never delay it or change its
 * timing; failures are logged without the address or data.
 */
import type { Context } from "hono";
import type { AppBindings } from "../env.ts";
import { type EmailTemplate, getEmailService } from "../services/email/index.ts";

export function sendAccountEmail(
  c: Context<AppBindings>,
  message: { to: string; template: EmailTemplate; data?: Record<string, string> },
): void {
  const task = getEmailService(c.env)
    .send({ to: message.to, template: message.template, data: message.data ?? {} })
    .catch((err: unknown) => {
      console.error(
        JSON.stringify({
          level: "error",
          kind: "email_failed",
          template: message.template,
          message: String(err),
        }),
      );
    });
  try {
    c.executionCtx.waitUntil(task);
  } catch {
    // No execution context (e.g. app.request in a script): the promise still runs.
  }
}

/** A short device/time description for sign-in notices (no IP address). */
export function signInData(c: Context<AppBindings>): Record<string, string> {
  return {
    time: new Date().toISOString(),
    device: (c.req.header("User-Agent") ?? "unknown device").slice(0, 120),
  };
}
