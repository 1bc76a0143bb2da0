/**
 * The TensorFlow.js backend a trader (or the benchmark) may ask for, and the order in which
 * the app tries backends for a choice (pure: what the device has is passed in).
 * "auto": webgpu when navigator.gpu gives an adapter, else webgl on a hardware GPU, else wasm.
 */
export type BackendChoice = "auto" | "webgpu" | "wasm" | "webgl" | "cpu";

/** What the device offers, probed by the caller. */
export interface DeviceGpu {
  /** navigator.gpu.requestAdapter() gave an adapter. */
  webgpu: boolean;
  /** WebGL2 runs on a hardware GPU (not a software renderer such as SwiftShader). */
  hardwareGpu: boolean;
}

/** Backends to try, first that starts wins; wasm then cpu are always the fallbacks. */
export function backendOrder(choice: BackendChoice, device: DeviceGpu): string[] {
  const first =
    choice === "auto"
      ? [...(device.webgpu ? ["webgpu"] : []), ...(device.hardwareGpu ? ["webgl"] : [])]
      : [choice];
  return [...new Set([...first, "wasm", "cpu"])];
}
