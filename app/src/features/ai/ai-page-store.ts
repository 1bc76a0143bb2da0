/**
 * State shared by the AI page's panels: the trade histories and the one selected, the
 * data set and timeframe under analysis, and the analyses computed from them.
 */
import { createMemo, createResource, createRoot, createSignal } from "solid-js";
import type { Timeframe } from "../../../../core/market/timeframes.ts";
import { listDatasets } from "../../adapters/bar-store.ts";
import { type DatasetRecord, db } from "../../adapters/db.ts";
import { settings } from "../settings/settings-store.ts";
import type { TradeHistoryRecord } from "./ai-records.ts";
import { listHistories } from "./ai-store.ts";
import { loadLiveHistory } from "./live-history.ts";
import { analyseDataset, defaultAnalysisTimeframe } from "./market-source.ts";
import { analyseHistory } from "./trade-source.ts";

const [histories, setHistories] = createSignal<TradeHistoryRecord[]>([]);
const [historyId, setHistoryId] = createSignal<string>();
const [datasets, setDatasets] = createSignal<DatasetRecord[]>([]);
const [datasetId, setDatasetId] = createSignal<string>();
const [timeframe, setTimeframe] = createSignal<Timeframe>();

export async function refreshHistories(select?: string): Promise<void> {
  const [stored, live] = await Promise.all([listHistories(), loadLiveHistory(Date.now())]);
  const list = live ? [...stored, live] : stored;
  setHistories(list);
  const keep = select ?? historyId();
  setHistoryId(list.some((h) => h.id === keep) ? keep : list[0]?.id);
}

export async function refreshDatasets(): Promise<void> {
  const list = await listDatasets(db);
  setDatasets(list);
  if (!list.some((d) => d.id === datasetId())) selectDataset(list[0]?.id);
}

export function selectDataset(id: string | undefined): void {
  setDatasetId(id);
  const d = datasets().find((x) => x.id === id);
  setTimeframe(d ? defaultAnalysisTimeframe(d) : undefined);
}

// Derived state lives for the whole app (one root), like the signals above.
const derived = createRoot(() => {
  const selectedHistory = createMemo(() => histories().find((h) => h.id === historyId()));
  const selectedDataset = createMemo(() => datasets().find((d) => d.id === datasetId()));
  const analysedHistory = createMemo(() => {
    const h = selectedHistory();
    return h ? analyseHistory(h, settings().drawdownLimitPct) : undefined;
  });
  const allAnalysed = createMemo(() =>
    histories().map((h) => analyseHistory(h, settings().drawdownLimitPct)),
  );

  const [market] = createResource(
    () => {
      const d = selectedDataset();
      const tf = timeframe();
      return d && tf ? { d, tf } : undefined;
    },
    ({ d, tf }) => analyseDataset(d, tf),
  );
  return { selectedHistory, selectedDataset, analysedHistory, allAnalysed, market };
});
const { selectedHistory, selectedDataset, analysedHistory, allAnalysed, market } = derived;

export const aiState = {
  histories,
  historyId,
  setHistoryId,
  selectedHistory,
  analysedHistory,
  allAnalysed,
  datasets,
  datasetId,
  selectedDataset,
  timeframe,
  setTimeframe,
  market,
};
