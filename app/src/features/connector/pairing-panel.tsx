/* Pairing: a one-time code (10 minutes) and the command that links the connector with it. */
import { createSignal, Show } from "solid-js";
import { call } from "../../adapters/api-client.ts";
import { toast } from "../../ui/toasts.tsx";
import { asApiError } from "../auth/form-state.tsx";

export function PairingPanel(props: { onLinked?: () => void }) {
  const [code, setCode] = createSignal<{ code: string; expiresAt: number } | null>(null);
  const create = async () => {
    try {
      setCode(await call("post", "/connector/pairings"));
    } catch (e) {
      toast(asApiError(e).message, "error");
    }
  };
  return (
    <section class="card" aria-labelledby="pairing-title">
      <h2 id="pairing-title">Link a connector</h2>
      <p class="muted">
        Install forex-ai-connector on the machine next to your broker terminal (see the connector guide), then
        link it with a one-time code.
      </p>
      <button type="button" onClick={() => void create()}>
        Create pairing code
      </button>
      <Show when={code()}>
        {(c) => (
          <div style={{ "margin-top": "0.75rem" }}>
            <p>
              Code: <strong data-testid="pairing-code">{c().code}</strong>{" "}
              <span class="muted">
                (valid until {new Date(c().expiresAt).toLocaleTimeString()}, single use)
              </span>
            </p>
            <pre data-testid="link-command">
              forex-ai-connector link {c().code} --server {location.origin}
            </pre>
            <button type="button" class="ghost" onClick={() => props.onLinked?.()}>
              I ran it — refresh
            </button>
          </div>
        )}
      </Show>
    </section>
  );
}
