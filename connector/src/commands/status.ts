/** `status`: what this connector is linked to, its broker, and what the server says about it. */
import { type ConnectorSelf, connectorSelfSchema } from "../../../core/protocol/index.ts";
import { loadConfig } from "../config.ts";
import { OrderJournal } from "../order-journal.ts";
import { parseCommandArgs } from "./args.ts";
import type { ConnectorCommand } from "./types.ts";

/** What the server says about this connector, asked with its own token (GET /connector/self). */
async function askServer(server: string, token: string): Promise<{ self?: ConnectorSelf; error?: string }> {
  const response = await fetch(new URL("/api/v1/connector/self", server), {
    headers: { Authorization: `Bearer ${token}` },
    signal: AbortSignal.timeout(10_000),
  });
  if (response.ok) return { self: connectorSelfSchema.parse(await response.json()) };
  if (response.status === 401 || response.status === 403)
    return { error: "the server refuses this connector's token (revoked?): unlink and link again" };
  return { error: `the server answered ${response.status}` };
}

/** One line on what the server sees. */
function describeSelf(self: ConnectorSelf): string {
  const seen = self.lastSeen ? `, last seen ${new Date(self.lastSeen).toISOString()}` : "";
  if (!self.current) return "Server sees it: offline (another of your connectors is the last one it saw)";
  return `Server sees it: ${self.online ? "online" : "offline"}${seen}`;
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
    let server: ConnectorSelf | null = null;
    let serverError: string | undefined;
    try {
      const answer = await askServer(config.server, config.token);
      server = answer.self ?? null;
      serverError = answer.error;
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
    io.stdout(
      [
        `Linked as "${config.name}" to ${config.server} (connector ${config.connectorId})`,
        `Broker: ${config.broker.kind}${config.bot?.enabled ? `; bot: ${config.bot.strategy} on ${config.bot.symbol}` : ""}`,
        server ? describeSelf(server) : `Server: ${serverError}`,
        `Commands awaiting reconciliation: ${report.unresolvedCommands}`,
        `Config: ${dir}`,
        "",
      ].join("\n"),
    );
    return 0;
  },
};
