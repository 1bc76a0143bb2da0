/* Backtest section: tabs for a single backtest, optimisation, walk-forward, saved runs and the strategy editor. */
import { A, useLocation } from "@solidjs/router";
import { lazy, Match, onMount, Switch } from "solid-js";
import "../features/backtest/backtest.css";
import { BacktestView } from "../features/backtest/backtest-view.tsx";
import { refreshRuns, refreshUserStrategies } from "../features/backtest/run-store.ts";
import { refreshSetupDatasets } from "../features/backtest/setup-store.ts";

const OptimiseView = lazy(() =>
  import("../features/optimise/optimise-view.tsx").then((m) => ({ default: m.OptimiseView })),
);
const WalkForwardView = lazy(() =>
  import("../features/optimise/walk-forward-view.tsx").then((m) => ({ default: m.WalkForwardView })),
);
const RunsView = lazy(() =>
  import("../features/backtest/runs-view.tsx").then((m) => ({ default: m.RunsView })),
);
const StrategyEditor = lazy(() =>
  import("../features/backtest/strategy-editor.tsx").then((m) => ({ default: m.StrategyEditor })),
);

const TABS = [
  { path: "/backtest", label: "Backtest" },
  { path: "/backtest/optimise", label: "Optimise" },
  { path: "/backtest/walk-forward", label: "Walk-forward" },
  { path: "/backtest/runs", label: "Runs & compare" },
  { path: "/backtest/strategies", label: "Strategy editor" },
];

export function BacktestPage() {
  const location = useLocation();
  const path = () => location.pathname.replace(/\/+$/, "") || "/backtest";
  onMount(() => {
    void refreshSetupDatasets();
    void refreshRuns();
    void refreshUserStrategies();
  });
  return (
    <section class="page bt-page">
      <h1>Backtest</h1>
      <nav class="bt-tabs" aria-label="Backtest sections">
        {TABS.map((t) => (
          <A href={t.path} end class="bt-tab" activeClass="active">
            {t.label}
          </A>
        ))}
      </nav>
      <Switch fallback={<BacktestView />}>
        <Match when={path() === "/backtest/optimise"}>
          <OptimiseView />
        </Match>
        <Match when={path() === "/backtest/walk-forward"}>
          <WalkForwardView />
        </Match>
        <Match when={path() === "/backtest/runs"}>
          <RunsView />
        </Match>
        <Match when={path() === "/backtest/strategies"}>
          <StrategyEditor />
        </Match>
      </Switch>
    </section>
  );
}
