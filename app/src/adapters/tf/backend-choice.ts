/** The backend a trader (or the benchmark) may ask for; "auto" picks webgl on a hardware GPU, else wasm. */
export type BackendChoice = "auto" | "wasm" | "webgl" | "cpu";
