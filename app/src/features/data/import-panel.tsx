/*
 * Import: a drop zone with a file picker, the dialect preview (first rows as parsed), the
 * editable symbol / timeframe / time zone / bad-row mode, Import, progress with rows/s and
 * Cancel, and the outcome with its problem list.
 */
import { createSignal, For, Show } from "solid-js";
import { barsToRows } from "../../../../core/market/candles.ts";
import { TIME_ZONES, type TimeZoneId } from "../../../../core/market/time-zones.ts";
import { TIMEFRAMES, type Timeframe } from "../../../../core/market/timeframes.ts";
import type { ValidationMode } from "../../../../core/market/validation.ts";
import { cancelImport, chooseFile, chooseTz, mergeTarget, runImport, dataState as s } from "./data-store.ts";
import { formatCount, formatUtc } from "./format.ts";
import { ProblemList } from "./problem-list.tsx";

const ZONES: TimeZoneId[] = ["utc", "broker-ny", "broker", "new-york", "est"];

function DropZone() {
  const [over, setOver] = createSignal(false);
  const onDrop = (e: DragEvent) => {
    e.preventDefault();
    setOver(false);
    const f = e.dataTransfer?.files[0];
    if (f) void chooseFile(f);
  };
  return (
    <section
      aria-label="Drop a price file here"
      class={over() ? "drop-zone over" : "drop-zone"}
      data-testid="drop-zone"
      onDragOver={(e) => {
        e.preventDefault();
        setOver(true);
      }}
      onDragLeave={() => setOver(false)}
      onDrop={onDrop}
    >
      <p>Drop a price file here (MetaTrader, HistData, Dukascopy or any CSV with a header), or</p>
      <label class="file-pick">
        Import price file
        <input
          type="file"
          accept=".csv,.txt,.tsv,text/csv,text/plain"
          disabled={s.running() !== undefined}
          onChange={(e) => {
            const f = e.currentTarget.files?.[0];
            if (f) void chooseFile(f);
            e.currentTarget.value = "";
          }}
        />
      </label>
    </section>
  );
}

function PreviewTable() {
  const rows = () => {
    const bars = s.preview()?.result?.bars;
    return bars ? barsToRows(bars).slice(0, 10) : [];
  };
  const hasSpread = () => s.preview()?.result?.bars.spread !== undefined;
  return (
    <div class="table-scroll">
      <table data-testid="preview-table">
        <thead>
          <tr>
            <th>Time (UTC)</th>
            <th>Open</th>
            <th>High</th>
            <th>Low</th>
            <th>Close</th>
            <th>Volume</th>
            <Show when={hasSpread()}>
              <th>Spread (points)</th>
            </Show>
          </tr>
        </thead>
        <tbody>
          <For each={rows()}>
            {(r) => (
              <tr>
                <td>{formatUtc(r.time)}</td>
                <td>{r.open}</td>
                <td>{r.high}</td>
                <td>{r.low}</td>
                <td>{r.close}</td>
                <td>{r.volume}</td>
                <Show when={hasSpread()}>
                  <td>{Number.isNaN(r.spread ?? Number.NaN) ? "" : r.spread}</td>
                </Show>
              </tr>
            )}
          </For>
        </tbody>
      </table>
    </div>
  );
}

function Options() {
  return (
    <div class="row">
      <label>
        Symbol
        <input
          value={s.symbol()}
          placeholder="EURUSD"
          size={10}
          onInput={(e) => s.setSymbol(e.currentTarget.value.toUpperCase())}
        />
      </label>
      <label>
        Timeframe
        <select
          value={s.timeframe()}
          onChange={(e) => s.setTimeframe(e.currentTarget.value as Timeframe | "")}
        >
          <option value="">(detect)</option>
          <For each={TIMEFRAMES}>{(tf) => <option value={tf}>{tf}</option>}</For>
        </select>
      </label>
      <label>
        Time zone of the file
        <select value={s.tz()} onChange={(e) => void chooseTz(e.currentTarget.value as TimeZoneId)}>
          <For each={ZONES}>{(z) => <option value={z}>{TIME_ZONES[z]}</option>}</For>
        </select>
      </label>
      <label>
        Bad rows
        <select value={s.mode()} onChange={(e) => s.setMode(e.currentTarget.value as ValidationMode)}>
          <option value="skip">Skip bad rows and import the rest</option>
          <option value="abort">Abort the import at the first bad row</option>
        </select>
      </label>
    </div>
  );
}

