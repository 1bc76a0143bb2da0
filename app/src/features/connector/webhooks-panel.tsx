/* Incoming webhook URLs for TradingView-style alerts: create (URL shown once), list, revoke. */
import { createResource, createSignal, For, Show } from "solid-js";
import { call } from "../../adapters/api-client.ts";
import { toast } from "../../ui/toasts.tsx";
import { asApiError } from "../auth/form-state.tsx";

export function WebhooksPanel() {
  const [list, { refetch }] = createResource(() => call("get", "/connector/webhooks"));
  const [name, setName] = createSignal("TradingView");
  const [shown, setShown] = createSignal<string | null>(null);
  const create = async (e: Event) => {
    e.preventDefault();
    try {
      const r = await call("post", "/connector/webhooks", { body: { name: name() } });
      setShown(r.url);
      void refetch();
    } catch (err) {
      toast(asApiError(err).message, "error");
    }
  };
  const revoke = async (id: string) => {
    try {
      await call("delete", "/connector/webhooks/{id}", { params: { id } });
      void refetch();
    } catch (err) {
      toast(asApiError(err).message, "error");
    }
  };
  return (
    <section class="card" aria-labelledby="webhooks-title">
      <h2 id="webhooks-title">Webhooks in</h2>
      <p class="muted">
        Alerts posted to a webhook URL become orders through your connector: JSON with symbol, side, units (or
        riskPercent with stopLoss), optional stopLoss, takeProfit and an id (repeats of one id place one
        order).
      </p>
      <form class="row" onSubmit={(e) => void create(e)}>
        <input
          aria-label="Webhook name"
          value={name()}
          maxLength={60}
          onInput={(e) => setName(e.currentTarget.value)}
        />
        <button type="submit">Create webhook URL</button>
      </form>
      <Show when={shown()}>
        <p>
          Copy it now, it is shown only once: <code data-testid="webhook-url">{shown()}</code>
        </p>
      </Show>
      <ul>
        <For each={list()?.webhooks}>
          {(w) => (
            <li>
              {w.name} · created {new Date(w.createdAt).toLocaleDateString()}
              {w.lastUsedAt ? ` · last alert ${new Date(w.lastUsedAt).toLocaleString()}` : ""}{" "}
              <button type="button" class="ghost" onClick={() => void revoke(w.id)}>
                Revoke
              </button>
            </li>
          )}
        </For>
      </ul>
    </section>
  );
}
