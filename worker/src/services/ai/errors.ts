/**
 * What the browser is told when the AI provider fails: clear, fixed messages. The
 * provider's raw body is never forwarded (it may echo part of the key); the operator's
 * log gets the status and, at most, the provider's short error type.
 */
import { HttpError } from "../../errors.ts";
import type { AiProviderName, AiStreamEvent } from "./types.ts";

const DEFAULT_RETRY_AFTER_S = 30;
const LOCAL_FALLBACK = "meanwhile the app answers from local analysis";

export function aiNotConfigured(): HttpError {
  return new HttpError(
    503,
    "ai_not_configured",
    "The AI assistant is not configured on this server (no AI_API_KEY), so the app answers from local analysis.",
  );
}

export function providerUnavailable(): HttpError {
  return new HttpError(
    502,
    "ai_provider_unavailable",
    `The AI provider is unavailable. Try again in a moment; ${LOCAL_FALLBACK}.`,
  );
}

/** Retry-After as the provider sent it when it is valid (seconds or an HTTP date). */
function retryAfterOf(res: Response): string {
  const raw = res.headers.get("Retry-After")?.trim() ?? "";
  if (/^\d{1,6}$/.test(raw)) return String(Math.max(1, Number(raw)));
  if (raw && raw.length <= 64 && !Number.isNaN(Date.parse(raw))) return raw;
  return String(DEFAULT_RETRY_AFTER_S);
}

/** The provider's error type (e.g. "rate_limit_error"), only when it is a short identifier. */
async function providerErrorType(res: Response): Promise<string | undefined> {
  try {
    const body = (await res.json()) as {
      type?: unknown;
      error?: { type?: unknown; code?: unknown } | unknown;
    };
    const err = (typeof body.error === "object" && body.error) || {};
    const candidate = (err as { type?: unknown }).type ?? (err as { code?: unknown }).code ?? body.type;
    return typeof candidate === "string" && /^[A-Za-z0-9_.-]{1,64}$/.test(candidate) ? candidate : undefined;
  } catch {
    return undefined;
  }
}

function logProviderFailure(fields: Record<string, unknown>): void {
  console.warn(JSON.stringify({ level: "warn", event: "ai_provider_error", ...fields }));
}

/** Maps a non-2xx provider answer to the HttpError the browser sees. */
export async function providerStatusError(
  provider: AiProviderName,
  res: Response,
  requestId?: string,
): Promise<HttpError> {
  const status = res.status;
  const retryAfter = status === 429 ? retryAfterOf(res) : undefined;
  logProviderFailure({ requestId, provider, status, providerErrorType: await providerErrorType(res) });
  if (status === 401 || status === 403) {
    return new HttpError(
      502,
      "ai_provider_auth",
      "The AI provider refused our key — the operator must check AI_API_KEY.",
    );
  }
  if (status === 429 && retryAfter) {
    const when = /^\d+$/.test(retryAfter) ? `in ${retryAfter} s` : "later";
    return new HttpError(
      503,
      "ai_provider_rate_limited",
      `The AI provider is busy (rate limited). Try again ${when}; ${LOCAL_FALLBACK}.`,
      { headers: { "Retry-After": retryAfter } },
    );
  }
  if (status >= 500) return providerUnavailable();
  return new HttpError(
    502,
    "ai_provider_rejected",
    `The AI provider rejected the request (HTTP ${status}) — the operator should check AI_MODEL and AI_BASE_URL.`,
  );
}

/** Logs a provider that could not be reached or timed out (no message: it may hold the URL). */
export function logProviderUnreachable(provider: AiProviderName, reason: string, requestId?: string): void {
  logProviderFailure({ requestId, provider, status: null, reason });
}

/** An error reported inside an otherwise successful stream (its text is not forwarded). */
export function providerStreamError(): AiStreamEvent {
  return {
    type: "error",
    code: "ai_provider_error",
    message: "The AI provider stopped with an error in the middle of the answer. Try again.",
  };
}

/** The provider went silent, dropped the connection, or ended without finishing. */
export function streamBrokenError(): AiStreamEvent {
  return {
    type: "error",
    code: "ai_provider_unavailable",
    message: `The AI provider stopped answering before the end. Try again; ${LOCAL_FALLBACK}.`,
  };
}
