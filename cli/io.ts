/** What a CLI command may touch besides files: where to print and the working directory. */
export interface CliIO {
  stdout(text: string): void;
  stderr(text: string): void;
  cwd: string;
}

/** A command: takes its own argv (after the command words) and returns an exit code. */
export interface CliCommand {
  /** e.g. "backtest" or "data inspect" */
  name: string;
  /** one line for the command list */
  summary: string;
  /** full usage text printed by --help */
  usage: string;
  run(argv: string[], io: CliIO): Promise<number>;
}

/** A usage error: printed with a hint to run --help, exit code 2. */
export class UsageError extends Error {
  override name = "UsageError";
}
