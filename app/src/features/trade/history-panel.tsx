/* Closed trades with a journal note and tags per trade; export and import as history CSV. */
import { createSignal, For, Show } from "solid-js";
import { priceDigits } from "../../../../core/market/symbols.ts";
import type { ClosedTrade } from "../../../../core/paper/types.ts";
import { closedToHistory } from "../../../../core/trading/closed-to-history.ts";
import {
  formatHistoryCsv,
  formatHistoryProblem,
  type HistoryTrade,
  parseHistoryCsv,
} from "../../../../core/trading/history-csv.ts";
import { downloadText } from "../backtest/trades-csv.ts";
import { money, units, utc } from "./format.ts";
import { run, trade } from "./trade-store.ts";

/** The closed trades in the shared history CSV shape (with note and tags): prices to the pair's digits, pnl to the cent. */
export function toHistoryTrades(list: readonly ClosedTrade[]): HistoryTrade[] {
  return closedToHistory(list).map((t) => ({
    ...t,
    entryPrice: Number(t.entryPrice.toFixed(priceDigits(t.symbol))),
    exitPrice: Number(t.exitPrice.toFixed(priceDigits(t.symbol))),
    pnl: Math.round(t.pnl * 100) / 100,
  }));
}

const REASONS: Record<string, string> = {
  sl: "stop-loss",
  tp: "take-profit",
  "stop-out": "stop-out",
  reverse: "reversed",
  close: "closed",
};

function HistoryRow(props: { t: ClosedTrade }) {
  const save = (note: string, tags: string) =>
    run((s) =>
      s.setJournal(
        props.t.id,
        note,
        tags.split(",").map((x) => x.trim()),
      ),
    );
  let note!: HTMLInputElement;
  let tags!: HTMLInputElement;
  const commit = () => {
    if (note.value !== props.t.note || tags.value !== props.t.tags.join(", "))
      void save(note.value, tags.value);
  };
  return (
    <tr data-testid="history-row" data-id={props.t.id}>
      <td>{utc(props.t.exitTime)}</td>
      <td>{props.t.symbol}</td>
      <td>{props.t.side}</td>
      <td>{units(props.t.units)}</td>
      <td>{props.t.entryPrice.toFixed(priceDigits(props.t.symbol))}</td>
      <td>{props.t.exitPrice.toFixed(priceDigits(props.t.symbol))}</td>
      <td class={props.t.pnl >= 0 ? "up" : "down"} data-testid="history-pnl">
        {money(props.t.pnl)}
      </td>
      <td>{REASONS[props.t.reason] ?? props.t.reason}</td>
      <td>
        <input
          ref={note}
          aria-label="Journal note"
          value={props.t.note}
          onBlur={commit}
          onKeyDown={(e) => e.key === "Enter" && commit()}
        />
      </td>
      <td>
        <input
          ref={tags}
          aria-label="Tags"
          placeholder="tag, tag"
          value={props.t.tags.join(", ")}
          onBlur={commit}
          onKeyDown={(e) => e.key === "Enter" && commit()}
        />
      </td>
    </tr>
  );
}

export function HistoryPanel() {
  const [problems, setProblems] = createSignal<string[]>([]);
  const list = () => [...trade.history()].reverse();
  const exportCsv = () => {
    const name = trade.accounts().find((a) => a.id === trade.activeId())?.name ?? "paper";
    downloadText(
      formatHistoryCsv(toHistoryTrades(trade.history())),
      `history-${name.replace(/\W+/g, "-")}.csv`,
    );
  };
  const importCsv = async (file: File | undefined) => {
    if (!file) return;
    const result = parseHistoryCsv(await file.text());
    if (!result.ok) {
      const more = result.problemCount - result.problems.length;
      setProblems([
        ...result.problems.map(formatHistoryProblem),
        ...(more > 0 ? [`… and ${more} more problems`] : []),
        "Nothing was imported: fix the lines above and import again.",
      ]);
      return;
    }
    setProblems([]);
    await run((s) => s.importHistory(result.trades));
  };
  return (
    <section class="card">
      <div class="row">
        <h2>History</h2>
        <button type="button" class="ghost" onClick={exportCsv} disabled={trade.history().length === 0}>
          Export CSV
        </button>
        <label class="ghost">
          Import CSV
          <input
            type="file"
            accept=".csv,text/csv"
            aria-label="Import history CSV"
            onChange={(e) => importCsv(e.currentTarget.files?.[0])}
          />
        </label>
      </div>
      <Show when={problems().length > 0}>
        <ul class="error-text" data-testid="import-problems">
          <For each={problems()}>{(p) => <li>{p}</li>}</For>
        </ul>
      </Show>
      <Show when={list().length > 0} fallback={<p class="muted">No closed trades yet.</p>}>
        <table class="table">
          <thead>
            <tr>
              <th>Closed (UTC)</th>
              <th>Symbol</th>
              <th>Side</th>
              <th>Units</th>
              <th>Entry</th>
              <th>Exit</th>
              <th>P/L</th>
              <th>Why</th>
              <th>Note</th>
              <th>Tags</th>
            </tr>
          </thead>
          <tbody>
            <For each={list()}>{(t) => <HistoryRow t={t} />}</For>
          </tbody>
        </table>
      </Show>
    </section>
  );
}
