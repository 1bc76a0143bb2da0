/**
 * The UI side of imports: starts a dedicated import worker per import and ends it when the
 * import is done or cancelled. Progress arrives through a comlink proxy callback.
 */
import { proxy, type Remote, wrap } from "comlink";
import type { ImportApi, ImportOutcome, ImportProgress, ImportRequest } from "./import-api.ts";

export interface RunningImport {
  /** resolves with the outcome (never rejects: failures are outcomes) */
  done: Promise<ImportOutcome>;
  /** asks the worker to stop; nothing is stored unless saving had already begun */
  cancel(): void;
}

/** Starts an import in a new worker. */
export function startImport(req: ImportRequest, onProgress: (p: ImportProgress) => void): RunningImport {
  const worker = new Worker(new URL("./import.worker.ts", import.meta.url), {
    type: "module",
    name: "import",
  });
  const api: Remote<ImportApi> = wrap<ImportApi>(worker);
  const done = api
    .run(req, proxy(onProgress))
    .catch(
      (e: unknown): ImportOutcome => ({
        ok: false,
        code: "storage",
        message: `The import worker failed: ${(e as Error)?.message ?? e}`,
        problems: [],
        problemCount: 0,
      }),
    )
    .finally(() => worker.terminate());
  return { done, cancel: () => void api.cancel() };
}
