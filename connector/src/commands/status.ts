/** `status`: what this connector is linked to, its broker, and what the server says about it. */
import { connectorStatusSchema } from "../../../core/protocol/index.ts";
import { loadConfig } from "../config.ts";
import { OrderJournal } from "../order-journal.ts";
import { parseCommandArgs } from "./args.ts";
import type { ConnectorCommand } from "./types.ts";

/**
 * The presence endpoint is for signed-in users and API tokens; with the connector token the
 * next best check is whether the server still accepts it (a relay ticket, unused, expires in 60 s).
 */
async function tokenCheck(server: string, token: string): Promise<string> {
  const response = await fetch(new URL("/api/v1/connector/tickets", server), {
    method: "POST",
    headers: { Authorization: `Bearer ${token}` },
    signal: AbortSignal.timeout(10_000),
  });
  if (response.ok) return "the server accepts this connector's token; online status is on the Connector page";
  if (response.status === 401 || response.status === 403)
    return "the server refuses this connector's token (revoked?): unlink and link again";
  return `the server answered ${response.status}`;
}

export const statusCommand: ConnectorCommand = {
  name: "status",
  summary: "Show the link, the broker and whether the server sees this connector online",
  usage: "forex-ai-connector status [--json] [--config DIR]",
  async run(argv, io) {
    const { values, dir } = parseCommandArgs(argv, { json: { type: "boolean" } }, io.env);
    const config = await loadConfig(dir);
    if (!config) {
      if (values.json) io.stdout(`${JSON.stringify({ linked: false, config: dir })}\n`);
      else
        io.stdout(`Not linked (no config in ${dir}). Run: forex-ai-connector link <code> --server <url>\n`);
      return 1;
    }
    const journal = await OrderJournal.open(dir);
    let server: unknown = null;
    let serverError: string | undefined;
    try {
      const response = await fetch(new URL("/api/v1/connector/status", config.server), {
        headers: { Authorization: `Bearer ${config.token}` },
        signal: AbortSignal.timeout(10_000),
      });
      if (response.ok) server = connectorStatusSchema.parse(await response.json());
      else serverError = await tokenCheck(config.server, config.token);
    } catch (error) {
      serverError = (error as Error).message;
    }
    const report = {
      linked: true,
      name: config.name,
      server: config.server,
      connectorId: config.connectorId,
      broker: config.broker.kind,
      bot: config.bot?.enabled ? config.bot.strategy : null,
      unresolvedCommands: journal.unresolved().length,
      status: server,
      statusError: serverError,
      config: dir,
    };
    if (values.json) {
      io.stdout(`${JSON.stringify(report)}\n`);
      return 0;
    }
    const s = server as { online: boolean; lastSeen: number | null } | null;
    io.stdout(
      [
        `Linked as "${config.name}" to ${config.server} (connector ${config.connectorId})`,
        `Broker: ${config.broker.kind}${config.bot?.enabled ? `; bot: ${config.bot.strategy} on ${config.bot.symbol}` : ""}`,
        s
          ? `Server sees it: ${s.online ? "online" : "offline"}${s.lastSeen ? `, last seen ${new Date(s.lastSeen).toISOString()}` : ""}`
          : `Server: ${serverError}`,
        `Commands awaiting reconciliation: ${report.unresolvedCommands}`,
        `Config: ${dir}`,
        "",
      ].join("\n"),
    );
    return 0;
  },
};
