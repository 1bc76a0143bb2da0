/**
 * Optimisation results kept in IndexedDB like backtest runs, so a reload does not lose
 * minutes of work: each finished optimisation is saved with what it ran on; the Optimise
 * tab shows the latest again and lists the others.
 */
import { createSignal } from "solid-js";
import type { OptimiseResult } from "../../../../core/backtest/optimise.ts";
import { db } from "../../adapters/db.ts";

/** A finished optimisation and what it ran on. */
export interface SavedOptimisation extends OptimiseResult {
  id: string;
  createdAt: number;
  /** "SMA cross · EURUSD H1 2024-01-02..2024-06-28" */
  name: string;
  datasetLabel: string;
  ms: number;
  workers: number;
  skipped: number;
}

/** Saved optimisations kept (the oldest beyond this are dropped). */
export const MAX_SAVED_OPTIMISATIONS = 20;

const [saved, setSaved] = createSignal<SavedOptimisation[]>([]);
export const savedOptimisations = saved;

/** Reloads the list, newest first. */
export async function refreshOptimisations(): Promise<SavedOptimisation[]> {
  const list = await db.optimisations.orderBy("createdAt").reverse().toArray();
  setSaved(list);
  return list;
}

/** Saves one and drops the oldest beyond MAX_SAVED_OPTIMISATIONS. */
export async function saveOptimisation(o: SavedOptimisation): Promise<void> {
  await db.optimisations.put(o);
  const list = await refreshOptimisations();
  const old = list.slice(MAX_SAVED_OPTIMISATIONS).map((x) => x.id);
  if (old.length > 0) {
    await db.optimisations.bulkDelete(old);
    await refreshOptimisations();
  }
}

export async function deleteOptimisation(id: string): Promise<void> {
  await db.optimisations.delete(id);
  await refreshOptimisations();
}
