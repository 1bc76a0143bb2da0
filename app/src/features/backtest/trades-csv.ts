/* The trade list as CSV (the CLI's field names) and a browser download of any text. */
import { TRADE_NUMBER_COLUMNS } from "../../../../core/backtest/trade-log.ts";
import type { TradeRecord } from "../../../../core/backtest/types.ts";

const COLUMNS = [...TRADE_NUMBER_COLUMNS, "exitReason", "tag"] as const;

const iso = (ms: number) => new Date(ms).toISOString().slice(0, 19);

function cell(v: unknown): string {
  const s = String(v ?? "");
  return /[",\n]/.test(s) ? `"${s.replace(/"/g, '""')}"` : s;
}

/** CSV text with a header row; times as ISO 8601 UTC. */
export function tradesToCsv(trades: readonly TradeRecord[]): string {
  const lines = [COLUMNS.join(",")];
  for (const t of trades) {
    lines.push(COLUMNS.map((c) => cell(c === "entryTime" || c === "exitTime" ? iso(t[c]) : t[c])).join(","));
  }
  return `${lines.join("\n")}\n`;
}

/** Saves text as a file through a temporary link. */
export function downloadText(text: string, fileName: string, type = "text/csv"): void {
  const url = URL.createObjectURL(new Blob([text], { type }));
  const a = document.createElement("a");
  a.href = url;
  a.download = fileName;
  document.body.append(a);
  a.click();
  a.remove();
  setTimeout(() => URL.revokeObjectURL(url), 1000);
}
