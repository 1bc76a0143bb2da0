/* Personal API tokens for integrations: create with scopes (shown once), list, revoke. */
import { createResource, createSignal, For, Show } from "solid-js";
import { call } from "../../adapters/api-client.ts";
import { toast } from "../../ui/toasts.tsx";
import { asApiError } from "./form-state.tsx";

export function ApiTokensPanel() {
  const [list, { refetch }] = createResource(() => call("get", "/tokens"));
  const [name, setName] = createSignal("");
  const [trade, setTrade] = createSignal(false);
  const [shown, setShown] = createSignal<string | null>(null);
  const create = async (e: Event) => {
    e.preventDefault();
    try {
      const scopes: ("read" | "trade")[] = trade() ? ["read", "trade"] : ["read"];
      const r = await call("post", "/tokens", { body: { name: name(), scopes } });
      setShown(r.token);
      setName("");
      void refetch();
    } catch (err) {
      toast(asApiError(err).message, "error");
    }
  };
  const revoke = async (id: string) => {
    try {
      await call("delete", "/tokens/{id}", { params: { id } });
      toast("API token revoked.", "success");
      void refetch();
    } catch (err) {
      toast(asApiError(err).message, "error");
    }
  };
  return (
    <section class="card" aria-labelledby="tokens-title">
      <h2 id="tokens-title">API tokens</h2>
      <p class="muted">
        For your own scripts and integrations (the trading API and its streaming socket). "read" sees quotes,
        positions and history; "trade" can also place and close orders.
      </p>
      <form class="row" onSubmit={(e) => void create(e)}>
        <input
          aria-label="Token name"
          placeholder="Name"
          value={name()}
          maxLength={60}
          onInput={(e) => setName(e.currentTarget.value)}
        />
        <label>
          <input type="checkbox" checked={trade()} onChange={(e) => setTrade(e.currentTarget.checked)} /> can
          trade
        </label>
        <button type="submit">Create token</button>
      </form>
      <Show when={shown()}>
        <p>
          Copy it now, it is shown only once: <code data-testid="api-token">{shown()}</code>
        </p>
      </Show>
      <table data-testid="api-tokens">
        <tbody>
          <For each={list()?.tokens}>
            {(t) => (
              <tr>
                <td>{t.name}</td>
                <td>{t.scopes.join(", ")}</td>
                <td>{t.lastUsedAt ? `used ${new Date(t.lastUsedAt).toLocaleString()}` : "never used"}</td>
                <td>
                  <button type="button" class="ghost" onClick={() => void revoke(t.id)}>
                    Revoke
                  </button>
                </td>
              </tr>
            )}
          </For>
        </tbody>
      </table>
    </section>
  );
}
