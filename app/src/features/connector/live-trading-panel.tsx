/* The live-trading switch: a non-paper broker only trades once this is on; turning it on needs a fresh 2FA code (or the password without 2FA). */
import { createResource, createSignal, Show } from "solid-js";
import { call } from "../../adapters/api-client.ts";
import { toast } from "../../ui/toasts.tsx";
import { asApiError } from "../auth/form-state.tsx";

export function LiveTradingPanel() {
  const [status, { mutate }] = createResource(() => call("get", "/connector/live-trading"));
  const [secret, setSecret] = createSignal("");
  const set = async (enabled: boolean) => {
    const needsCode = status()?.twoFactorRequired;
    const extra = enabled ? (needsCode ? { code: secret() } : { password: secret() }) : {};
    try {
      mutate(await call("put", "/connector/live-trading", { body: { enabled, ...extra } }));
      setSecret("");
      toast(enabled ? "Live trading is on." : "Live trading is off.", "success");
    } catch (e) {
      toast(asApiError(e).message, "error");
    }
  };
  return (
    <section class="card" aria-labelledby="live-trading-title">
      <h2 id="live-trading-title">Live trading</h2>
      <Show when={status()}>
        {(s) => (
          <Show
            when={s().enabled}
            fallback={
              <form
                class="form"
                onSubmit={(e) => {
                  e.preventDefault();
                  void set(true);
                }}
              >
                <p class="muted">
                  Off: orders go only to a paper connector. To trade a real broker account, confirm with{" "}
                  {s().twoFactorRequired ? "a fresh code from your authenticator app" : "your password"}.
                </p>
                <label>
                  {s().twoFactorRequired ? "Authenticator code" : "Password"}
                  <input
                    type={s().twoFactorRequired ? "text" : "password"}
                    inputMode={s().twoFactorRequired ? "numeric" : undefined}
                    autocomplete={s().twoFactorRequired ? "one-time-code" : "current-password"}
                    value={secret()}
                    onInput={(e) => setSecret(e.currentTarget.value)}
                  />
                </label>
                <button type="submit">Turn on live trading</button>
              </form>
            }
          >
            <p>
              On: orders reach your real broker account.{" "}
              <button type="button" class="ghost" onClick={() => void set(false)}>
                Turn off
              </button>
            </p>
          </Show>
        )}
      </Show>
    </section>
  );
}
