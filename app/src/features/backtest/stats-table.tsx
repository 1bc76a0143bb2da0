/* Every statistic of a run (the known ones in order, then any the engine adds). */
import { For } from "solid-js";
import type { Stats } from "../../../../core/metrics/compute-stats.ts";
import { formatStat, STAT_INFO } from "./stat-labels.ts";

export function StatsTable(props: { stats: Stats }) {
  const rows = () => {
    const known = STAT_INFO.map((s) => ({ key: s.key as string, label: s.label }));
    const extra = Object.keys(props.stats)
      .filter((k) => !known.some((r) => r.key === k))
      .map((k) => ({ key: k, label: k }));
    return [...known, ...extra];
  };
  return (
    <table class="bt-stats" data-testid="stats-table">
      <tbody>
        <For each={rows()}>
          {(r) => (
            <tr>
              <th scope="row">{r.label}</th>
              <td
                data-testid={`stat-${r.key}`}
                data-value={String((props.stats as unknown as Record<string, number>)[r.key])}
              >
                {formatStat(r.key, (props.stats as unknown as Record<string, number>)[r.key])}
              </td>
            </tr>
          )}
        </For>
      </tbody>
    </table>
  );
}
