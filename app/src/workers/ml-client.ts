/* The UI side of the ML worker: one shared instance, created on first use. */
import { type Remote, wrap } from "comlink";
import type { MlApi } from "./ml-api.ts";

let instance: Remote<MlApi> | undefined;

export function mlWorker(): Remote<MlApi> {
  if (!instance) {
    const worker = new Worker(new URL("./ml.worker.ts", import.meta.url), { type: "module", name: "ml" });
    instance = wrap<MlApi>(worker);
  }
  return instance;
}
