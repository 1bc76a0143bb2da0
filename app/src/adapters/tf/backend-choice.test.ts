/** The backend order per choice and device (the rule written in docs/ml.md, checked case by case). */
import { describe, expect, it } from "vitest";
import { backendOrder } from "./backend-choice.ts";

describe("backendOrder", () => {
  it("auto: webgpu first when the device has a WebGPU adapter", () => {
    expect(backendOrder("auto", { webgpu: true, hardwareGpu: true })).toEqual([
      "webgpu",
      "webgl",
      "wasm",
      "cpu",
    ]);
    expect(backendOrder("auto", { webgpu: true, hardwareGpu: false })).toEqual(["webgpu", "wasm", "cpu"]);
  });
  it("auto: webgl on a hardware GPU without WebGPU, else wasm (headless Chromium)", () => {
    expect(backendOrder("auto", { webgpu: false, hardwareGpu: true })).toEqual(["webgl", "wasm", "cpu"]);
    expect(backendOrder("auto", { webgpu: false, hardwareGpu: false })).toEqual(["wasm", "cpu"]);
  });
  it("a forced choice is tried first, then wasm and cpu, without duplicates", () => {
    expect(backendOrder("webgpu", { webgpu: false, hardwareGpu: false })).toEqual(["webgpu", "wasm", "cpu"]);
    expect(backendOrder("wasm", { webgpu: true, hardwareGpu: true })).toEqual(["wasm", "cpu"]);
    expect(backendOrder("cpu", { webgpu: false, hardwareGpu: false })).toEqual(["cpu", "wasm"]);
  });
});
