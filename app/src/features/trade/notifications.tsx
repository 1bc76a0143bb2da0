/* The notification list: fills, SL/TP hits, cancels, margin calls and stop-outs, newest first. */
import { For, Show } from "solid-js";
import { utc } from "./format.ts";
import { trade } from "./trade-store.ts";

export function NotificationList() {
  const list = () => [...trade.notifications()].reverse().slice(0, 50);
  return (
    <section class="card">
      <h2>Notifications</h2>
      <Show
        when={list().length > 0}
        fallback={<p class="muted">Fills, stop-loss and take-profit hits, margin calls appear here.</p>}
      >
        <ul class="trade-notes" data-testid="notifications">
          <For each={list()}>
            {(n) => (
              <li class={`note-${n.kind}`}>
                <span class="muted">{utc(n.time)}</span> {n.text}
              </li>
            )}
          </For>
        </ul>
      </Show>
    </section>
  );
}
