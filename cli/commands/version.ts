import pkg from "../../package.json" with { type: "json" };
import type { CliCommand } from "../io.ts";

export const versionCommand: CliCommand = {
  name: "version",
  summary: "Print the version (also --version)",
  usage: "forex-ai version [--json]",
  async run(argv, io) {
    if (argv.includes("--json")) io.stdout(`${JSON.stringify({ name: pkg.name, version: pkg.version })}\n`);
    else io.stdout(`${pkg.name} ${pkg.version}\n`);
    return 0;
  },
};
