/* Active sessions (one per signed-in device/browser), the current one marked, with revoke. */
import { createResource, For, Show } from "solid-js";
import { api, type SessionInfo } from "../../adapters/api-client.ts";
import { toast } from "../../ui/toasts.tsx";
import { asApiError } from "./form-state.tsx";
import { describeAgent } from "./user-agent.ts";

export function SessionsPanel() {
  const [data, { refetch }] = createResource(() => api.sessions());
  const revoke = async (s: SessionInfo) => {
    try {
      await api.revokeSession(s.id);
      toast("Session signed out.", "success");
      void refetch();
    } catch (e) {
      toast(asApiError(e).message, "error");
    }
  };
  return (
    <section class="card" aria-labelledby="sessions-title">
      <h2 id="sessions-title">Active sessions</h2>
      <Show when={!data.error} fallback={<p class="error-text">{asApiError(data.error).message}</p>}>
        <Show when={data()} fallback={<p class="muted">Loading…</p>}>
          {(d) => (
            <table data-testid="sessions">
              <thead>
                <tr>
                  <th>Device</th>
                  <th>Signed in</th>
                  <th>Last active</th>
                  <th />
                </tr>
              </thead>
              <tbody>
                <For each={d().sessions}>
                  {(s) => (
                    <tr data-current={s.current ? "true" : undefined}>
                      <td title={s.userAgent ?? ""}>
                        {describeAgent(s.userAgent)}
                        {s.current ? " (this device)" : ""}
                      </td>
                      <td>{new Date(s.createdAt).toLocaleString()}</td>
                      <td>{new Date(s.lastUsedAt).toLocaleString()}</td>
                      <td>
                        <Show when={!s.current}>
                          <button type="button" class="ghost" onClick={() => void revoke(s)}>
                            Revoke
                          </button>
                        </Show>
                      </td>
                    </tr>
                  )}
                </For>
              </tbody>
            </table>
          )}
        </Show>
      </Show>
    </section>
  );
}