/** Asks before a file merges into a stored data set: what is there and what gets replaced. */
function MergeQuestion(props: { onYes: () => void; onNo: () => void }) {
  const d = () => mergeTarget();
  const first = () => s.preview()?.result?.bars.time[0];
  return (
    <Show when={d()}>
      {(t) => (
        <div
          class="card warn-card"
          role="alertdialog"
          aria-label="Merge into a stored data set?"
          data-testid="merge-question"
        >
          <p>
            <strong>
              {t().symbol} {t().timeframe}
            </strong>{" "}
            is already stored: {formatCount(t().bars)} bars from {formatUtc(t().start)} to{" "}
            {formatUtc(t().end)}. This file
            {first() !== undefined ? ` starts at ${formatUtc(first() as number)} and` : ""} is merged into it:
            where both have a bar at the same time, the stored bar is <strong>replaced</strong> by the file's;
            bars only in the stored set are kept.
          </p>
          <div class="row">
            <button type="button" onClick={() => props.onYes()}>
              Merge and replace
            </button>
            <button type="button" class="ghost" onClick={() => props.onNo()}>
              Keep what is stored
            </button>
          </div>
        </div>
      )}
    </Show>
  );
}

function PreviewCard() {
  const result = () => s.preview()?.result;
  const [asking, setAsking] = createSignal(false);
  const start = () => {
    if (mergeTarget()) return setAsking(true);
    void runImport();
  };
  return (
    <section class="card" data-testid="import-preview">
      <h2>{s.file()?.name}</h2>
      <Show when={s.preview()?.error}>
        <p class="error-text" role="alert">
          {s.preview()?.error}
        </p>
      </Show>
      <Show when={result()}>
        <p data-testid="detected-dialect">
          Detected: <strong>{result()?.dialect.label}</strong>
          {result()?.symbol ? ` · ${result()?.symbol?.symbol}` : " · symbol not recognised"}
          {result()?.timeframe ? ` · ${result()?.timeframe}` : ""}
          {result()?.bars.spread ? " · own spread per bar (points)" : ""} · {formatCount(s.file()?.size ?? 0)}{" "}
          bytes
        </p>
        <Show when={result()?.dialect.tzNote}>
          <p class="muted" data-testid="tz-note">
            Times read as <strong>{TIME_ZONES[s.tz()]}</strong>. {result()?.dialect.tzNote}
          </p>
        </Show>
        <For each={result()?.notes ?? []}>
          {(note) => (
            <p class="muted" data-testid="import-note">
              {note}
            </p>
          )}
        </For>
        <PreviewTable />
        <ProblemList
          problems={result()?.problems ?? []}
          count={result()?.problemCount ?? 0}
          title="Problems in the first rows"
        />
      </Show>
      <Options />
      <div class="row">
        <button
          type="button"
          disabled={s.running() !== undefined || !!s.preview()?.error || asking()}
          onClick={start}
        >
          Import
        </button>
      </div>
      <Show when={asking()}>
        <MergeQuestion
          onYes={() => {
            setAsking(false);
            void runImport();
          }}
          onNo={() => setAsking(false)}
        />
      </Show>
    </section>
  );
}

function ProgressCard() {
  const p = () => s.progress();
  return (
    <section class="card" data-testid="import-progress">
      <Show when={p()?.phase !== "saving"} fallback={<progress aria-label="Saving" />}>
        <progress
          aria-label="Import progress"
          value={p()?.bytes ?? 0}
          max={Math.max(1, p()?.totalBytes ?? 1)}
        />
      </Show>
      <div class="row">
        <span data-testid="progress-text">
          {p()?.phase === "saving"
            ? `Saving ${formatCount(p()?.rows ?? 0)} rows…`
            : `${formatCount(p()?.rows ?? 0)} rows read · ${formatCount(p()?.rowsPerSecond ?? 0)} rows/s`}
        </span>
        <button type="button" class="ghost" disabled={p()?.phase === "saving"} onClick={cancelImport}>
          Cancel
        </button>
      </div>
    </section>
  );
}

function OutcomeCard() {
  return (
    <Show when={s.outcome()} keyed>
      {(o) =>
        o.ok ? (
          <>
            <p class="success-text" data-testid="import-result">
              Imported {formatCount(o.bars)} bars ({formatCount(o.added)} new
              {o.replaced > 0 ? `, ${formatCount(o.replaced)} stored bars replaced` : ""}) into{" "}
              {o.dataset.symbol} {o.dataset.timeframe} in {(o.ms / 1000).toFixed(2)} s
              {o.problemCount > 0 ? `; ${formatCount(o.problemCount)} bad rows skipped` : ""}.
            </p>
            <For each={o.notes}>
              {(note) => (
                <p class="muted" data-testid="import-result-note">
                  {note}
                </p>
              )}
            </For>
          </>
        ) : (
          <p class={o.code === "cancelled" ? "muted" : "error-text"} role="alert" data-testid="import-error">
            {o.message}
          </p>
        )
      }
    </Show>
  );
}

export function ImportPanel() {
  const outcomeProblems = () => s.outcome()?.problems ?? [];
  return (
    <div class="stack">
      <DropZone />
      <Show when={s.file()}>
        <PreviewCard />
      </Show>
      <Show when={s.running()}>
        <ProgressCard />
      </Show>
      <OutcomeCard />
      <ProblemList problems={outcomeProblems()} count={s.outcome()?.problemCount ?? 0} />
      <Show when={s.persistence()}>
        <p class="muted" data-testid="persistence">
          {s.persistence()}
        </p>
      </Show>
    </div>
  );
}
