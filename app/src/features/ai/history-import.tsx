/**
 * Import of a trade history CSV (symbol, side, units, entryTime, exitTime, entryPrice,
 * exitPrice, pnl; optional note, tags). A file with any problem is refused whole, with
 * every problem and its line number; nothing already stored is touched.
 */
import { createSignal, For, Show } from "solid-js";
import {
  formatHistoryProblem,
  type HistoryCsvProblem,
  parseHistoryCsv,
} from "../../../../core/trading/history-csv.ts";
import { toast } from "../../ui/toasts.tsx";
import { refreshHistories } from "./ai-page-store.ts";
import { saveHistory } from "./ai-store.ts";

export function HistoryImport() {
  const [problems, setProblems] = createSignal<{ file: string; list: HistoryCsvProblem[]; count: number }>();
  const [balance, setBalance] = createSignal("");
  const [busy, setBusy] = createSignal(false);
  let input!: HTMLInputElement;

  async function importFile() {
    const file = input.files?.[0];
    if (!file) return toast("Choose a trade history CSV file first.", "error");
    const startingBalance = balance() === "" ? undefined : Number(balance());
    if (startingBalance !== undefined && !(startingBalance > 0))
      return toast("The starting balance must be a number above 0 (or empty).", "error");
    setBusy(true);
    try {
      const result = parseHistoryCsv(await file.text());
      if (!result.ok) {
        setProblems({ file: file.name, list: result.problems, count: result.problemCount });
        return;
      }
      if (result.trades.length === 0) {
        setProblems({
          file: file.name,
          list: [{ line: 2, message: "the file has a header but no trades" }],
          count: 1,
        });
        return;
      }
      setProblems(undefined);
      const saved = await saveHistory({
        name: file.name,
        trades: result.trades,
        startingBalance,
        now: Date.now(),
      });
      await refreshHistories(saved.id);
      toast(`Imported ${result.trades.length} trades from ${file.name}.`, "success");
      input.value = "";
    } finally {
      setBusy(false);
    }
  }

  return (
    <div class="history-import">
      <div class="row">
        <label>
          Trade history CSV
          <input type="file" accept=".csv,text/csv" ref={input} data-testid="history-file" />
        </label>
        <label>
          Starting balance (optional)
          <input
            type="number"
            min="0"
            step="any"
            name="startingBalance"
            value={balance()}
            onInput={(e) => setBalance(e.currentTarget.value)}
          />
        </label>
        <button
          type="button"
          disabled={busy()}
          onClick={() => void importFile()}
          data-testid="history-import"
        >
          Import history
        </button>
      </div>
      <p class="muted">
        Columns: symbol, side, units, entryTime, exitTime, entryPrice, exitPrice, pnl (ISO 8601 UTC times, pnl
        in your account currency); extra columns are ignored. The file stays on this device.
      </p>
      <Show when={problems()}>
        {(p) => (
          <div class="error-box" role="alert" data-testid="history-problems">
            <p>
              {p().file} was not imported: {p().count} problem(s). Fix them and import again.
            </p>
            <ul>
              <For each={p().list}>{(x) => <li>{formatHistoryProblem(x)}</li>}</For>
            </ul>
          </div>
        )}
      </Show>
    </div>
  );
}
