/*
 * Market replay controls: data set, start date, play/pause, speed 1x..1000x, step one bar,
 * jump to a date; and which spread the quotes use (the data's own per bar, or Settings).
 */
import { createResource, createSignal, For, Show } from "solid-js";
import { symbolInfo } from "../../../../core/market/symbols.ts";
import { listDatasets } from "../../adapters/bar-store.ts";
import { db } from "../../adapters/db.ts";
import { toast } from "../../ui/toasts.tsx";
import { loadSampleData } from "../data/sample-data.ts";
import { settings } from "../settings/settings-store.ts";
import { utc } from "./format.ts";
import { paper, trade } from "./trade-store.ts";

export const SPEEDS = [1, 10, 60, 100, 300, 1000] as const;

const day = (ms: number) => new Date(ms).toISOString().slice(0, 10);
const dayMs = (text: string) => Date.parse(`${text}T00:00:00Z`);

/** Spread in pips for a data set's symbol from Settings (1 pip when the pair has none). */
export function spreadFor(symbol: string): number {
  try {
    return settings().spreadPips[symbolInfo(symbol).symbol] ?? 1;
  } catch {
    return 1;
  }
}

const pips = (n: number) => `${n} pip${n === 1 ? "" : "s"}`;

/** "Spread: from the data (varies per bar)" or "Spread: 0.6 pips from Settings". */
export function spreadLabel(fromData: boolean, settingsPips: number): string {
  return fromData ? "Spread: from the data (varies per bar)" : `Spread: ${pips(settingsPips)} from Settings`;
}

/** The current ask - bid in pips, to one decimal (a tenth of a pip is one point on 5-digit pairs). */
function spreadNow(symbol: string): string {
  const q = trade.snapshot()?.quote;
  if (!q) return "";
  try {
    return ` · now ${((q.ask - q.bid) / symbolInfo(symbol).pipSize).toFixed(1)} pips`;
  } catch {
    return "";
  }
}

export function ReplayBar() {
  const [datasets, { refetch }] = createResource(() => listDatasets(db));
  const [chosen, setChosen] = createSignal("");
  const [start, setStart] = createSignal("");
  const [jump, setJump] = createSignal("");
  const [speed, setSpeed] = createSignal<number>(60);
  const [loading, setLoading] = createSignal(false);
  const status = () => trade.replay();
  const dataset = () => {
    const list = datasets() ?? [];
    return list.find((d) => d.id === (chosen() || status()?.datasetId)) ?? list[0];
  };

  /** The running replay's spread source, else what the chosen data set would use. */
  const spreadSource = (): "data" | "settings" => {
    const s = status();
    if (s && s.datasetId === dataset()?.id) return s.spreadSource;
    return dataset()?.hasSpread ? "data" : "settings";
  };
  const settingsPips = (): number => {
    const s = status();
    return s && s.datasetId === dataset()?.id ? s.spreadPips : spreadFor(dataset()?.symbol ?? "");
  };

  const startReplay = async () => {
    const p = paper();
    const d = dataset();
    if (!p || !d) return;
    const from = start() ? dayMs(start()) : d.start;
    const r = await p.startReplay(d.id, from, spreadFor(d.symbol), speed());
    if (!r.ok) toast(r.message, "error");
  };
  const loadSample = async () => {
    setLoading(true);
    const r = await loadSampleData();
    setLoading(false);
    if (!r.ok) toast(r.message, "error");
    await refetch();
  };
  const toggle = () => {
    const p = paper();
    if (!p) return;
    if (status()?.playing) void p.pause();
    else void p.play(speed());
  };
  const changeSpeed = (s: number) => {
    setSpeed(s);
    void paper()?.setSpeed(s);
  };
  const jumpTo = async () => {
    const p = paper();
    if (!p || !jump()) return;
    const r = await p.jumpTo(dayMs(jump()));
    if (!r.ok) toast(r.message, "error");
  };

  return (
    <Show when={paper()}>
      <section class="card trade-replay" aria-label="Market replay">
        <Show
          when={(datasets() ?? []).length > 0}
          fallback={
            <div class="row">
              <span class="muted">Replay needs a stored data set.</span>
              <button type="button" onClick={loadSample} disabled={loading()}>
                {loading() ? "Loading sample…" : "Load sample data"}
              </button>
            </div>
          }
        >
          <div class="row">
            <label>
              Data set
              <select value={dataset()?.id} onChange={(e) => setChosen(e.currentTarget.value)}>
                <For each={datasets()}>
                  {(d) => (
                    <option value={d.id}>
                      {d.label ?? d.symbol} {d.timeframe}
                    </option>
                  )}
                </For>
              </select>
            </label>
            <label>
              Start
              <input
                type="date"
                value={start() || (dataset() ? day(dataset()?.start ?? 0) : "")}
                onInput={(e) => setStart(e.currentTarget.value)}
              />
            </label>
            <button type="button" onClick={startReplay}>
              Start replay
            </button>
            <Show when={status()}>
              <button type="button" onClick={toggle} aria-label={status()?.playing ? "Pause" : "Play"}>
                {status()?.playing ? "Pause" : "Play"}
              </button>
              <label>
                Speed
                <select value={speed()} onChange={(e) => changeSpeed(Number(e.currentTarget.value))}>
                  <For each={SPEEDS}>{(s) => <option value={s}>{s}x</option>}</For>
                </select>
              </label>
              <button type="button" class="ghost" onClick={() => paper()?.stepBar()}>
                Step bar
              </button>
              <label>
                Jump to
                <input type="date" value={jump()} onInput={(e) => setJump(e.currentTarget.value)} />
              </label>
              <button type="button" class="ghost" onClick={jumpTo}>
                Jump
              </button>
            </Show>
          </div>
          <Show when={status()}>
            {(s) => (
              <p class="muted" data-testid="replay-status" data-quotes-in-bar={s().quotesInBar}>
                {s().symbol} {s().timeframe} · {utc(s().time)} UTC · bar {s().bar + 1} of {s().bars}
                {s().done ? " · end of data" : s().playing ? ` · playing ${s().speed}x` : " · paused"}
              </p>
            )}
          </Show>
          <p class="muted" data-testid="replay-spread" data-source={spreadSource()}>
            {spreadLabel(spreadSource() === "data", settingsPips())}
            {status() && spreadSource() === "data" ? spreadNow(status()?.symbol ?? "") : ""}
          </p>
        </Show>
      </section>
    </Show>
  );
}
