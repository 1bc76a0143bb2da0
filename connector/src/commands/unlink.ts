/** `unlink`: revokes this connector's token at the server and deletes the local config. */
import { rm } from "node:fs/promises";
import { join } from "node:path";
import { CONFIG_FILE, loadConfig } from "../config.ts";
import { parseCommandArgs } from "./args.ts";
import type { ConnectorCommand } from "./types.ts";

export const unlinkCommand: ConnectorCommand = {
  name: "unlink",
  summary: "Revoke this connector's token and forget the link (the paper account and journal stay)",
  usage: "forex-ai-connector unlink [--config DIR]",
  async run(argv, io) {
    const { dir } = parseCommandArgs(argv, {}, io.env);
    const config = await loadConfig(dir);
    if (!config) {
      io.stdout(`Not linked (no config in ${dir}); nothing to do.\n`);
      return 0;
    }
    let revoked = false;
    try {
      const response = await fetch(new URL("/api/v1/connector/self", config.server), {
        method: "DELETE",
        headers: { Authorization: `Bearer ${config.token}` },
        signal: AbortSignal.timeout(15_000),
      });
      revoked = response.ok || response.status === 401;
    } catch {
      revoked = false;
    }
    await rm(join(dir, CONFIG_FILE), { force: true });
    io.stdout(
      revoked
        ? `Unlinked "${config.name}" from ${config.server}.\n`
        : `Forgot the link locally, but ${config.server} could not be reached: revoke "${config.name}" on the Connector page.\n`,
    );
    return 0;
  },
};
