/**
 * TensorFlow.js backends in Node (CLI, tests, benchmark): the wasm backend loads its .wasm
 * files from node_modules/@tensorflow/tfjs-backend-wasm/dist; "cpu" is the plain-JS one.
 * Never tfjs-node: the project stays free of native builds.
 */
import { createRequire } from "node:module";
import { dirname } from "node:path";
import * as tf from "@tensorflow/tfjs";
import { setWasmPaths } from "@tensorflow/tfjs-backend-wasm";

export type NodeBackend = "wasm" | "cpu";

let pathsSet = false;

// Production mode: skips debug checks and the "install tfjs-node" banner on stdout.
tf.enableProdMode();

/** Selects the backend and waits until it is ready; returns its name. */
export async function useNodeBackend(name: NodeBackend = "wasm"): Promise<string> {
  if (name === "wasm" && !pathsSet) {
    const require = createRequire(import.meta.url);
    setWasmPaths(`${dirname(require.resolve("@tensorflow/tfjs-backend-wasm"))}/`);
    pathsSet = true;
  }
  if (tf.getBackend() !== name) {
    const ok = await tf.setBackend(name);
    if (!ok) throw new Error(`The TensorFlow.js ${name} backend could not start.`);
  }
  await tf.ready();
  return tf.getBackend();
}
