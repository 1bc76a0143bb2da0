/**
 * The settings store: a local copy in Dexie (db.kv "settings") that every page can read
 * offline, synced with GET/PUT /users/settings when signed in. Versions come from the
 * server; a save sends the version it was based on. When the server has moved on (409),
 * the newest write wins: our pending change is re-sent on top of the server's version,
 * so the last change to reach the server is the one kept.
 */
import { createSignal } from "solid-js";
import { ApiError, api, getSessionUser, onAuthEvent, type SettingsDoc } from "../../adapters/api-client.ts";
import { db } from "../../adapters/db.ts";
import { type AppSettings, defaultSettings, normalizeSettings } from "./settings-model.ts";

const KEY = "settings";

/** What is kept on this device. */
export interface LocalSettings {
  settings: AppSettings;
  /** Server version this copy is based on (0 = never synced). */
  version: number;
  /** Changed here since the last successful sync. */
  dirty: boolean;
  /** Whose settings these are (null = made while signed out). */
  userId: string | null;
  updatedAt: number;
}

export type SyncState = "local" | "syncing" | "synced" | "offline" | "error";

const [current, setCurrent] = createSignal<LocalSettings>({
  settings: defaultSettings(),
  version: 0,
  dirty: false,
  userId: null,
  updatedAt: 0,
});
const [syncState, setSyncState] = createSignal<SyncState>("local");
const [syncMessage, setSyncMessage] = createSignal("");

/** Reactive: the settings in effect (local copy). */
export const settings = () => current().settings;
export const localSettings = current;
export const settingsSyncState = syncState;
export const settingsSyncMessage = syncMessage;

/** Id of the signed-in user (the API client knows it even before this module loaded). */
const signedInId = () => getSessionUser()?.id ?? null;
let lastUser: string | null = signedInId();
let loaded: Promise<LocalSettings> | null = null;

async function readLocal(): Promise<LocalSettings> {
  const row = await db.kv.get(KEY);
  const v = row?.value as Partial<LocalSettings> | undefined;
  const local: LocalSettings = {
    settings: normalizeSettings(v?.settings),
    version: typeof v?.version === "number" ? v.version : 0,
    dirty: v?.dirty === true,
    userId: typeof v?.userId === "string" ? v.userId : null,
    updatedAt: typeof v?.updatedAt === "number" ? v.updatedAt : 0,
  };
  setCurrent(local);
  return local;
}

async function writeLocal(local: LocalSettings): Promise<void> {
  setCurrent(local);
  await db.kv.put({ key: KEY, value: structuredClone(local), updatedAt: local.updatedAt });
}

/** Loads the local copy once (later calls share it). */
export function loadSettings(): Promise<LocalSettings> {
  loaded ??= readLocal();
  return loaded;
}

/** Bumped by every save on this device: an answer that predates an edit must not undo it. */
let edits = 0;
const MAX_ROUNDS = 5;

interface SyncStart {
  userId: string;
  edits: number;
}

/** True while nothing changed (no save here, same user) since the round started. */
const isCurrent = (at: SyncStart) => at.edits === edits && at.userId === signedInId();

function adopt(doc: SettingsDoc, userId: string): Promise<void> {
  return writeLocal({
    settings: normalizeSettings(doc.settings),
    version: doc.version,
    dirty: false,
    userId,
    // 0 = never edited (an empty account document must not count as an edit).
    updatedAt: doc.version === 0 ? 0 : Date.now(),
  });
}

async function push(local: LocalSettings, basedOn: number, at: SyncStart): Promise<"pushed" | "replaced"> {
  const put = (version: number) => api.putSettings({ settings: { ...local.settings }, version });
  let how: "pushed" | "replaced" = "pushed";
  let saved: SettingsDoc;
  try {
    saved = await put(basedOn);
  } catch (e) {
    const conflict = e instanceof ApiError && e.status === 409 ? conflictCurrent(e) : null;
    if (!conflict) throw e;
    // Someone saved in between: ours is the newer write, so it goes on top (once).
    saved = await put(conflict.version);
    how = "replaced";
  }
  // Edited again while this was on its way: keep the newer copy dirty for the next round.
  if (isCurrent(at)) await writeLocal({ ...local, version: saved.version, dirty: false, userId: at.userId });
  return how;
}

function conflictCurrent(e: ApiError): SettingsDoc | null {
  const cur = (e.body as { current?: SettingsDoc } | undefined)?.current;
  return cur && typeof cur.version === "number" ? cur : null;
}

/** One round: the user's message when it finished in line, null when it must be repeated. */
async function syncRound(userId: string): Promise<{ at: SyncStart; message: string } | null> {
  await loadSettings();
  const at: SyncStart = { userId, edits };
  const local = current();
  setSyncState("syncing");
  const server = await api.getSettings();
  if (!isCurrent(at)) return null;
  const mine = local.userId === null || local.userId === userId;
  if (mine && local.dirty) {
    const how = await push(local, server.version, at);
    const message = how === "replaced" ? "Your changes replaced newer settings saved elsewhere." : "";
    return { at, message };
  }
  if (server.version === 0 && mine && local.updatedAt > 0) {
    // A new account: it takes the settings edited on this device.
    await push(local, 0, at);
  } else {
    await adopt(server, userId);
  }
  return { at, message: "" };
}

interface SyncRun {
  promise: Promise<void>;
  /** False once the run has decided to end (later calls start a new run). */
  open: boolean;
}

let run: SyncRun | null = null;

async function syncLoop(self: SyncRun): Promise<void> {
  try {
    for (let round = 0; round < MAX_ROUNDS; round++) {
      const userId = signedInId();
      if (!userId) return void setSyncState("local");
      const done = await syncRound(userId);
      // Checked in the same turn as `open = false` below: no edit can slip in between.
      if (done && isCurrent(done.at)) {
        setSyncMessage(done.message);
        setSyncState("synced");
        return;
      }
    }
    // Edited faster than it could sync: kept here (dirty); the next save or start syncs it.
    setSyncState("local");
  } catch (e) {
    setSyncState(e instanceof ApiError && e.code === "offline" ? "offline" : "error");
    setSyncMessage((e as Error).message);
  } finally {
    self.open = false;
  }
}

/**
 * Brings the local copy and the account in line: pending local changes (made by this
 * user, or while signed out) are pushed; otherwise the account's settings are adopted.
 * One sync at a time: a call during a sync shares it, and a round whose answer predates a
 * save here (or a change of user) is repeated, so a late answer never replaces a newer edit.
 */
export function syncSettings(): Promise<void> {
  if (run?.open) return run.promise;
  const next: SyncRun = { promise: Promise.resolve(), open: true };
  next.promise = syncLoop(next);
  run = next;
  return next.promise;
}

/** Saves settings here at once, then to the account when signed in and online. */
export async function saveSettings(next: AppSettings): Promise<void> {
  await loadSettings();
  edits++;
  const local: LocalSettings = {
    ...current(),
    settings: normalizeSettings(next),
    dirty: true,
    userId: current().userId ?? signedInId(),
    updatedAt: Date.now(),
  };
  await writeLocal(local);
  if (signedInId()) await syncSettings();
}

onAuthEvent((event) => {
  const before = lastUser;
  lastUser = event.type === "tokens" ? event.tokens.user.id : null;
  if (lastUser && lastUser !== before) void syncSettings();
  if (!lastUser) setSyncState("local");
});

if (typeof window !== "undefined") {
  window.addEventListener("online", () => {
    if (signedInId() && current().dirty) void syncSettings();
  });
}
