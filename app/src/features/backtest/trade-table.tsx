/* The closed trades, sortable by any column, with CSV export. */
import { createMemo, createSignal, For, Show } from "solid-js";
import type { TradeRecord } from "../../../../core/backtest/types.ts";
import { downloadText, tradesToCsv } from "./trades-csv.ts";

type Key =
  | "n"
  | "side"
  | "size"
  | "entryTime"
  | "entryPrice"
  | "exitTime"
  | "exitPrice"
  | "pnl"
  | "returnPct"
  | "bars"
  | "exitReason"
  | "commission"
  | "swap";
type Row = TradeRecord & { n: number; side: string; bars: number };

const COLUMNS: ReadonlyArray<{ key: Key; label: string }> = [
  { key: "n", label: "#" },
  { key: "side", label: "Side" },
  { key: "size", label: "Size" },
  { key: "entryTime", label: "Entry time" },
  { key: "entryPrice", label: "Entry" },
  { key: "exitTime", label: "Exit time" },
  { key: "exitPrice", label: "Exit" },
  { key: "pnl", label: "P/L" },
  { key: "returnPct", label: "Return %" },
  { key: "bars", label: "Bars" },
  { key: "exitReason", label: "Exit reason" },
  { key: "commission", label: "Commission" },
  { key: "swap", label: "Swap" },
];

const PAGE = 1000;
const when = (ms: number) => new Date(ms).toISOString().slice(0, 16).replace("T", " ");

export function TradeTable(props: { trades: readonly TradeRecord[]; digits?: number; fileName?: string }) {
  const [sortKey, setSortKey] = createSignal<Key>("n");
  const [desc, setDesc] = createSignal(false);
  const [limit, setLimit] = createSignal(PAGE);
  const rows = createMemo(() => {
    const list: Row[] = props.trades.map((t, k) => ({
      ...t,
      n: k + 1,
      side: t.size > 0 ? "Long" : "Short",
      bars: t.exitBar - t.entryBar,
    }));
    const key = sortKey();
    const dir = desc() ? -1 : 1;
    return list.sort((a, b) => {
      const x = a[key];
      const y = b[key];
      return (
        (typeof x === "number" && typeof y === "number" ? x - y : String(x).localeCompare(String(y))) * dir ||
        a.n - b.n
      );
    });
  });
  const sortBy = (k: Key) => {
    if (sortKey() === k) setDesc(!desc());
    else {
      setSortKey(k);
      setDesc(false);
    }
  };
  const px = (x: number) => x.toFixed(props.digits ?? 5);
  return (
    <div class="bt-trades">
      <div class="row spread">
        <h3>Trades ({props.trades.length})</h3>
        <button
          type="button"
          class="ghost"
          onClick={() => downloadText(tradesToCsv(props.trades), props.fileName ?? "trades.csv")}
        >
          Export CSV
        </button>
      </div>
      <div class="table-scroll">
        <table data-testid="trade-table">
          <thead>
            <tr>
              <For each={COLUMNS}>
                {(c) => (
                  <th aria-sort={sortKey() === c.key ? (desc() ? "descending" : "ascending") : "none"}>
                    <button type="button" class="link" onClick={() => sortBy(c.key)}>
                      {c.label}
                      {sortKey() === c.key ? (desc() ? " ▼" : " ▲") : ""}
                    </button>
                  </th>
                )}
              </For>
            </tr>
          </thead>
          <tbody>
            <For each={rows().slice(0, limit())}>
              {(t) => (
                <tr data-testid="trade-row" class={t.pnl >= 0 ? "win" : "loss"}>
                  <td>{t.n}</td>
                  <td>{t.side}</td>
                  <td>{Math.abs(t.size).toLocaleString("en-US")}</td>
                  <td>{when(t.entryTime)}</td>
                  <td>{px(t.entryPrice)}</td>
                  <td>{when(t.exitTime)}</td>
                  <td>{px(t.exitPrice)}</td>
                  <td>{t.pnl.toFixed(2)}</td>
                  <td>{t.returnPct.toFixed(3)}</td>
                  <td>{t.bars}</td>
                  <td>{t.exitReason}</td>
                  <td>{t.commission.toFixed(2)}</td>
                  <td>{t.swap.toFixed(2)}</td>
                </tr>
              )}
            </For>
          </tbody>
        </table>
      </div>
      <Show when={rows().length > limit()}>
        <button type="button" class="ghost" onClick={() => setLimit(rows().length)}>
          Show all {rows().length} trades
        </button>
      </Show>
    </div>
  );
}
