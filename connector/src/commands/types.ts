/** What a connector command gets: argv after the command word, output streams, environment. */
export interface CommandIO {
  stdout(text: string): void;
  stderr(text: string): void;
  env: NodeJS.ProcessEnv;
  /** Resolves when the process is asked to stop (SIGINT/SIGTERM); run waits on it. */
  stopSignal: Promise<void>;
}

export interface ConnectorCommand {
  name: string;
  summary: string;
  usage: string;
  run(argv: string[], io: CommandIO): Promise<number>;
}

/** A usage error: printed with a hint to run --help, exit code 2. */
export class UsageError extends Error {
  override name = "UsageError";
}
