/**
 * `run`: starts the broker, connects to the relay, serves the local settings page and hosts
 * the bot, until SIGINT/SIGTERM or until the server revokes the token. Saving new broker
 * settings on the settings page restarts the broker and the relay session in place.
 * Prints "forex-ai-connector ready: ..." once the relay has welcomed it (tests wait on it).
 */

import { BotHost } from "../bot-host.ts";
import { createBroker } from "../broker/factory.ts";
import { ConfigError, type ConnectorConfig, loadConfig } from "../config.ts";
import { Executor } from "../executor.ts";
import { createLogger } from "../log.ts";
import { OrderJournal } from "../order-journal.ts";
import { Session } from "../session.ts";
import { SettingsServer } from "../settings/settings-server.ts";
import { parseCommandArgs } from "./args.ts";
import type { ConnectorCommand } from "./types.ts";

type Stop = "signal" | "revoked" | "restart";

export const runCommand: ConnectorCommand = {
  name: "run",
  summary: "Connect to the relay and the broker and keep trading until stopped",
  usage: [
    "forex-ai-connector run [--config DIR] [--settings-port N] [--no-settings]",
    "",
    "  --settings-port N  port of the local settings page on 127.0.0.1 (default: from the config, 0 = any)",
    "  --no-settings      do not serve the settings page",
  ].join("\n"),
  async run(argv, io) {
    const { values, dir } = parseCommandArgs(
      argv,
      { "settings-port": { type: "string" }, "no-settings": { type: "boolean" } },
      io.env,
    );
    const log = createLogger((line) => io.stdout(line));
    let config: ConnectorConfig | undefined;
    try {
      config = await loadConfig(dir);
    } catch (error) {
      if (error instanceof ConfigError) {
        io.stderr(`${error.message}\n`);
        return 1;
      }
      throw error;
    }
    if (!config) {
      io.stderr(`Not linked (no config in ${dir}). Run: forex-ai-connector link <code> --server <url>\n`);
      return 1;
    }
    let wake: (why: Stop) => void = () => {};
    let settings: SettingsServer | undefined;
    if (!values["no-settings"]) {
      const port =
        values["settings-port"] === undefined ? config.settingsPort : Number(values["settings-port"]);
      settings = new SettingsServer({ dir, port, log, onSaved: () => wake("restart") });
      const url = await settings.start();
      // Printed once, straight to stdout (not the log): the trader needs this URL to open the page.
      io.stdout(`Settings page: ${url}\n`);
    }
    const journal = await OrderJournal.open(dir);
    let announced = false;
    for (;;) {
      log.addSecret(config.token);
      if (config.broker.kind === "oanda") log.addSecret(config.broker.apiToken);
      if (config.broker.kind === "mt5") log.addSecret(config.broker.key);
      const stopped = new Promise<Stop>((resolve) => {
        wake = resolve;
        void io.stopSignal.then(() => resolve("signal"));
      });
      let broker: Awaited<ReturnType<typeof createBroker>>;
      let early: Stop | undefined;
      try {
        broker = await createBroker(config.broker, dir, log);
        log.info(`Starting the ${config.broker.kind} broker`);
        // The MT5 broker waits for the EA: a stop or new settings may arrive first.
        early = await Promise.race([broker.start().then(() => undefined), stopped]);
      } catch (error) {
        io.stderr(`The ${config.broker.kind} broker could not start: ${(error as Error).message}\n`);
        if (!settings) return 1;
        // Keep the settings page up so the trader can fix the broker settings there.
        log.error(
          "Fix the broker settings on the settings page; the connector starts again when they are saved",
        );
        const next = await stopped;
        if (next !== "restart") break;
        config = (await loadConfig(dir).catch(() => config)) ?? config;
        continue;
      }
      if (early) {
        await broker.stop();
        if (early === "signal") break;
        if (early === "revoked") {
          await settings?.stop();
          return 3;
        }
        config = (await loadConfig(dir).catch(() => config)) ?? config;
        continue;
      }
      const reconciled = await new Executor({ broker, journal, log }).reconcileAll().catch(() => 0);
      if (reconciled) log.info(`Reconciled ${reconciled} command(s) left unfinished by the last run`);
      const current = config;
      const session = new Session({
        server: current.server,
        token: current.token,
        broker,
        journal,
        log,
        onReady: () => {
          if (announced) return;
          announced = true;
          io.stdout(
            `forex-ai-connector ready: linked to ${current.server} as "${current.name}", broker ${broker.kind}\n`,
          );
        },
        onRevoked: () => wake("revoked"),
      });
      session.start();
      const bot = current.bot?.enabled
        ? new BotHost({ config: current.bot, broker, session, dir, log })
        : undefined;
      await bot?.start();
      const why = await stopped;
      await bot?.stop();
      session.stop();
      await broker.stop();
      if (why === "signal") break;
      if (why === "revoked") {
        await settings?.stop();
        return 3;
      }
      const next = await loadConfig(dir).catch((error: Error) => {
        log.error(`New settings could not be loaded: ${error.message}`);
        return config;
      });
      if (!next) break;
      config = next;
      log.info("Settings changed; restarting the broker and the relay session");
    }
    await settings?.stop();
    log.info("Stopped");
    return 0;
  },
};
