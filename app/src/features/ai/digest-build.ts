/** The digest's content: the newest alerts with the history each comes from (pure). */
import { ALERT_LABELS } from "./alert-labels.ts";
import { type AnalysedHistory, newestAlerts } from "./trade-source.ts";

const MAX_ALERTS = 20;

export interface Digest {
  period: string;
  summary: string;
  lines: string[];
}

export function buildDigest(analysed: readonly AnalysedHistory[], now: number): Digest {
  const alerts = newestAlerts(analysed, MAX_ALERTS);
  const trades = analysed.reduce((s, a) => s + a.history.trades.length, 0);
  const total = analysed.reduce((s, a) => s + a.analysis.alerts.length, 0);
  return {
    period: `week to ${new Date(now).toISOString().slice(0, 10)}`,
    summary: `${trades} trades in ${analysed.length} history(ies); ${total} alert(s)${total > alerts.length ? `, the newest ${alerts.length} below` : ""}.`,
    lines: alerts.map((a) =>
      `${ALERT_LABELS[a.alert.type]} (${a.historyName}): ${a.alert.message}`.slice(0, 400),
    ),
  };
}
