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

async function push(local: LocalSettings, basedOn: number, userId: string): Promise<"pushed" | "replaced"> {
  try {
    const saved = await api.putSettings({ settings: { ...local.settings }, version: basedOn });
    await writeLocal({ ...local, version: saved.version, dirty: false, userId });
    return "pushed";
  } catch (e) {
    const conflict = e instanceof ApiError && e.status === 409 ? conflictCurrent(e) : null;
    if (!conflict) throw e;
    // Someone saved in between: ours is the newer write, so it goes on top (once).
    const saved = await api.putSettings({ settings: { ...local.settings }, version: conflict.version });
    await writeLocal({ ...local, version: saved.version, dirty: false, userId });
    return "replaced";
  }
}

function conflictCurrent(e: ApiError): SettingsDoc | null {
  const cur = (e.body as { current?: SettingsDoc } | undefined)?.current;
  return cur && typeof cur.version === "number" ? cur : null;
}

/**
 * Brings the local copy and the account in line: pending local changes (made by this
 * user, or while signed out) are pushed; otherwise the account's settings are adopted.
 */
export async function syncSettings(): Promise<void> {
  const userId = signedInId();
  if (!userId) return void setSyncState("local");
  const local = await loadSettings().then(() => current());
  setSyncState("syncing");
  try {
    const server = await api.getSettings();
    if (userId !== signedInId()) return;
    const mine = local.userId === null || local.userId === userId;
    if (mine && local.dirty) {
      const how = await push(local, server.version, userId);
      setSyncMessage(how === "replaced" ? "Your changes replaced newer settings saved elsewhere." : "");
    } else if (server.version === 0 && mine && local.updatedAt > 0) {
      // A new account: it takes the settings edited on this device.
      await push(local, 0, userId);
      setSyncMessage("");
    } else {
      await adopt(server, userId);
      setSyncMessage("");
    }
    setSyncState("synced");
  } catch (e) {
    setSyncState(e instanceof ApiError && e.code === "offline" ? "offline" : "error");
    setSyncMessage((e as Error).message);
  }
}

/** Saves settings here at once, then to the account when signed in and online. */
export async function saveSettings(next: AppSettings): Promise<void> {
  await loadSettings();
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
