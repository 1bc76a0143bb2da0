/** The market analysis beside the chart, for the data set and timeframe on screen. */
import { createResource } from "solid-js";
import type { Timeframe } from "../../../../core/market/timeframes.ts";
import { chartState } from "../chart/chart-store.ts";
import { AnalysisView } from "./analysis-panel.tsx";
import { analyseDataset, analysisTimeframes } from "./market-source.ts";
import "./ai.css";

export function ChartAnalysis() {
  const [outcome] = createResource(
    () => {
      const d = chartState.dataset();
      const tf = (chartState.loaded()?.timeframe ?? chartState.timeframe()) as Timeframe;
      if (!d) return undefined;
      // Below the data's own timeframe (or above D1) there is nothing more to learn: clamp.
      const allowed = analysisTimeframes(d);
      const use = allowed.includes(tf) ? tf : allowed[allowed.length - 1];
      return use ? { d, tf: use } : undefined;
    },
    ({ d, tf }) => analyseDataset(d, tf),
  );
  return (
    <aside class="card chart-analysis" data-testid="chart-analysis">
      <h2>Analysis</h2>
      <AnalysisView outcome={outcome()} loading={outcome.loading} />
    </aside>
  );
}
