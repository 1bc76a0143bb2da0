/** `link <code> --server <url>`: exchanges a pairing code for a connector token and saves the config. */
import { hostname } from "node:os";
import { linkResponseSchema, pairingCodeSchema } from "../../../core/protocol/index.ts";
import { loadConfig, saveConfig } from "../config.ts";
import { CONNECTOR_VERSION } from "../version.ts";
import { parseCommandArgs } from "./args.ts";
import { type ConnectorCommand, UsageError } from "./types.ts";

export const linkCommand: ConnectorCommand = {
  name: "link",
  summary: "Link this connector to your account with the code from the Connector page",
  usage: [
    "forex-ai-connector link <code> --server <url> [--name NAME] [--config DIR]",
    "",
    "  <code>          the pairing code shown on the Connector page (valid 10 minutes), e.g. K7QD-M2XP",
    "  --server URL    your Forex AI server, e.g. https://forex-ai.example.com",
    "  --name NAME     how this connector is listed (default: this computer's name)",
    "  --config DIR    where the config is kept (default: your user config directory)",
  ].join("\n"),
  async run(argv, io) {
    const { values, positionals, dir } = parseCommandArgs(
      argv,
      { server: { type: "string" }, name: { type: "string" } },
      io.env,
    );
    if (positionals.length !== 1) throw new UsageError("give exactly one pairing code");
    const code = pairingCodeSchema.safeParse(positionals[0]);
    if (!code.success) throw new UsageError(code.error.issues[0].message);
    if (!values.server) throw new UsageError("--server is required (the address of your Forex AI server)");
    let server: URL;
    try {
      server = new URL(values.server);
    } catch {
      throw new UsageError(
        `--server must be a URL such as https://forex-ai.example.com (got "${values.server}")`,
      );
    }
    const existing = await loadConfig(dir);
    if (existing) {
      io.stderr(
        `Already linked as "${existing.name}" to ${existing.server} (config in ${dir}). Run unlink first.\n`,
      );
      return 1;
    }
    const name = (values.name ?? hostname()).slice(0, 60) || "connector";
    let response: Response;
    try {
      response = await fetch(new URL("/api/v1/connector/link", server), {
        method: "POST",
        headers: { "Content-Type": "application/json" },
        body: JSON.stringify({ code: code.data, name, version: CONNECTOR_VERSION }),
        signal: AbortSignal.timeout(20_000),
      });
    } catch (error) {
      io.stderr(
        `Cannot reach ${server.origin}: ${(error as Error).message}. Check --server and your network.\n`,
      );
      return 1;
    }
    if (!response.ok) {
      const body = (await response.json().catch(() => ({}))) as { error?: { message?: string } };
      const why =
        body.error?.message ??
        `the server answered ${response.status}. Get a new code on the Connector page and try again.`;
      io.stderr(`Linking failed: ${why}\n`);
      return 1;
    }
    const linked = linkResponseSchema.parse(await response.json());
    await saveConfig(dir, {
      version: 1,
      server: server.origin,
      connectorId: linked.connectorId,
      token: linked.token,
      name: linked.name,
      broker: {
        kind: "paper",
        source: "random-walk",
        symbols: ["EURUSD", "GBPUSD", "USDJPY"],
        tickMs: 500,
        speed: 1,
        balance: 100_000,
        currency: "USD",
        leverage: 30,
        seed: 1,
      },
      settingsPort: 0,
    });
    io.stdout(
      `Linked as "${linked.name}" to ${server.origin}. Broker: paper (change it on the settings page).\nStart it with: forex-ai-connector run${values.config ? ` --config ${values.config}` : ""}\n`,
    );
    return 0;
  },
};
