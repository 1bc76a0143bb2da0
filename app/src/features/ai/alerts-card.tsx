/** Dashboard card: the newest habit alerts across the stored trade histories. */
import { A } from "@solidjs/router";
import { createResource, For, Show } from "solid-js";
import { loadSettings } from "../settings/settings-store.ts";
import { listHistories } from "./ai-store.ts";
import { ALERT_LABELS } from "./alerts-list.tsx";
import { analyseHistory, newestAlerts } from "./trade-source.ts";

const SHOWN = 3;

export function AlertsCard() {
  const [alerts] = createResource(async () => {
    const { settings } = await loadSettings();
    const analysed = (await listHistories()).map((h) => analyseHistory(h, settings.drawdownLimitPct));
    return { histories: analysed.length, list: newestAlerts(analysed, SHOWN) };
  });
  return (
    <article class="card" data-testid="alerts-card">
      <h2>AI alerts</h2>
      <Show when={alerts()} fallback={<p class="muted">Reading local data…</p>}>
        {(a) => (
          <Show
            when={a().list.length > 0}
            fallback={
              <p class="muted">
                {a().histories ? "No alerts in your trade histories." : "No trade history imported yet."}
              </p>
            }
          >
            <ul class="plain">
              <For each={a().list}>
                {(x) => (
                  <li data-testid="dashboard-alert">
                    <strong>{ALERT_LABELS[x.alert.type]}</strong>: {x.alert.message}
                  </li>
                )}
              </For>
            </ul>
          </Show>
        )}
      </Show>
      <p>
        <A href="/ai">Open the AI supervisor →</A>
      </p>
    </article>
  );
}
