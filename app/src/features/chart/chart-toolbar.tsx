/* Chart controls: data-set switcher, timeframe switcher (with Auto), indicator toggles. */
import { For } from "solid-js";
import { TIMEFRAME_LABELS, TIMEFRAMES, type Timeframe } from "../../../../core/market/timeframes.ts";
import { enableAuto, chartState as s, selectDataset, selectTimeframe, setIndicators } from "./chart-store.ts";
import type { IndicatorSettings } from "./indicators.ts";
import { displayTimeframes } from "./window-plan.ts";

type PeriodKey = "sma" | "ema" | "bollinger" | "rsi";
const PERIOD_INDICATORS: Array<{ key: PeriodKey; label: string }> = [
  { key: "sma", label: "SMA" },
  { key: "ema", label: "EMA" },
  { key: "bollinger", label: "Bollinger" },
  { key: "rsi", label: "RSI" },
];

function TimeframeSwitcher() {
  const allowed = () => {
    const d = s.dataset();
    return d ? displayTimeframes(d.timeframe as Timeframe) : [];
  };
  return (
    <fieldset class="segmented" aria-label="Timeframe">
      <button
        type="button"
        class={s.auto() ? "seg active" : "seg"}
        aria-pressed={s.auto()}
        title="Pick the timeframe from the zoom level"
        onClick={() => void enableAuto()}
      >
        Auto
      </button>
      <For each={TIMEFRAMES}>
        {(tf) => (
          <button
            type="button"
            class={s.timeframe() === tf ? "seg active" : "seg"}
            aria-pressed={s.timeframe() === tf}
            disabled={!allowed().includes(tf)}
            title={allowed().includes(tf) ? TIMEFRAME_LABELS[tf] : "Lower than the stored timeframe"}
            onClick={() => void selectTimeframe(tf)}
          >
            {tf}
          </button>
        )}
      </For>
    </fieldset>
  );
}

function IndicatorToggles() {
  const update = (patch: Partial<IndicatorSettings>) => setIndicators({ ...s.indicators(), ...patch });
  return (
    <div class="row indicator-toggles">
      <For each={PERIOD_INDICATORS}>
        {({ key, label }) => (
          <span class="toggle">
            <label class="inline">
              <input
                type="checkbox"
                checked={s.indicators()[key].on}
                onChange={(e) => update({ [key]: { ...s.indicators()[key], on: e.currentTarget.checked } })}
              />
              {label}
            </label>
            <input
              type="number"
              min="2"
              max="500"
              aria-label={`${label} period`}
              value={s.indicators()[key].period}
              onChange={(e) =>
                update({ [key]: { ...s.indicators()[key], period: Number(e.currentTarget.value) } })
              }
            />
          </span>
        )}
      </For>
      <label class="inline">
        <input
          type="checkbox"
          checked={s.indicators().macd.on}
          onChange={(e) => update({ macd: { on: e.currentTarget.checked } })}
        />
        MACD (12, 26, 9)
      </label>
    </div>
  );
}

export function ChartToolbar() {
  return (
    <div class="chart-toolbar">
      <div class="row">
        <label>
          Data set
          <select value={s.dataset()?.id ?? ""} onChange={(e) => void selectDataset(e.currentTarget.value)}>
            <For each={s.datasets()}>
              {(d) => (
                <option value={d.id}>
                  {d.simulated ? `${d.symbol} (simulated)` : d.symbol} {d.timeframe}
                </option>
              )}
            </For>
          </select>
        </label>
        <TimeframeSwitcher />
      </div>
      <IndicatorToggles />
    </div>
  );
}
