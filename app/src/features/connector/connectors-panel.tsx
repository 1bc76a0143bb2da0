/* Linked connectors: name, version, last used; rename and revoke (revoking closes its socket). */
import { type Accessor, createSignal, For, Show } from "solid-js";
import { type ApiResponse, call } from "../../adapters/api-client.ts";
import { toast } from "../../ui/toasts.tsx";
import { asApiError } from "../auth/form-state.tsx";

type Connector = ApiResponse<"/connector/connectors", "get">["connectors"][number];

export function ConnectorsPanel(props: {
  connectors: Accessor<Connector[] | undefined>;
  refetch: () => void;
}) {
  const [editing, setEditing] = createSignal<string | null>(null);
  const [name, setName] = createSignal("");
  const act = async (work: () => Promise<unknown>, done: string) => {
    try {
      await work();
      toast(done, "success");
      setEditing(null);
      props.refetch();
    } catch (e) {
      toast(asApiError(e).message, "error");
    }
  };
  return (
    <section class="card" aria-labelledby="connectors-title">
      <h2 id="connectors-title">Linked connectors</h2>
      <Show
        when={(props.connectors() ?? []).length > 0}
        fallback={<p class="muted">No connector linked yet.</p>}
      >
        <table data-testid="connectors">
          <thead>
            <tr>
              <th>Name</th>
              <th>Version</th>
              <th>Linked</th>
              <th>Last used</th>
              <th />
            </tr>
          </thead>
          <tbody>
            <For each={props.connectors()}>
              {(c) => (
                <tr>
                  <td>
                    <Show when={editing() === c.id} fallback={c.name}>
                      <input
                        aria-label="Connector name"
                        value={name()}
                        maxLength={60}
                        onInput={(e) => setName(e.currentTarget.value)}
                      />
                      <button
                        type="button"
                        onClick={() =>
                          void act(
                            () =>
                              call("patch", "/connector/connectors/{id}", {
                                params: { id: c.id },
                                body: { name: name() },
                              }),
                            "Connector renamed.",
                          )
                        }
                      >
                        Save
                      </button>
                    </Show>
                  </td>
                  <td>{c.version ?? "—"}</td>
                  <td>{new Date(c.createdAt).toLocaleString()}</td>
                  <td>{c.lastUsedAt ? new Date(c.lastUsedAt).toLocaleString() : "never"}</td>
                  <td>
                    <button
                      type="button"
                      class="ghost"
                      onClick={() => {
                        setName(c.name);
                        setEditing(c.id);
                      }}
                    >
                      Rename
                    </button>
                    <button
                      type="button"
                      class="ghost"
                      onClick={() =>
                        void act(
                          () => call("delete", "/connector/connectors/{id}", { params: { id: c.id } }),
                          "Connector revoked: its token no longer works.",
                        )
                      }
                    >
                      Revoke
                    </button>
                  </td>
                </tr>
              )}
            </For>
          </tbody>
        </table>
      </Show>
    </section>
  );
}
