/**
 * A small OANDA v20 REST client: Bearer auth, JSON bodies, a timeout per request.
 * A timeout or a dropped connection becomes BrokerTimeoutError (the outcome is unknown and
 * the caller must reconcile); an HTTP error keeps v20's errorCode/errorMessage and body.
 */
import { BrokerTimeoutError } from "../port.ts";

export const OANDA_HOSTS = {
  practice: { rest: "https://api-fxpractice.oanda.com", stream: "https://stream-fxpractice.oanda.com" },
  live: { rest: "https://api-fxtrade.oanda.com", stream: "https://stream-fxtrade.oanda.com" },
} as const;

/** An HTTP error answer from v20. */
export class V20HttpError extends Error {
  override name = "V20HttpError";
  constructor(
    readonly status: number,
    readonly errorCode: string,
    message: string,
    readonly body: Record<string, unknown>,
  ) {
    super(message);
  }
}

export interface V20ClientOptions {
  restUrl: string;
  accountId: string;
  apiToken: string;
  timeoutMs: number;
}

/** JSON over HTTPS to one v20 account. */
export class V20Client {
  constructor(private readonly options: V20ClientOptions) {}

  /** The account path prefix: /v3/accounts/{id}. */
  get accountPath(): string {
    return `/v3/accounts/${encodeURIComponent(this.options.accountId)}`;
  }

  async request(method: string, path: string, body?: unknown): Promise<Record<string, unknown>> {
    const url = `${this.options.restUrl}${path}`;
    let response: Response;
    try {
      response = await fetch(url, {
        method,
        headers: {
          Authorization: `Bearer ${this.options.apiToken}`,
          "Content-Type": "application/json",
          "Accept-Datetime-Format": "UNIX",
        },
        body: body === undefined ? undefined : JSON.stringify(body),
        signal: AbortSignal.timeout(this.options.timeoutMs),
      });
    } catch (error) {
      throw new BrokerTimeoutError(`OANDA ${method} ${path}: no answer (${(error as Error).message})`);
    }
    let text: string;
    try {
      text = await response.text();
    } catch (error) {
      throw new BrokerTimeoutError(`OANDA ${method} ${path}: answer cut off (${(error as Error).message})`);
    }
    let json: Record<string, unknown> = {};
    if (text) {
      try {
        json = JSON.parse(text) as Record<string, unknown>;
      } catch {
        throw new V20HttpError(
          response.status,
          "BAD_JSON",
          `OANDA answered with something that is not JSON`,
          {},
        );
      }
    }
    if (!response.ok) {
      const code = String(json.errorCode ?? rejectReason(json) ?? `HTTP_${response.status}`);
      const message = String(json.errorMessage ?? `OANDA answered ${response.status}`);
      throw new V20HttpError(response.status, code, message, json);
    }
    return json;
  }
}

/** The rejectReason of any *RejectTransaction in a v20 error body. */
function rejectReason(body: Record<string, unknown>): string | undefined {
  for (const [key, value] of Object.entries(body)) {
    if (key.endsWith("RejectTransaction") && value && typeof value === "object") {
      const reason = (value as Record<string, unknown>).rejectReason;
      if (typeof reason === "string") return reason;
    }
  }
  return undefined;
}

/** EURUSD -> EUR_USD */
export function toInstrument(symbol: string): string {
  return `${symbol.slice(0, 3)}_${symbol.slice(3)}`;
}

/** EUR_USD -> EURUSD */
export function toSymbol(instrument: string): string {
  return instrument.replace("_", "");
}

/** v20 sends times as UNIX seconds strings with our Accept-Datetime-Format (RFC 3339 otherwise). */
export function v20Time(value: unknown): number {
  if (typeof value !== "string") return 0;
  const asNumber = Number(value);
  if (Number.isFinite(asNumber)) return Math.round(asNumber * 1000);
  const parsed = Date.parse(value);
  return Number.isFinite(parsed) ? parsed : 0;
}
