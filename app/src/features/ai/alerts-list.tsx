/** Habit alerts with their figures and links to the trades behind each. */
import { For, Show } from "solid-js";
import type { HabitAlert } from "../../../../core/analysis/trades/index.ts";
import { ALERT_LABELS } from "./alert-labels.ts";

export { ALERT_LABELS } from "./alert-labels.ts";

export function figuresText(figures: Record<string, number | string>): string {
  return Object.entries(figures)
    .map(([k, v]) => `${k}: ${v}`)
    .join(" · ");
}

export function AlertsList(props: { alerts: HabitAlert[]; onTrades?: (ids: number[]) => void }) {
  return (
    <Show
      when={props.alerts.length > 0}
      fallback={<p data-testid="no-alerts">No alerts: nothing unusual in these trades.</p>}
    >
      <ul class="alerts" data-testid="alerts-list">
        <For each={props.alerts}>
          {(a) => (
            <li class="alert-item" data-testid="alert" data-type={a.type}>
              <strong>{ALERT_LABELS[a.type]}</strong> — {a.message}
              <div class="muted small">{figuresText(a.figures)}</div>
              <div class="small">
                Trades:{" "}
                <For each={a.trades}>
                  {(i) => (
                    <a
                      href={`#trade-${i}`}
                      class="trade-link"
                      onClick={(e) => {
                        e.preventDefault();
                        props.onTrades?.(a.trades);
                        document.getElementById(`trade-${i}`)?.scrollIntoView({ block: "center" });
                      }}
                    >
                      #{i + 1}{" "}
                    </a>
                  )}
                </For>
              </div>
            </li>
          )}
        </For>
      </ul>
    </Show>
  );
}
