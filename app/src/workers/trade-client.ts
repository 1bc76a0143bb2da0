/** The UI side of the trade worker: one worker for the page's lifetime, wrapped by comlink. */
import { type Remote, wrap } from "comlink";
import type { TradeApi } from "./trade-api.ts";

let worker: Worker | null = null;
let api: Remote<TradeApi> | null = null;

/** The trade worker (started on first use). */
export function tradeWorker(): Remote<TradeApi> {
  if (!api) {
    worker = new Worker(new URL("./trade.worker.ts", import.meta.url), { type: "module", name: "trade" });
    api = wrap<TradeApi>(worker);
  }
  return api;
}
