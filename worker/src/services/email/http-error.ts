/** Shared handling of a provider's HTTP answer: a short, secret-free error on failure. */
import { EmailSendError } from "./types.ts";

const MAX_DETAIL = 200;

export async function ensureOk(provider: string, res: Response): Promise<void> {
  if (res.ok) return;
  const detail = (await res.text().catch(() => "")).replace(/\s+/g, " ").slice(0, MAX_DETAIL);
  throw new EmailSendError(`${provider} refused the email: HTTP ${res.status}${detail ? ` ${detail}` : ""}`);
}

export async function post(provider: string, doFetch: () => Promise<Response>): Promise<Response> {
  try {
    return await doFetch();
  } catch (err) {
    throw new EmailSendError(`${provider} could not be reached: ${(err as Error).message}`, { cause: err });
  }
}
