/**
 * Bots: create, activate on a paper account with market replay, deactivate, delete; live
 * status per running bot and the recent decisions from the journal. Running bots are kept
 * here (not in a page) so they go on while the trader looks at other pages.
 */
import { createSignal } from "solid-js";
import { readBars } from "../../adapters/bar-store.ts";
import { db } from "../../adapters/db.ts";
import { BotRunner, type BotStatus, botAccountId } from "./bot-runner.ts";
import type { BotDecisionRecord, BotRecord } from "./records.ts";

const [bots, setBots] = createSignal<BotRecord[]>([]);
const [statuses, setStatuses] = createSignal<Record<string, BotStatus>>({});
const [decisions, setDecisions] = createSignal<Record<string, BotDecisionRecord[]>>({});
const [botError, setBotError] = createSignal("");

export { botError, bots, decisions, statuses };

const runners = new Map<string, BotRunner>();
const RECENT = 20;

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

async function startRunner(bot: BotRecord): Promise<BotRunner> {
  const model = bot.source.kind === "model" ? await db.models.get(bot.source.modelId) : undefined;
  if (bot.source.kind === "model" && !model)
    throw new Error("This bot's model was deleted; create the bot again with another model.");
  const bars = await readBars(db, bot.datasetId);
  if (bars.length < 2) throw new Error("This bot's data set is empty or was deleted.");
  const runner = new BotRunner(bot, bars, model, onUpdate(bot.id));
  runners.set(bot.id, runner);
  onUpdate(bot.id)(runner.status());
  runner.start();
  return runner;
}

/** Activates a bot: its paper account starts trading on market replay. */
export async function activateBot(id: string): Promise<void> {
  setBotError("");
  const bot = await db.bots.get(id);
  if (!bot || runners.has(id)) return;
  try {
    await startRunner(bot);
    await db.bots.update(id, { status: "active", updatedAt: Date.now() });
  } catch (e) {
    setBotError(e instanceof Error ? e.message : String(e));
  }
  await refreshBots();
}

/** Deactivates a bot: stops it and closes its positions. */
export async function deactivateBot(id: string): Promise<void> {
  const runner = runners.get(id);
  if (runner) {
    runner.stop();
    await runner.flatten();
    onUpdate(id)(runner.status());
    runners.delete(id);
  }
  await db.bots.update(id, { status: "inactive", updatedAt: Date.now() });
  await refreshBots();
}

export async function stepBot(id: string): Promise<void> {
  await runners.get(id)?.stepBar();
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
