/**
 * Bots: create, activate on a paper account with market replay or on the linked connector,
 * deactivate, delete; live status per running bot and the recent decisions from the
 * journal. Running bots are kept here (not in a page) so they go on while the trader looks
 * at other pages.
 */
import { createSignal } from "solid-js";
import { readBars } from "../../adapters/bar-store.ts";
import { db } from "../../adapters/db.ts";
import { BotRunner, botAccountId } from "./bot-runner.ts";
import type { BotStatus, RunningBot } from "./bot-status.ts";
import { ConnectorBotRunner } from "./connector-bot-runner.ts";
import { liveConnectorLink } from "./live-connector-link.ts";
import type { BotDecisionRecord, BotRecord, ModelRecord } from "./records.ts";

const [bots, setBots] = createSignal<BotRecord[]>([]);
const [statuses, setStatuses] = createSignal<Record<string, BotStatus>>({});
const [decisions, setDecisions] = createSignal<Record<string, BotDecisionRecord[]>>({});
const [botError, setBotError] = createSignal("");

export { botError, bots, decisions, statuses };

const runners = new Map<string, { runner: RunningBot; release: () => void }>();
const RECENT = 20;
/** How long activation on the connector waits for it to be online with an account. */
const CONNECTOR_WAIT_MS = 20_000;

export async function refreshBots(): Promise<void> {
  const list = await db.bots.orderBy("createdAt").reverse().toArray();
  setBots(list);
  for (const b of list) {
    const recent = await db.botDecisions.where("botId").equals(b.id).reverse().limit(RECENT).toArray();
    setDecisions((d) => ({ ...d, [b.id]: recent }));
  }
}

export async function createBot(
  bot: Omit<BotRecord, "id" | "createdAt" | "updatedAt" | "status">,
): Promise<void> {
  const now = Date.now();
  await db.bots.add({ ...bot, id: crypto.randomUUID(), createdAt: now, updatedAt: now, status: "inactive" });
  await refreshBots();
}

function onUpdate(id: string) {
  return (s: BotStatus, d?: BotDecisionRecord) => {
    setStatuses((all) => ({ ...all, [id]: s }));
    if (d) setDecisions((all) => ({ ...all, [id]: [d, ...(all[id] ?? [])].slice(0, RECENT) }));
  };
}

async function journal(record: BotDecisionRecord): Promise<void> {
  record.id = await db.botDecisions.add(record);
}

/** Waits until the connector is online and has published its account; the reason if not. */
async function connectorReady(link: ReturnType<typeof liveConnectorLink>): Promise<string> {
  const ready = () => !link.offline() && link.account() !== null;
  if (ready()) return "";
  await new Promise<void>((resolve) => {
    const timer = setTimeout(done, CONNECTOR_WAIT_MS);
    const off = link.onChange(() => ready() && done());
    const offQuotes = link.onQuotes(() => ready() && done());
    function done() {
      clearTimeout(timer);
      off();
      offQuotes();
      resolve();
    }
  });
  return ready() ? "" : link.offline() || "the connector has not sent its account yet";
}

async function startOnConnector(bot: BotRecord, model: ModelRecord | undefined, fresh: boolean) {
  const link = liveConnectorLink();
  if (fresh) {
    const why = await connectorReady(link);
    if (why) {
      link.release();
      throw new Error(`Cannot activate on the connector: ${why}. Start the connector and try again.`);
    }
    // P/L is measured from the connector account's equity at activation.
    bot.startBalance = link.account()?.equity ?? bot.startBalance;
    await db.bots.update(bot.id, { startBalance: bot.startBalance });
  }
  const runner = new ConnectorBotRunner({ bot, model, link, onUpdate: onUpdate(bot.id), journal });
  return { runner, release: link.release };
}

async function startRunner(bot: BotRecord, fresh = false): Promise<RunningBot> {
  const model = bot.source.kind === "model" ? await db.models.get(bot.source.modelId) : undefined;
  if (bot.source.kind === "model" && !model)
    throw new Error("This bot's model was deleted; create the bot again with another model.");
  let entry: { runner: RunningBot; release: () => void };
  if (bot.target === "connector") entry = await startOnConnector(bot, model, fresh);
  else {
    const bars = await readBars(db, bot.datasetId);
    if (bars.length < 2) throw new Error("This bot's data set is empty or was deleted.");
    entry = { runner: new BotRunner(bot, bars, model, onUpdate(bot.id)), release: () => {} };
  }
  runners.set(bot.id, entry);
  onUpdate(bot.id)(entry.runner.status());
  entry.runner.start();
  return entry.runner;
}

/** Activates a bot: on its paper account with market replay, or on the linked connector. */
export async function activateBot(id: string): Promise<void> {
  setBotError("");
  const bot = await db.bots.get(id);
  if (!bot || runners.has(id)) return;
  try {
    await startRunner(bot, true);
    await db.bots.update(id, { status: "active", updatedAt: Date.now() });
  } catch (e) {
    setBotError(e instanceof Error ? e.message : String(e));
  }
  await refreshBots();
}

/** Deactivates a bot: stops it and closes its positions. */
export async function deactivateBot(id: string): Promise<void> {
  const entry = runners.get(id);
  if (entry) {
    runners.delete(id);
    entry.runner.stop();
    try {
      await entry.runner.flatten();
    } catch (e) {
      setBotError(`Deactivated, but closing the position failed: ${e instanceof Error ? e.message : e}`);
    }
    onUpdate(id)(entry.runner.status());
    entry.release();
  }
  await db.bots.update(id, { status: "inactive", updatedAt: Date.now() });
  await refreshBots();
}

export async function stepBot(id: string): Promise<void> {
  const runner = runners.get(id)?.runner;
  if (runner instanceof BotRunner) await runner.stepBar();
}

export async function deleteBot(id: string): Promise<void> {
  await deactivateBot(id);
  await db.botDecisions.where("botId").equals(id).delete();
  await db.paperAccounts.delete(botAccountId(id));
  await db.bots.delete(id);
  await refreshBots();
}

/** Restarts the bots that were active when the app was last closed. */
export async function resumeActiveBots(): Promise<void> {
  const active = await db.bots.filter((b) => b.status === "active").toArray();
  for (const b of active) {
    if (runners.has(b.id)) continue;
    try {
      await startRunner(b);
    } catch (e) {
      setBotError(e instanceof Error ? e.message : String(e));
    }
  }
}
