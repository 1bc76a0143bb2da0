/**
 * The forex-ai command line: finds the command named by the leading words of argv
 * (longest match first, so "data inspect" wins over "data") and runs it.
 * Conventions: --help on any command prints its usage, --json asks for machine output,
 * exit code 0 on success, 1 on a failed job, 2 on a usage error.
 */
import { commands } from "./commands/index.ts";
import { versionCommand } from "./commands/version.ts";
import { type CliIO, UsageError } from "./io.ts";

function overview(): string {
  const width = Math.max(...commands.map((c) => c.name.length));
  const lines = commands.map((c) => `  ${c.name.padEnd(width)}  ${c.summary}`);
  return [
    "forex-ai — Forex AI from the terminal",
    "",
    "Usage: forex-ai <command> [options]",
    "",
    "Commands:",
    ...lines,
    "",
    "Global options: --help (usage of a command), --version, --json (machine-readable output)",
    "",
  ].join("\n");
}

function findCommand(argv: string[]): { command: (typeof commands)[number]; rest: string[] } | undefined {
  const sorted = [...commands].sort((a, b) => b.name.split(" ").length - a.name.split(" ").length);
  for (const command of sorted) {
    const words = command.name.split(" ");
    if (words.every((w, i) => argv[i] === w)) return { command, rest: argv.slice(words.length) };
  }
  return undefined;
}

/** Runs the CLI and returns its exit code. */
export async function main(argv: string[], io: CliIO): Promise<number> {
  if (argv.length === 0 || argv[0] === "--help" || argv[0] === "-h" || argv[0] === "help") {
    io.stdout(overview());
    return 0;
  }
  if (argv[0] === "--version" || argv[0] === "-v") return versionCommand.run(argv.slice(1), io);
  const found = findCommand(argv);
  if (!found) {
    const names = commands.map((c) => c.name);
    const guess = names.find(
      (n) => n.startsWith(argv[0] ?? "") || (argv[0] ?? "").startsWith(n.split(" ")[0]),
    );
    io.stderr(
      `forex-ai: unknown command "${argv.join(" ")}".${guess ? ` Did you mean "${guess}"?` : ""} Run forex-ai --help for the list.\n`,
    );
    return 2;
  }
  if (found.rest.includes("--help") || found.rest.includes("-h")) {
    io.stdout(`${found.command.usage}\n`);
    return 0;
  }
  try {
    return await found.command.run(found.rest, io);
  } catch (error) {
    if (error instanceof UsageError) {
      io.stderr(
        `forex-ai ${found.command.name}: ${error.message}\nRun forex-ai ${found.command.name} --help for usage.\n`,
      );
      return 2;
    }
    const message = error instanceof Error ? error.message : String(error);
    io.stderr(`forex-ai ${found.command.name}: ${message}\n`);
    return 1;
  }
}
