/* The UI side of the compute worker: one shared instance, created on first use. */
import { type Remote, wrap } from "comlink";
import type { ComputeApi } from "./compute-api.ts";

let instance: Remote<ComputeApi> | undefined;

export function compute(): Remote<ComputeApi> {
  if (!instance) {
    const worker = new Worker(new URL("./compute.worker.ts", import.meta.url), {
      type: "module",
      name: "compute",
    });
    instance = wrap<ComputeApi>(worker);
  }
  return instance;
}
