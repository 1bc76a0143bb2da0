/* A small SVG line chart for training curves and report figures (a few hundred points). */
import { For } from "solid-js";

export interface Line {
  label: string;
  color: string;
  values: number[];
}

export function LineChart(props: { lines: Line[]; height?: number; testId?: string; yLabel?: string }) {
  const w = 400;
  const h = () => props.height ?? 160;
  const pad = 28;
  const bounds = () => {
    const all = props.lines.flatMap((l) => l.values).filter(Number.isFinite);
    if (all.length === 0) return { lo: 0, hi: 1, n: 1 };
    let lo = Math.min(...all);
    let hi = Math.max(...all);
    if (hi - lo < 1e-9) {
      lo -= 0.5;
      hi += 0.5;
    }
    return { lo, hi, n: Math.max(2, ...props.lines.map((l) => l.values.length)) };
  };
  const path = (values: number[]) => {
    const { lo, hi, n } = bounds();
    return values
      .map((v, i) => {
        const x = pad + (i / (n - 1)) * (w - pad - 4);
        const y = 4 + (1 - (v - lo) / (hi - lo)) * (h() - pad);
        return `${i === 0 ? "M" : "L"}${x.toFixed(1)},${y.toFixed(1)}`;
      })
      .join(" ");
  };
  return (
    <figure class="ml-chart" data-testid={props.testId}>
      <svg viewBox={`0 0 ${w} ${h()}`} role="img" aria-label={props.lines.map((l) => l.label).join(", ")}>
        <text x="2" y="12" class="ml-axis">
          {bounds().hi.toPrecision(3)}
        </text>
        <text x="2" y={h() - pad + 4} class="ml-axis">
          {bounds().lo.toPrecision(3)}
        </text>
        <For each={props.lines}>
          {(l) => (
            <path
              d={path(l.values)}
              fill="none"
              stroke={l.color}
              stroke-width="2"
              data-points={l.values.length}
            />
          )}
        </For>
      </svg>
      <figcaption>
        <For each={props.lines}>
          {(l) => (
            <span class="ml-legend">
              <i style={{ background: l.color }} /> {l.label}
            </span>
          )}
        </For>
      </figcaption>
    </figure>
  );
}
