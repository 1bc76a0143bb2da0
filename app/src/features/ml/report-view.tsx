/* The out-of-sample report of a model: classification figures, confusion matrix, calibration, backtests vs controls. */
import { For, Show } from "solid-js";
import { LineChart } from "./line-chart.tsx";
import type { ModelRecord } from "./records.ts";

const CURVE_COLORS = ["#38bdf8", "#f97316", "#22c55e", "#eab308", "#a855f7", "#ef4444"];
const pct = (x: number) => (Number.isFinite(x) ? `${(x * 100).toFixed(1)}%` : "–");
const num = (x: number, d = 2) => (Number.isFinite(x) ? x.toFixed(d) : "–");

export function ReportView(props: { model: ModelRecord }) {
  const r = () => props.model.report;
  const c = () => r().classification;
  const labelText = () => {
    const l = props.model.meta.label;
    return l.kind === "direction"
      ? `direction after ${l.horizon} bar${l.horizon > 1 ? "s" : ""}${l.deadZonePips > 0 ? `, dead zone ${l.deadZonePips} pips` : ""}`
      : `triple barrier TP ${l.takeProfitPips} / SL ${l.stopLossPips} pips, timeout ${l.horizon} bars`;
  };
  const verdict = () => {
    const model = r().backtest.stats.returnPct;
    const control = r().shuffledBacktest?.stats.returnPct;
    const acc = c().accuracy;
    const base = Math.max(c().upRate, 1 - c().upRate);
    if (acc <= base + 0.005)
      return "No edge: out-of-sample accuracy is no better than always guessing the more common direction.";
    if (control !== undefined && model <= control)
      return "Looks lucky: the same model trained on shuffled labels did as well or better in the backtest.";
    return "Some out-of-sample edge; check it survives costs, other periods and other symbols before trusting it.";
  };
  return (
    <section class="ml-report" data-testid="oos-report" aria-label="Out-of-sample report">
      <h3>
        Out-of-sample report: {props.model.name} v{props.model.version}
      </h3>
      <p class="ml-setup" data-testid="report-setup">
        {props.model.meta.kind} on {props.model.symbol} {props.model.timeframe},{" "}
        {props.model.range.bars.toLocaleString("en")} bars · label: {labelText()} · features:{" "}
        {props.model.meta.featureNames.join(", ")} · backend {props.model.backend}, seed {props.model.seed}
      </p>
      <p class="ml-verdict" data-testid="report-verdict">
        {verdict()}
      </p>
      <dl class="ml-figures">
        <div>
          <dt>Accuracy</dt>
          <dd data-testid="oos-accuracy" data-value={c().accuracy}>
            {pct(c().accuracy)}
          </dd>
        </div>
        <div>
          <dt>Precision (up)</dt>
          <dd data-testid="oos-precision">{pct(c().precision)}</dd>
        </div>
        <div>
          <dt>Recall (up)</dt>
          <dd data-testid="oos-recall">{pct(c().recall)}</dd>
        </div>
        <div>
          <dt>F1</dt>
          <dd data-testid="oos-f1">{num(c().f1, 3)}</dd>
        </div>
        <div>
          <dt>Samples</dt>
          <dd data-testid="oos-samples">{c().samples.toLocaleString("en")}</dd>
        </div>
        <div>
          <dt>Up share (base rate)</dt>
          <dd>{pct(c().upRate)}</dd>
        </div>
        <div>
          <dt>Brier score</dt>
          <dd>{num(c().brier, 4)}</dd>
        </div>
        <Show when={r().shuffled}>
          {(s) => (
            <div>
              <dt>Shuffled-label control accuracy</dt>
              <dd data-testid="control-accuracy">{pct(s().accuracy)}</dd>
            </div>
          )}
        </Show>
      </dl>
      <div class="ml-grid">
        <table class="ml-confusion" data-testid="confusion-matrix">
          <caption>Confusion matrix</caption>
          <thead>
            <tr>
              <th />
              <th>Predicted up</th>
              <th>Predicted down</th>
            </tr>
          </thead>
          <tbody>
            <tr>
              <th>Went up</th>
              <td>{c().confusion.tp}</td>
              <td>{c().confusion.fn}</td>
            </tr>
            <tr>
              <th>Went down</th>
              <td>{c().confusion.fp}</td>
              <td>{c().confusion.tn}</td>
            </tr>
          </tbody>
        </table>
        <table class="ml-calibration" data-testid="calibration">
          <caption>Calibration</caption>
          <thead>
            <tr>
              <th>P(up)</th>
              <th>Rows</th>
              <th>Predicted</th>
              <th>Observed</th>
            </tr>
          </thead>
          <tbody>
            <For each={c().calibration}>
              {(b) => (
                <tr>
                  <td>
                    {b.from.toFixed(1)}–{b.to.toFixed(1)}
                  </td>
                  <td>{b.count}</td>
                  <td>{pct(b.meanPredicted)}</td>
                  <td>{pct(b.observed)}</td>
                </tr>
              )}
            </For>
          </tbody>
        </table>
      </div>
      <h4>Backtest of the signals (with costs) against buy-and-hold and the shuffled control</h4>
      <table class="ml-backtests" data-testid="report-backtests">
        <thead>
          <tr>
            <th />
            <th>Return</th>
            <th>Max drawdown</th>
            <th>Trades</th>
            <th>Sharpe</th>
          </tr>
        </thead>
        <tbody>
          <For
            each={[
              ["Model", r().backtest] as const,
              ["Buy and hold", r().buyAndHold] as const,
              ...(r().shuffledBacktest ? [["Shuffled-label control", r().shuffledBacktest] as const] : []),
            ]}
          >
            {([name, b]) => (
              <tr data-testid={`bt-${name.split(" ")[0].toLowerCase()}`}>
                <th>{name}</th>
                <td>{num(b?.stats.returnPct ?? Number.NaN)}%</td>
                <td>{num(b?.stats.maxDrawdownPct ?? Number.NaN)}%</td>
                <td>{b?.stats.trades}</td>
                <td>{num(b?.stats.sharpe ?? Number.NaN)}</td>
              </tr>
            )}
          </For>
        </tbody>
      </table>
      <LineChart
        testId="report-equity"
        lines={[
          { label: "Model", color: "#38bdf8", values: r().backtest.equity },
          { label: "Buy and hold", color: "#a3a3a3", values: r().buyAndHold.equity },
          ...(r().shuffledBacktest
            ? [{ label: "Shuffled control", color: "#f97316", values: r().shuffledBacktest?.equity ?? [] }]
            : []),
        ]}
      />
      <Show when={props.model.windows.length > 0}>
        <h4>Training curves (validation loss per epoch, each walk-forward window)</h4>
        <LineChart
          testId="report-curves"
          height={120}
          lines={props.model.windows.map((w, k) => ({
            label: `Window ${k + 1}${w.stoppedEarly ? " (early stop)" : ""}`,
            color: CURVE_COLORS[k % CURVE_COLORS.length],
            values: w.history.map((h) => h.valLoss),
          }))}
        />
      </Show>
      <p class="ml-note">
        Every figure here is out of sample: each window's model never saw its test rows, and a gap of the
        label horizon separates them. It cannot tell you how the model will do in a different market regime.
      </p>
    </section>
  );
}
