/**
 * Reads the AI proxy's configuration from the Worker env: AI_PROVIDER ("openai" default,
 * or "anthropic"), AI_API_KEY (secret), AI_BASE_URL, AI_MODEL, AI_MAX_TOKENS,
 * AI_MAX_REQUEST_BYTES, AI_TIMEOUT_MS. Problems are described by variable name only,
 * never by value.
 */
import type { Env } from "../../env.ts";
import type { AiConfig, AiProviderName } from "./types.ts";

export const DEFAULT_MAX_TOKENS = 1024;
export const DEFAULT_MAX_REQUEST_BYTES = 32_768;
export const DEFAULT_TIMEOUT_MS = 30_000;

const PROVIDERS: Record<AiProviderName, { baseUrl: string; model: string }> = {
  openai: { baseUrl: "https://api.openai.com", model: "gpt-4o-mini" },
  anthropic: { baseUrl: "https://api.anthropic.com", model: "claude-haiku-4-5" },
};

function str(env: Env, name: string): string {
  const v = env[name];
  return typeof v === "string" ? v.trim() : "";
}

function positiveInt(env: Env, name: string, fallback: number): number {
  const raw = str(env, name);
  if (!/^\d+$/.test(raw)) return fallback;
  const n = Number(raw);
  return n > 0 ? n : fallback;
}

/** The caps apply even when the proxy is not configured (they are part of /status). */
export function aiLimits(env: Env): { maxTokens: number; maxRequestBytes: number } {
  return {
    maxTokens: positiveInt(env, "AI_MAX_TOKENS", DEFAULT_MAX_TOKENS),
    maxRequestBytes: positiveInt(env, "AI_MAX_REQUEST_BYTES", DEFAULT_MAX_REQUEST_BYTES),
  };
}

function normaliseBaseUrl(raw: string): string | null {
  let url: URL;
  try {
    url = new URL(raw);
  } catch {
    return null;
  }
  if (url.protocol !== "https:" && url.protocol !== "http:") return null;
  // Accept both "https://host" and "https://host/v1": the adapters append /v1/...
  return `${url.origin}${url.pathname}`.replace(/\/+$/, "").replace(/\/v1$/, "");
}

export type AiConfigResult = { ok: true; config: AiConfig } | { ok: false; problem: string };

/** The full configuration, or which variable is missing or wrong (for the operator's log). */
export function readAiConfig(env: Env): AiConfigResult {
  const providerRaw = (str(env, "AI_PROVIDER") || "openai").toLowerCase();
  if (providerRaw !== "openai" && providerRaw !== "anthropic")
    return { ok: false, problem: `AI_PROVIDER must be "openai" or "anthropic"` };
  const provider: AiProviderName = providerRaw;
  const apiKey = str(env, "AI_API_KEY");
  if (!apiKey) return { ok: false, problem: "AI_API_KEY is not set" };
  const defaults = PROVIDERS[provider];
  const baseUrl = normaliseBaseUrl(str(env, "AI_BASE_URL") || defaults.baseUrl);
  if (!baseUrl) return { ok: false, problem: "AI_BASE_URL is not an http(s) URL" };
  return {
    ok: true,
    config: {
      provider,
      apiKey,
      baseUrl,
      officialBaseUrl: baseUrl === defaults.baseUrl,
      model: str(env, "AI_MODEL") || defaults.model,
      ...aiLimits(env),
      timeoutMs: positiveInt(env, "AI_TIMEOUT_MS", DEFAULT_TIMEOUT_MS),
    },
  };
}
