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
import { StartGate } from "./start-gate.ts";

const [bots, setBots] = createSignal<BotRecord[]>([]);
const [statuses, setStatuses] = createSignal<Record<string, BotStatus>>({});
const [decisions, setDecisions] = createSignal<Record<string, BotDecisionRecord[]>>({});
const [botError, setBotError] = createSignal("");
/** Bots being activated (or resumed) now: their card shows "Activating…". */
const [activating, setActivating] = createSignal<Record<string, boolean>>({});

export { activating, botError, bots, decisions, statuses };

const runners = new Map<string, { runner: RunningBot; release: () => void }>();
/**
 * One start at a time per bot: registered before the first await, so a second click or a
 * resume on a quick re-mount of the page is a no-op instead of a second runner (which would
 * trade unseen and could never be stopped). Deactivation cancels a start in progress.
 */
const starts = new StartGate();
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
async function connectorReady(link: ReturnType<typeof liveConnectorLink>, cancelled: Promise<void>) {
  const ready = () => !link.offline() && link.account() !== null;
  if (ready()) return "";
  await new Promise<void>((resolve) => {
    const timer = setTimeout(done, CONNECTOR_WAIT_MS);
    const off = link.onChange(() => ready() && done());
    const offQuotes = link.onQuotes(() => ready() && done());
    void cancelled.then(done);
    function done() {
      clearTimeout(timer);
      off();
      offQuotes();
      resolve();
    }
  });
  return ready() ? "" : link.offline() || "the connector has not sent its account yet";
}

async function startOnConnector(
  bot: BotRecord,
  model: ModelRecord | undefined,
  fresh: boolean,
  cancelled: Promise<void>,
) {
  const link = liveConnectorLink();
  try {
    if (fresh) {
      const why = await connectorReady(link, cancelled);
      if (why)
        throw new Error(`Cannot activate on the connector: ${why}. Start the connector and try again.`);
      const online = link.connector();
      if (bot.connector && online && online.id !== bot.connector.id)
        throw new Error(
          `Cannot activate on the connector: another connector (${online.name}) is online, not ${bot.connector.name}.`,
        );
      // P/L is measured from the connector account's equity at activation, and the bot
      // pauses if the broker changes (a paper rehearsal never trades a live account).
      const account = link.account();
      bot.startBalance = account?.equity ?? bot.startBalance;
      if (account) bot.brokerAtActivation = { kind: account.broker.kind, live: account.broker.live };
      await db.bots.update(bot.id, {
        startBalance: bot.startBalance,
        brokerAtActivation: bot.brokerAtActivation,
      });
    }
    const runner = new ConnectorBotRunner({ bot, model, link, onUpdate: onUpdate(bot.id), journal });
    return { runner, release: link.release };
  } catch (e) {
    // The link holds the relay socket: let go of it whatever failed.
    link.release();
    throw e;
  }
}

/** Starts a bot's runner unless a start was cancelled (deactivated) meanwhile. */
async function startRunner(
  bot: BotRecord,
  fresh: boolean,
  cancelled: Promise<void>,
  isCancelled: () => boolean,
) {
  const model = bot.source.kind === "model" ? await db.models.get(bot.source.modelId) : undefined;
  if (bot.source.kind === "model" && !model)
    throw new Error("This bot's model was deleted; create the bot again with another model.");
  let entry: { runner: RunningBot; release: () => void };
  if (bot.target === "connector") entry = await startOnConnector(bot, model, fresh, cancelled);
  else {
    const bars = await readBars(db, bot.datasetId);
    if (bars.length < 2) throw new Error("This bot's data set is empty or was deleted.");
    entry = { runner: new BotRunner(bot, bars, model, onUpdate(bot.id)), release: () => {} };
  }
  if (isCancelled()) {
    entry.release();
    return false;
  }
  runners.set(bot.id, entry);
  onUpdate(bot.id)(entry.runner.status());
  entry.runner.start();
  return true;
}

/** Starts a bot once (a start in progress or a running bot makes this a no-op). */
function launch(id: string, fresh: boolean): Promise<void> {
  if (runners.has(id)) return Promise.resolve();
  const started = starts.run(id, async ({ cancelled, isCancelled }) => {
    setActivating((a) => ({ ...a, [id]: true }));
    try {
      const bot = await db.bots.get(id);
      if (!bot || isCancelled()) return;
      if (!fresh && bot.status !== "active") return;
      if (await startRunner(bot, fresh, cancelled, isCancelled)) {
        if (fresh) await db.bots.update(id, { status: "active", updatedAt: Date.now() });
      }
    } catch (e) {
      setBotError(e instanceof Error ? e.message : String(e));
    } finally {
      setActivating(({ [id]: _done, ...rest }) => rest);
    }
  });
  return started;
}

/** Activates a bot: on its paper account with market replay, or on the linked connector. */
export async function activateBot(id: string): Promise<void> {
  setBotError("");
  await launch(id, true);
  await refreshBots();
}

/** Deactivates a bot: stops it (or its start in progress) and closes its positions. */
export async function deactivateBot(id: string): Promise<void> {
  await starts.cancel(id);
  const entry = runners.get(id);
  if (entry) {
    runners.delete(id);
    entry.runner.stop();
    try {
      const problem = await entry.runner.flatten();
      if (problem)
        setBotError(
          problem.startsWith("pending")
            ? `Deactivated, but the broker has not confirmed the close yet (${problem}); check the position on the Connector page.`
            : `Deactivated, but the close was refused: ${problem}; the position is still open on the connector.`,
        );
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
  await Promise.all(active.map((b) => launch(b.id, false)));
}
