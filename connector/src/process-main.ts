/** Process glue shared by the tsx bin and the single executable: real stdout/stderr and signals. */
import { main } from "./cli.ts";

/** Runs the CLI for this process and sets the exit code. */
export async function processMain(): Promise<void> {
  process.stdout.on("error", (error: NodeJS.ErrnoException) => {
    if (error.code === "EPIPE") process.exit(0);
    throw error;
  });
  const stopSignal = new Promise<void>((resolve) => {
    process.once("SIGINT", () => resolve());
    process.once("SIGTERM", () => resolve());
  });
  process.exitCode = await main(process.argv.slice(2), {
    stdout: (s) => process.stdout.write(s),
    stderr: (s) => process.stderr.write(s),
    env: process.env,
    stopSignal,
  });
  // Timers and sockets are closed by the commands; exit anyway so a stray handle cannot hang it.
  setTimeout(() => process.exit(), 200).unref();
}
