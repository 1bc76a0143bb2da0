/** Saved runs and user strategies in IndexedDB (Dexie), with a reactive list of each. */
import { createSignal } from "solid-js";
import { db } from "../../adapters/db.ts";
import type { RunRecord, UserStrategyRecord } from "./run-records.ts";

const [runs, setRuns] = createSignal<RunRecord[]>([]);
const [userStrategies, setUserStrategies] = createSignal<UserStrategyRecord[]>([]);

export const runState = { runs, userStrategies };

/** A random id for new records. */
export function newId(): string {
  return crypto.randomUUID();
}

/** Reloads the saved runs, newest first. */
export async function refreshRuns(): Promise<void> {
  setRuns(await db.runs.orderBy("createdAt").reverse().toArray());
}

export async function saveRun(run: RunRecord): Promise<void> {
  await db.runs.put(run);
  await refreshRuns();
}

export async function deleteRun(id: string): Promise<void> {
  await db.runs.delete(id);
  await refreshRuns();
}

/** Reloads the user strategies, by name. */
export async function refreshUserStrategies(): Promise<void> {
  setUserStrategies(await db.userStrategies.orderBy("name").toArray());
}

export async function saveUserStrategy(rec: UserStrategyRecord): Promise<void> {
  await db.userStrategies.put(rec);
  await refreshUserStrategies();
}

export async function deleteUserStrategy(id: string): Promise<void> {
  await db.userStrategies.delete(id);
  await refreshUserStrategies();
}
