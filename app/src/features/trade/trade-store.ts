/**
 * State of the Trade page: the account picker (paper accounts from IndexedDB, plus any
 * provider registered by another feature, e.g. the broker connector), the open account's
 * source and its latest snapshot, the replay status, notifications and the replayed bars.
 * Events from the source become toasts here.
 */
import { createSignal } from "solid-js";
import type { Bars } from "../../../../core/market/candles.ts";
import { PaperBroker } from "../../../../core/paper/paper-broker.ts";
import type { ClosedTrade, EquityPoint, PaperAccountConfig } from "../../../../core/paper/types.ts";
import { db } from "../../adapters/db.ts";
import { toast } from "../../ui/toasts.tsx";
import { tradeWorker } from "../../workers/trade-client.ts";
import { loadSettings, settings } from "../settings/settings-store.ts";
import type { AccountEntry, AccountSource, TradeSnapshot } from "./account-source.ts";
import { describeEvent } from "./notify.ts";
import { PaperSource } from "./paper-source.ts";
import type { NotificationItem, PaperAccountRecord, ReplayStatus } from "./trade-types.ts";

const ACTIVE_KEY = "trade.activeAccount";

/** Another kind of account (e.g. the connector's): lists its accounts and opens one. */
export interface AccountProvider {
  kind: AccountEntry["kind"];
  list(): Promise<AccountEntry[]>;
  open(id: string, onSnapshot: (s: TradeSnapshot) => void): Promise<AccountSource | string>;
}
const providers: AccountProvider[] = [];

/** Adds accounts of another kind to the picker (called once by that feature). */
export function registerAccountProvider(p: AccountProvider): void {
  providers.push(p);
}

const [accounts, setAccounts] = createSignal<AccountEntry[]>([]);
const [activeId, setActiveId] = createSignal("");
const [source, setSource] = createSignal<AccountSource | null>(null);
const [snapshot, setSnapshot] = createSignal<TradeSnapshot | null>(null);
const [history, setHistory] = createSignal<ClosedTrade[]>([]);
const [equity, setEquity] = createSignal<EquityPoint[]>([]);
const [replay, setReplay] = createSignal<ReplayStatus | null>(null);
const [notifications, setNotifications] = createSignal<NotificationItem[]>([]);
const [bars, setBars] = createSignal<Bars | null>(null);
const [error, setError] = createSignal("");

export const trade = {
  accounts,
  activeId,
  source,
  snapshot,
  history,
  equity,
  replay,
  notifications,
  bars,
  error,
};

/** The open account as a paper source (null for other kinds). */
export function paper(): PaperSource | null {
  const s = source();
  return s instanceof PaperSource ? s : null;
}

function onSnapshot(s: TradeSnapshot): void {
  setSnapshot(s);
  if (s.history) setHistory(s.history);
  if (s.equity) setEquity(s.equity);
  const currency = s.account.currency;
  for (const e of s.events) {
    const n = describeEvent(e, currency);
    const bad = n.kind === "sl" || n.kind === "margin-call" || n.kind === "stop-out" || n.kind === "cancel";
    toast(n.text, bad ? "error" : "success");
  }
}

let barsOf = "";
function onPaper(r: ReplayStatus | null, notes: NotificationItem[] | undefined): void {
  setReplay(r);
  if (notes) setNotifications(notes);
  const key = r ? `${r.datasetId}` : "";
  if (key !== barsOf) {
    barsOf = key;
    const p = paper();
    if (p && r) void p.bars().then((b) => barsOf === key && setBars(b));
    else setBars(null);
  }
}

/** A new paper account record with the Settings defaults. */
export function newPaperRecord(config: PaperAccountConfig, now = Date.now()): PaperAccountRecord {
  const broker = new PaperBroker(config);
  return {
    id: config.id,
    name: config.name,
    currency: config.currency,
    state: broker.save(),
    replay: null,
    notifications: [],
    updatedAt: now,
  };
}

/** Defaults of a new paper account from Settings. */
export function defaultAccountConfig(name: string): PaperAccountConfig {
  const s = settings();
  return {
    id: crypto.randomUUID(),
    name,
    currency: s.accountCurrency,
    balance: 10_000,
    leverage: s.defaultLeverage,
    commissionPerLot: s.commissionPerLot,
  };
}

