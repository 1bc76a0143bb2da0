/**
 * The forex-ai-connector command line: link, run, status, unlink (each with --config DIR),
 * --version and --help. Exit codes: 0 ok, 1 failed, 2 usage error, 3 token revoked.
 */
import { linkCommand } from "./commands/link.ts";
import { runCommand } from "./commands/run.ts";
import { statusCommand } from "./commands/status.ts";
import { type CommandIO, type ConnectorCommand, UsageError } from "./commands/types.ts";
import { unlinkCommand } from "./commands/unlink.ts";
import { CONNECTOR_VERSION } from "./version.ts";

export const COMMANDS: ConnectorCommand[] = [linkCommand, runCommand, statusCommand, unlinkCommand];

function overview(): string {
  const width = Math.max(...COMMANDS.map((c) => c.name.length));
  return [
    `forex-ai-connector ${CONNECTOR_VERSION} — links your broker to Forex AI`,
    "",
    "Usage: forex-ai-connector <command> [options]",
    "",
    "Commands:",
    ...COMMANDS.map((c) => `  ${c.name.padEnd(width)}  ${c.summary}`),
    "",
    "Every command takes --config DIR (default: your user config directory). --help on a command shows its usage.",
    "Manual: docs/connector.md",
    "",
  ].join("\n");
}

/** Levenshtein distance, for "did you mean". */
function distance(a: string, b: string): number {
  let row = Array.from({ length: b.length + 1 }, (_, j) => j);
  for (let i = 1; i <= a.length; i++) {
    const next = [i];
    for (let j = 1; j <= b.length; j++) {
      next[j] = Math.min(row[j] + 1, next[j - 1] + 1, row[j - 1] + (a[i - 1] === b[j - 1] ? 0 : 1));
    }
    row = next;
  }
  return row[b.length];
}

/** Runs the CLI and returns its exit code. */
export async function main(argv: string[], io: CommandIO): Promise<number> {
  const first = argv[0];
  if (first === undefined || first === "--help" || first === "-h" || first === "help") {
    io.stdout(overview());
    return 0;
  }
  if (first === "--version" || first === "-v" || first === "version") {
    io.stdout(`forex-ai-connector ${CONNECTOR_VERSION}\n`);
    return 0;
  }
  const command = COMMANDS.find((c) => c.name === first);
  if (!command) {
    const guess = COMMANDS.find((c) => distance(c.name, first) <= 2);
    io.stderr(
      `forex-ai-connector: unknown command "${first}".${guess ? ` Did you mean "${guess.name}"?` : ""} Run forex-ai-connector --help.\n`,
    );
    return 2;
  }
  const rest = argv.slice(1);
  if (rest.includes("--help") || rest.includes("-h")) {
    io.stdout(`${command.usage}\n`);
    return 0;
  }
  try {
    return await command.run(rest, io);
  } catch (error) {
    if (error instanceof UsageError) {
      io.stderr(
        `forex-ai-connector ${command.name}: ${error.message}\nRun forex-ai-connector ${command.name} --help.\n`,
      );
      return 2;
    }
    io.stderr(`forex-ai-connector ${command.name}: ${(error as Error).message}\n`);
    return 1;
  }
}
