/**
 * The connector's configuration: one JSON file (config.json, mode 0600) in the config
 * directory. Validated with zod when any command starts; errors name the field to fix.
 * Secrets (the connector token, broker API keys) live only here and never in logs.
 */
import { chmod, mkdir, readFile, rename, writeFile } from "node:fs/promises";
import { homedir } from "node:os";
import { join } from "node:path";
import { z } from "zod";

export const CONFIG_FILE = "config.json";
export const CONFIG_VERSION = 1;

const symbol = z.string().regex(/^[A-Z]{6}$/, "must be six capital letters such as EURUSD");

export const paperBrokerSchema = z.object({
  kind: z.literal("paper"),
  /** Where quotes come from: a seeded random walk, or a CSV of bars played back. */
  source: z.enum(["random-walk", "replay"]).default("random-walk"),
  symbols: z.array(symbol).min(1).default(["EURUSD", "GBPUSD", "USDJPY"]),
  /** Quote interval in milliseconds. */
  tickMs: z.number().int().min(10).max(60_000).default(500),
  /**
   * Market clock speed: quotes are stamped with a clock that runs this many times faster
   * than the wall clock from the broker's start (1 = real time). For rehearsing a bot at its
   * own timeframe on paper: at 3600 an H1 bar closes every wall-clock second.
   */
  speed: z.number().min(1).max(1_000_000).default(1),
  /** Starting balance of the paper account. */
  balance: z.number().positive().default(100_000),
  currency: z
    .string()
    .regex(/^[A-Z]{3}$/)
    .default("USD"),
  leverage: z.number().min(1).max(1000).default(30),
  /** CSV of bars for source "replay" (forex-ai data formats). */
  replayFile: z.string().optional(),
  seed: z.number().int().default(1),
});

export const oandaBrokerSchema = z.object({
  kind: z.literal("oanda"),
  environment: z.enum(["practice", "live"]),
  accountId: z.string().regex(/^\d{3}-\d{3}-\d+-\d{3}$/, "must look like 101-004-1234567-001"),
  apiToken: z.string().min(20, "must be the personal access token from OANDA's hub"),
  symbols: z.array(symbol).min(1).default(["EURUSD"]),
  /** Overrides for tests and proxies: REST and stream base URLs. */
  restUrl: z.url().optional(),
  streamUrl: z.url().optional(),
  /** How long a request may take before the connector reconciles instead of waiting. */
  timeoutMs: z.number().int().min(100).max(120_000).default(10_000),
});

export const mt5BrokerSchema = z.object({
  kind: z.literal("mt5"),
  /** The connector listens here; the Expert Advisor connects to it (MQL5 sockets are client-only). */
  port: z.number().int().min(1024).max(65535).default(5870),
  /** Optional shared key the EA must send in its hello (EA input InpKey). */
  key: z.string().min(8).optional(),
  symbols: z.array(symbol).min(1).default(["EURUSD"]),
  timeoutMs: z.number().int().min(100).max(120_000).default(10_000),
});

export const brokerSchema = z.discriminatedUnion("kind", [
  paperBrokerSchema,
  oandaBrokerSchema,
  mt5BrokerSchema,
]);

export const botSchema = z.object({
  enabled: z.boolean().default(false),
  /** A built-in strategy id from core/strategy (sma-cross, ema-cross, ...). */
  strategy: z.string().min(1),
  params: z.record(z.string(), z.number()).default({}),
  symbol,
  /** Bar length in seconds, built from the broker's quotes. */
  barSeconds: z.number().int().min(1).max(86_400).default(60),
  /** Units per trade. */
  units: z.number().int().positive(),
});

export const configSchema = z.object({
  version: z.literal(CONFIG_VERSION),
  /** The Forex AI server, e.g. https://forex-ai.example.com */
  server: z.url(),
  connectorId: z.string().min(1),
  /** The connector token from pairing (secret). */
  token: z.string().min(16),
  name: z.string().max(80).default("connector"),
  broker: brokerSchema.default({
    kind: "paper",
    source: "random-walk",
    symbols: ["EURUSD", "GBPUSD", "USDJPY"],
    tickMs: 500,
    speed: 1,
    balance: 100_000,
    currency: "USD",
    leverage: 30,
    seed: 1,
  }),
  bot: botSchema.optional(),
  /** Port of the local settings page (0: any free port). */
  settingsPort: z.number().int().min(0).max(65535).default(0),
});

export type ConnectorConfig = z.infer<typeof configSchema>;
export type BrokerConfig = z.infer<typeof brokerSchema>;
export type BotConfig = z.infer<typeof botSchema>;

/** A config file that cannot be used; the message names the file and each bad field. */
export class ConfigError extends Error {
  override name = "ConfigError";
}

/** The default config directory for this OS (XDG on Linux, Application Support on macOS, APPDATA on Windows). */
export function defaultConfigDir(env: NodeJS.ProcessEnv = process.env, platform = process.platform): string {
  const app = "forex-ai-connector";
  if (platform === "win32") return join(env.APPDATA ?? join(homedir(), "AppData", "Roaming"), app);
  if (platform === "darwin") return join(homedir(), "Library", "Application Support", app);
  return join(env.XDG_CONFIG_HOME || join(homedir(), ".config"), app);
}

/** Formats zod issues as "field.path: message" lines. */
export function describeIssues(error: z.ZodError): string {
  return error.issues
    .map((issue) => `  ${issue.path.length ? issue.path.join(".") : "(top level)"}: ${issue.message}`)
    .join("\n");
}

/** Validates a parsed config object; throws ConfigError naming every bad field. */
export function parseConfig(raw: unknown, file = CONFIG_FILE): ConnectorConfig {
  const result = configSchema.safeParse(raw);
  if (!result.success) throw new ConfigError(`${file} is not valid:\n${describeIssues(result.error)}`);
  return result.data;
}

/** Reads and validates the config in dir; undefined when the connector is not linked. */
export async function loadConfig(dir: string): Promise<ConnectorConfig | undefined> {
  const file = join(dir, CONFIG_FILE);
  let text: string;
  try {
    text = await readFile(file, "utf8");
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code === "ENOENT") return undefined;
    throw new ConfigError(`Cannot read ${file}: ${(error as Error).message}`);
  }
  let raw: unknown;
  try {
    raw = JSON.parse(text);
  } catch (error) {
    throw new ConfigError(
      `${file} is not valid JSON (${(error as Error).message}). Fix it or run unlink and link again.`,
    );
  }
  return parseConfig(raw, file);
}

/** Writes the config atomically (temp file + rename), readable by the owner only. */
export async function saveConfig(dir: string, config: ConnectorConfig): Promise<void> {
  const checked = parseConfig(config);
  await mkdir(dir, { recursive: true, mode: 0o700 });
  const file = join(dir, CONFIG_FILE);
  const temp = `${file}.${process.pid}.tmp`;
  await writeFile(temp, `${JSON.stringify(checked, null, 2)}\n`, { mode: 0o600 });
  await rename(temp, file);
  await chmod(file, 0o600).catch(() => undefined);
}
