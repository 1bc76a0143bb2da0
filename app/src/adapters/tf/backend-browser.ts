/**
 * TensorFlow.js backend in the browser (used inside the ML worker): webgpu when navigator.gpu
 * gives an adapter (its package is imported lazily, only then, so no chunk carries it
 * otherwise); else webgl when the device has a hardware GPU (a software renderer such as
 * SwiftShader is slower than wasm and is skipped); else wasm, loading its binaries from the
 * app's own hashed asset URLs (precached by the service worker, so training works offline).
 * The choice is reported and shown.
 */
import * as tf from "@tensorflow/tfjs";
import { setWasmPaths } from "@tensorflow/tfjs-backend-wasm";
import wasmPlain from "@tensorflow/tfjs-backend-wasm/dist/tfjs-backend-wasm.wasm?url";
import wasmSimd from "@tensorflow/tfjs-backend-wasm/dist/tfjs-backend-wasm-simd.wasm?url";
import wasmThreaded from "@tensorflow/tfjs-backend-wasm/dist/tfjs-backend-wasm-threaded-simd.wasm?url";

import { type BackendChoice, backendOrder } from "./backend-choice.ts";

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

/** Whether navigator.gpu (window or worker) gives a WebGPU adapter; false when it throws. */
export async function hasWebGpuAdapter(): Promise<boolean> {
  try {
    const gpu = (globalThis.navigator as { gpu?: { requestAdapter(): Promise<unknown> } } | undefined)?.gpu;
    if (!gpu) return false;
    return (await gpu.requestAdapter()) != null;
  } catch {
    return false;
  }
}

/** Registers the webgpu backend (its package registers itself on import); false if it cannot load. */
async function loadWebGpu(): Promise<boolean> {
  if (tf.findBackendFactory("webgpu")) return true;
  try {
    await import("@tensorflow/tfjs-backend-webgpu");
    return tf.findBackendFactory("webgpu") != null;
  } catch {
    return false;
  }
}

async function tryBackend(name: string): Promise<boolean> {
  try {
    if (tf.getBackend() === name) return true;
    if (name === "webgpu" && !(await loadWebGpu())) return false;
    const ok = await tf.setBackend(name);
    if (ok) await tf.ready();
    return ok && tf.getBackend() === name;
  } catch {
    return false;
  }
}

/** Selects a backend ("auto": webgpu, else webgl on a hardware GPU, else wasm, else cpu) and returns its name. */
export async function useBrowserBackend(choice: BackendChoice = "auto"): Promise<string> {
  if (!pathsSet) {
    setWasmPaths({
      "tfjs-backend-wasm.wasm": wasmPlain,
      "tfjs-backend-wasm-simd.wasm": wasmSimd,
      "tfjs-backend-wasm-threaded-simd.wasm": wasmThreaded,
    });
    pathsSet = true;
  }
  const device =
    choice === "auto"
      ? { webgpu: await hasWebGpuAdapter(), hardwareGpu: hasHardwareGpu() }
      : { webgpu: false, hardwareGpu: false };
  const order = backendOrder(choice, device);
  for (const name of order) if (await tryBackend(name)) return name;
  throw new Error(`No TensorFlow.js backend could start (tried ${order.join(", ")}).`);
}
