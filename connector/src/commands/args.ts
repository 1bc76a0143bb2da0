/** Shared option parsing: --config DIR (default per OS) and strict unknown-option errors. */
import { type ParseArgsConfig, parseArgs } from "node:util";
import { defaultConfigDir } from "../config.ts";
import { UsageError } from "./types.ts";

/** Parses argv with the given options plus --config; unknown options become a UsageError. */
export function parseCommandArgs<O extends NonNullable<ParseArgsConfig["options"]>>(
  argv: string[],
  options: O,
  env: NodeJS.ProcessEnv,
) {
  try {
    const parsed = parseArgs({
      args: argv,
      options: { ...options, config: { type: "string" } },
      allowPositionals: true,
      strict: true,
    });
    const dir =
      (parsed.values as { config?: string }).config ?? env.FOREX_AI_CONNECTOR_CONFIG ?? defaultConfigDir(env);
    return { ...parsed, dir };
  } catch (error) {
    throw new UsageError((error as Error).message);
  }
}
