/**
 * The model registry in IndexedDB: save a trained model as the next version of its name,
 * list, delete, and export/import as files (model.json + weights.bin, the tfjs format with
 * our metadata; see adapters/tf/model-files.ts). An import is checked whole before anything
 * is stored.
 */
import { createSignal } from "solid-js";
import { db } from "../../adapters/db.ts";
import { modelJson, parseModelFiles, WEIGHTS_FILE } from "../../adapters/tf/model-files.ts";
import type { ModelRecord } from "./records.ts";

const [models, setModels] = createSignal<ModelRecord[]>([]);

export { models };

/** Reloads the list, newest first. */
export async function refreshModels(): Promise<void> {
  const all = await db.models.orderBy("createdAt").reverse().toArray();
  setModels(all);
}

/** The next version number for a model name. */
async function nextVersion(name: string): Promise<number> {
  const same = await db.models.where("name").equals(name).toArray();
  return same.reduce((v, m) => Math.max(v, m.version), 0) + 1;
}

/** Stores a model (id and version assigned here) and returns the stored record. */
export async function saveModel(record: Omit<ModelRecord, "id" | "version">): Promise<ModelRecord> {
  const full: ModelRecord = { ...record, id: crypto.randomUUID(), version: await nextVersion(record.name) };
  await db.models.add(full);
  await refreshModels();
  return full;
}

export async function deleteModel(id: string): Promise<void> {
  await db.models.delete(id);
  await refreshModels();
}

/** File names for a model's export: "<name>-v<version>.model.json" and the weights file. */
export function exportFiles(m: ModelRecord): {
  json: { name: string; text: string };
  weights: { name: string; data: ArrayBuffer };
} {
  const { artifacts, meta, id: _id, ...rest } = m;
  const base = `${m.name.replace(/[^\w.-]+/g, "_")}-v${m.version}`;
  return {
    json: { name: `${base}.model.json`, text: modelJson(artifacts, meta, { record: rest }) },
    weights: { name: `${base}.${WEIGHTS_FILE}`, data: artifacts.weightData },
  };
}

function download(name: string, blob: Blob): void {
  const a = document.createElement("a");
  a.href = URL.createObjectURL(blob);
  a.download = name;
  a.click();
  setTimeout(() => URL.revokeObjectURL(a.href), 10_000);
}

/** Downloads model.json and the weights file. */
export function exportModel(m: ModelRecord): void {
  const f = exportFiles(m);
  download(f.json.name, new Blob([f.json.text], { type: "application/json" }));
  download(f.weights.name, new Blob([f.weights.data], { type: "application/octet-stream" }));
}

/** Imports a model from its two files (any order); throws a message saying what is wrong. */
export async function importModel(files: readonly File[]): Promise<ModelRecord> {
  const json = files.find((f) => f.name.endsWith(".json"));
  const bin = files.find((f) => f.name.endsWith(".bin"));
  if (!json || !bin)
    throw new Error("Choose both files of the model: the .model.json file and its weights .bin file.");
  const parsed = parseModelFiles(await json.text(), await bin.arrayBuffer());
  const rec = (parsed.extra.record ?? {}) as Partial<ModelRecord>;
  if (!rec.report || !rec.name)
    throw new Error(
      `${json.name} has no Forex AI report; export the model from Forex AI and import both files.`,
    );
  return saveModel({
    name: rec.name,
    createdAt: rec.createdAt ?? 0,
    datasetId: rec.datasetId ?? "",
    symbol: rec.symbol ?? "",
    timeframe: rec.timeframe ?? "",
    range: rec.range ?? { start: 0, end: 0, bars: 0 },
    meta: parsed.meta,
    report: rec.report,
    windows: rec.windows ?? [],
    backend: rec.backend ?? "",
    seed: rec.seed ?? 0,
    epochs: rec.epochs ?? 0,
    artifacts: parsed.artifacts,
  });
}
