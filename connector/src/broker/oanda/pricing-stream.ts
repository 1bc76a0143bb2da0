/**
 * The v20 pricing stream: GET {stream}/v3/accounts/{id}/pricing/stream?instruments=...
 * answers with newline-delimited JSON, PRICE lines and a HEARTBEAT line every 5 s. The
 * stream is reopened with jittered backoff when it ends, fails, or goes quiet for longer
 * than `staleMs` (no line at all, not even a heartbeat).
 */
import { nextDelay } from "../../backoff.ts";
import type { Logger } from "../../log.ts";
import type { Quote } from "../port.ts";
import { toInstrument, toSymbol, v20Time } from "./v20-client.ts";

export interface PricingStreamOptions {
  streamUrl: string;
  accountId: string;
  apiToken: string;
  symbols: string[];
  log: Logger;
  onQuote(quote: Quote): void;
  /** Reopen when no line arrived for this long (v20 heartbeats every 5 s). */
  staleMs?: number;
  random?: () => number;
}

/** Parses one stream line into a quote (undefined for heartbeats and non-tradeable prices). */
export function parsePriceLine(line: string): Quote | "heartbeat" | undefined {
  const message = JSON.parse(line) as Record<string, unknown>;
  if (message.type === "HEARTBEAT") return "heartbeat";
  if (message.type !== "PRICE") return undefined;
  const bids = message.bids as { price: string }[] | undefined;
  const asks = message.asks as { price: string }[] | undefined;
  if (!bids?.length || !asks?.length || message.tradeable === false) return undefined;
  return {
    symbol: toSymbol(String(message.instrument)),
    bid: Number(bids[0].price),
    ask: Number(asks[0].price),
    time: v20Time(message.time),
  };
}

/** Keeps one pricing stream open until stop(). */
export class PricingStream {
  private controller: AbortController | undefined;
  private stopped = false;
  private attempt = 0;
  private lastLine = 0;
  private watchdog: NodeJS.Timeout | undefined;
  private retry: NodeJS.Timeout | undefined;
  /** Resolves once the first line (price or heartbeat) arrived. */
  readonly ready: Promise<void>;
  private markReady!: () => void;

  constructor(private readonly options: PricingStreamOptions) {
    this.ready = new Promise((resolve) => {
      this.markReady = resolve;
    });
  }

  start(): void {
    this.stopped = false;
    const staleMs = this.options.staleMs ?? 12_000;
    this.watchdog = setInterval(
      () => {
        if (this.controller && Date.now() - this.lastLine > staleMs) {
          this.options.log.warn("OANDA pricing stream went quiet; reopening");
          this.controller.abort();
        }
      },
      Math.max(50, staleMs / 4),
    );
    void this.open();
  }

  stop(): void {
    this.stopped = true;
    clearInterval(this.watchdog);
    clearTimeout(this.retry);
    this.controller?.abort();
  }

  private async open(): Promise<void> {
    const { streamUrl, accountId, apiToken, symbols, log } = this.options;
    const instruments = symbols.map(toInstrument).join(",");
    const url = `${streamUrl}/v3/accounts/${encodeURIComponent(accountId)}/pricing/stream?instruments=${encodeURIComponent(instruments)}`;
    this.controller = new AbortController();
    this.lastLine = Date.now();
    try {
      const response = await fetch(url, {
        headers: { Authorization: `Bearer ${apiToken}`, "Accept-Datetime-Format": "UNIX" },
        signal: this.controller.signal,
      });
      if (!response.ok || !response.body) throw new Error(`pricing stream answered ${response.status}`);
      const decoder = new TextDecoder();
      let buffer = "";
      for await (const chunk of response.body as unknown as AsyncIterable<Uint8Array>) {
        buffer += decoder.decode(chunk, { stream: true });
        let newline = buffer.indexOf("\n");
        while (newline >= 0) {
          const line = buffer.slice(0, newline).trim();
          buffer = buffer.slice(newline + 1);
          if (line) this.handleLine(line);
          newline = buffer.indexOf("\n");
        }
      }
      if (!this.stopped) log.warn("OANDA pricing stream ended; reopening");
    } catch (error) {
      if (!this.stopped) log.warn(`OANDA pricing stream failed: ${(error as Error).message}`);
    }
    this.controller = undefined;
    if (this.stopped) return;
    const delay = nextDelay(this.attempt++, this.options.random ?? Math.random);
    this.retry = setTimeout(() => void this.open(), delay);
  }

  private handleLine(line: string): void {
    this.lastLine = Date.now();
    this.attempt = 0;
    this.markReady();
    let parsed: ReturnType<typeof parsePriceLine>;
    try {
      parsed = parsePriceLine(line);
    } catch {
      this.options.log.warn("OANDA pricing stream sent a line that is not JSON; skipped");
      return;
    }
    if (parsed && parsed !== "heartbeat") this.options.onQuote(parsed);
  }
}
