/**
 * TensorFlow.js backend in the browser (used inside the ML worker): wasm by default, loading
 * its binaries from the app's own hashed asset URLs (precached by the service worker, so
 * training works offline); webgl when the device has a hardware GPU (a software renderer
 * such as SwiftShader is slower than wasm and is skipped). The choice is reported and shown.
 */
import * as tf from "@tensorflow/tfjs";
import { setWasmPaths } from "@tensorflow/tfjs-backend-wasm";
import wasmPlain from "@tensorflow/tfjs-backend-wasm/dist/tfjs-backend-wasm.wasm?url";
import wasmSimd from "@tensorflow/tfjs-backend-wasm/dist/tfjs-backend-wasm-simd.wasm?url";
import wasmThreaded from "@tensorflow/tfjs-backend-wasm/dist/tfjs-backend-wasm-threaded-simd.wasm?url";

import type { BackendChoice } from "./backend-choice.ts";

export type { BackendChoice };

let pathsSet = false;

// Production mode: skips tfjs's debug-time checks.
tf.enableProdMode();

/** The GPU renderer's name, or "" when there is no WebGL2 (or it cannot be read). */
export function gpuRenderer(): string {
  try {
    const canvas = new OffscreenCanvas(1, 1);
    const gl = canvas.getContext("webgl2");
    if (!gl) return "";
    const info = gl.getExtension("WEBGL_debug_renderer_info");
    return String(info ? gl.getParameter(info.UNMASKED_RENDERER_WEBGL) : gl.getParameter(gl.RENDERER));
  } catch {
    return "";
  }
}

function hasHardwareGpu(): boolean {
  const r = gpuRenderer();
  return r !== "" && !/swiftshader|llvmpipe|software|basic render/i.test(r);
}

async function tryBackend(name: string): Promise<boolean> {
  try {
    if (tf.getBackend() === name) return true;
    const ok = await tf.setBackend(name);
    if (ok) await tf.ready();
    return ok && tf.getBackend() === name;
  } catch {
    return false;
  }
}

/** Selects a backend ("auto": webgl on a hardware GPU, else wasm, else cpu) and returns its name. */
export async function useBrowserBackend(choice: BackendChoice = "auto"): Promise<string> {
  if (!pathsSet) {
    setWasmPaths({
      "tfjs-backend-wasm.wasm": wasmPlain,
      "tfjs-backend-wasm-simd.wasm": wasmSimd,
      "tfjs-backend-wasm-threaded-simd.wasm": wasmThreaded,
    });
    pathsSet = true;
  }
  const order =
    choice === "auto" ? [...(hasHardwareGpu() ? ["webgl"] : []), "wasm", "cpu"] : [choice, "wasm", "cpu"];
  for (const name of order) if (await tryBackend(name)) return name;
  throw new Error("No TensorFlow.js backend could start (wasm, webgl and cpu all failed).");
}
