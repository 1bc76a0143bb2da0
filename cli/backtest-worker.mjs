// Worker-thread entry for BacktestPool: registers tsx so the TypeScript task runs as is.
import { register } from "tsx/esm/api";

register();
await import("./backtest-worker-task.ts");