async function refreshAccounts(): Promise<AccountEntry[]> {
  const paperList = (await db.paperAccounts.toArray()).map(
    (r): AccountEntry => ({ id: r.id, name: r.name, kind: "paper", currency: r.currency }),
  );
  const others = (await Promise.all(providers.map((p) => p.list().catch(() => [])))).flat();
  const list = [...paperList, ...others];
  setAccounts(list);
  return list;
}

/** Loads settings and accounts (creating a first paper account) and opens the last used one. */
export async function initTrade(): Promise<void> {
  const picksBefore = selection;
  await loadSettings().catch(() => undefined);
  let list = await refreshAccounts();
  if (!list.some((a) => a.kind === "paper")) {
    await db.paperAccounts.put(newPaperRecord(defaultAccountConfig("Paper 1")));
    list = await refreshAccounts();
  }
  const saved = (await db.kv.get(ACTIVE_KEY))?.value;
  const id = typeof saved === "string" && list.some((a) => a.id === saved) ? saved : list[0].id;
  // The picker is usable from the first refresh: an account picked meanwhile is not replaced.
  if (selection !== picksBefore) return;
  await selectAccount(id);
}

/**
 * Bumped by every selectAccount: opening an account awaits IndexedDB, the trade Worker or
 * the server, so a person can pick another account while the page is still opening the
 * first one (e.g. the last-used paper account on page load). Only the latest pick may
 * become the source or show snapshots; an older one that finishes later is closed, else
 * its orders would go to the account the picker no longer shows.
 */
let selection = 0;

/** Opens an account in the page. */
export async function selectAccount(id: string): Promise<void> {
  const entry = accounts().find((a) => a.id === id);
  if (!entry) return;
  const mine = ++selection;
  const current = () => mine === selection;
  const onMySnapshot = (s: TradeSnapshot) => {
    if (current()) onSnapshot(s);
  };
  source()?.close();
  setSource(null);
  setSnapshot(null);
  setHistory([]);
  setEquity([]);
  setReplay(null);
  setNotifications([]);
  barsOf = "";
  setBars(null);
  setActiveId(id);
  await db.kv.put({ key: ACTIVE_KEY, value: id, updatedAt: Date.now() });
  let opened: AccountSource | string;
  if (entry.kind === "paper") {
    opened = await PaperSource.open(id, tradeWorker(), onMySnapshot, (r, notes) => {
      if (current()) onPaper(r, notes);
    });
  } else {
    const provider = providers.find((p) => p.kind === entry.kind);
    opened = provider ? await provider.open(id, onMySnapshot) : "This kind of account is not available here.";
  }
  if (!current()) {
    // Another account was picked meanwhile: that one is (or becomes) the source.
    if (typeof opened !== "string") opened.close();
    return;
  }
  if (typeof opened === "string") {
    setError(opened);
    return;
  }
  setError("");
  setSource(opened);
}

/** Creates a paper account (validated) and opens it; returns a problem sentence or "". */
export async function createPaperAccount(config: PaperAccountConfig): Promise<string> {
  if (!config.name.trim()) return "Give the account a name.";
  if (!(config.balance > 0)) return "The starting balance must be above 0.";
  if (!(Number.isInteger(config.leverage) && config.leverage >= 1 && config.leverage <= 1000)) {
    return "Leverage must be a whole number from 1 to 1000 (as in 1:30).";
  }
  await db.paperAccounts.put(newPaperRecord({ ...config, name: config.name.trim() }));
  await refreshAccounts();
  await selectAccount(config.id);
  return "";
}

/** Back to the starting balance: positions, orders, history and curve cleared. */
export async function resetAccount(): Promise<void> {
  await paper()?.reset();
}

/** Runs an account action and shows its failure as a toast; true when it worked. */
export async function run(
  action: (s: AccountSource) => Promise<{ ok: boolean; message?: string }>,
): Promise<boolean> {
  const s = source();
  if (!s) return false;
  const r = await action(s);
  if (!r.ok) toast(r.message ?? "That did not work.", "error");
  return r.ok;
}
