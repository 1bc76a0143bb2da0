/*
 * A heatmap of two parameters: one cell per (x, y) pair coloured by the best objective
 * value over the other parameters, with axis labels and a colour legend.
 */
import { For, Show } from "solid-js";
import type { Heatmap } from "../../../../core/backtest/optimise.ts";
import { formatStat, statLabel } from "../backtest/stat-labels.ts";

/** Colour of a value in [0, 1]: red (worst) through yellow to green (best). */
export function heatColor(t: number): string {
  const hue = Math.round(120 * Math.min(1, Math.max(0, t)));
  return `hsl(${hue} 70% 42%)`;
}

function extent(values: number[][]): [number, number] {
  let lo = Number.POSITIVE_INFINITY;
  let hi = Number.NEGATIVE_INFINITY;
  for (const row of values) {
    for (const v of row) {
      if (!Number.isFinite(v)) continue;
      lo = Math.min(lo, v);
      hi = Math.max(hi, v);
    }
  }
  return [lo, hi];
}

export function HeatmapView(props: { map: Heatmap; objective: string; minimize?: boolean }) {
  const range = () => extent(props.map.values);
  const norm = (v: number) => {
    const [lo, hi] = range();
    const t = hi > lo ? (v - lo) / (hi - lo) : 1;
    return props.minimize ? 1 - t : t;
  };
  // Largest y at the top, as on a chart.
  const rowOrder = () => props.map.ys.map((_, k) => props.map.ys.length - 1 - k);
  return (
    <figure class="heatmap" data-testid="heatmap" data-x={props.map.x} data-y={props.map.y}>
      <div class="heatmap-body">
        <div class="heatmap-ylabel">{props.map.y}</div>
        <table>
          <tbody>
            <For each={rowOrder()}>
              {(r) => (
                <tr>
                  <th scope="row">{props.map.ys[r]}</th>
                  <For each={props.map.values[r]}>
                    {(v, c) => (
                      <td
                        data-testid="heatmap-cell"
                        data-value={String(v)}
                        class={Number.isFinite(v) ? "" : "empty"}
                        style={{ background: Number.isFinite(v) ? heatColor(norm(v)) : undefined }}
                        title={`${props.map.x}=${props.map.xs[c()]}, ${props.map.y}=${props.map.ys[r]}: ${statLabel(props.objective)} ${formatStat(props.objective, v)}`}
                      >
                        {Number.isFinite(v) ? formatStat(props.objective, v) : ""}
                      </td>
                    )}
                  </For>
                </tr>
              )}
            </For>
          </tbody>
          <tfoot>
            <tr>
              <th />
              <For each={props.map.xs}>{(x) => <th scope="col">{x}</th>}</For>
            </tr>
          </tfoot>
        </table>
      </div>
      <div class="heatmap-xlabel">{props.map.x}</div>
      <Show when={Number.isFinite(range()[0])}>
        <figcaption class="heatmap-legend" data-testid="heatmap-legend">
          <span>{formatStat(props.objective, props.minimize ? range()[1] : range()[0])}</span>
          <span
            class="heatmap-gradient"
            style={{
              background: `linear-gradient(to right, ${heatColor(0)}, ${heatColor(0.5)}, ${heatColor(1)})`,
            }}
          />
          <span>{formatStat(props.objective, props.minimize ? range()[0] : range()[1])}</span>
          <span class="muted">
            {statLabel(props.objective)} (best over other parameters; {props.minimize ? "lower" : "higher"} is
            better)
          </span>
        </figcaption>
      </Show>
    </figure>
  );
}
