/**
 * Market analysis of one data set at one timeframe: regime and direction, volatility
 * percentile, levels, session and the summary, each with its figures.
 */
import { For, Show } from "solid-js";
import type { MarketAnalysis } from "../../../../core/analysis/index.ts";
import { SESSION_LABELS } from "../../../../core/analysis/sessions.ts";
import { fmt } from "./context.ts";
import type { AnalysisOutcome } from "./market-source.ts";

function Figures(props: { a: MarketAnalysis }) {
  const a = () => props.a;
  return (
    <dl class="ai-figures">
      <dt>Regime</dt>
      <dd data-testid="analysis-regime">
        {a().regime} · {a().direction}
      </dd>
      <dt>ADX(14)</dt>
      <dd>{fmt(a().figures.adx, 1)}</dd>
      <dt>SMA(50) slope</dt>
      <dd>{fmt(a().figures.slopeAtr, 2)} ATR / 10 bars</dd>
      <dt>ATR(14)</dt>
      <dd>
        {a().volatility.atr.toFixed(a().digits)} · {fmt(a().volatility.percentile, 0)}th percentile (
        {a().volatility.sample} bars)
      </dd>
      <dt>Session</dt>
      <dd>
        {SESSION_LABELS[a().session.name]}
        {a().session.typicalRange === undefined
          ? ""
          : ` · median range ${a().session.typicalRange?.toFixed(a().digits)} over ${a().session.days} sessions`}
      </dd>
      <dt>Levels</dt>
      <dd>
        <ul class="plain">
          <For each={a().levels}>
            {(l) => (
              <li>
                {l.kind} {l.price.toFixed(a().digits)} ({l.touches} touch{l.touches === 1 ? "" : "es"})
              </li>
            )}
          </For>
        </ul>
      </dd>
    </dl>
  );
}

export function AnalysisView(props: { outcome: AnalysisOutcome | undefined; loading: boolean }) {
  return (
    <Show when={!props.loading} fallback={<p class="muted">Analysing…</p>}>
      <Show when={props.outcome} fallback={<p class="muted">No data set to analyse.</p>}>
        {(o) => (
          <Show
            when={o().ok ? (o() as { analysis: MarketAnalysis }).analysis : undefined}
            fallback={<p class="error-text">{(o() as { message: string }).message}</p>}
          >
            {(a) => (
              <>
                <p data-testid="analysis-summary">{a().summary}</p>
                <Figures a={a()} />
              </>
            )}
          </Show>
        )}
      </Show>
    </Show>
  );
}
