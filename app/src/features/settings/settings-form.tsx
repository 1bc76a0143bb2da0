/**
 * The Settings form: account currency, default risk and leverage, spread per pair and
 * email trade notifications. Edits a draft; Save writes the local copy and syncs it.
 */
import { createEffect, createSignal, For, on, Show } from "solid-js";
import { toast } from "../../ui/toasts.tsx";
import { currentUser } from "../auth/session.ts";
import { type AppSettings, CURRENCIES, LIMITS, rebaseDraft, settingsProblems } from "./settings-model.ts";
import { localSettings, saveSettings, settingsSyncMessage, settingsSyncState } from "./settings-store.ts";

function syncText(): string {
  const state = settingsSyncState();
  const version = localSettings().version;
  if (!currentUser()) return "Saved on this device. Sign in to sync these settings with your account.";
  if (state === "syncing") return "Syncing with your account…";
  if (state === "synced" && version === 0)
    return "Your account has no saved settings yet: Save stores these with it.";
  if (state === "synced") return `Synced with your account (version ${version}).`;
  if (state === "offline") return "Offline: saved on this device; they sync when you are back online.";
  if (state === "error") return `Saved on this device; sync failed: ${settingsSyncMessage()}`;
  return "Saved on this device.";
}

export function SettingsForm() {
  const [draft, setDraft] = createSignal<AppSettings>(structuredClone(localSettings().settings));
  const [busy, setBusy] = createSignal(false);
  // Follow the stored copy (first load, sync from the account) without losing what the
  // user is typing: fields edited since the draft's base keep the user's values.
  let base = localSettings().settings;
  createEffect(
    on(
      localSettings,
      (l) => {
        setDraft(structuredClone(rebaseDraft(draft(), base, l.settings)));
        base = l.settings;
      },
      { defer: true },
    ),
  );
  const problems = () => settingsProblems(draft());
  const patch = (p: Partial<AppSettings>) => setDraft({ ...draft(), ...p });
  const setSpread = (pair: string, v: number) => patch({ spreadPips: { ...draft().spreadPips, [pair]: v } });
  const submit = async (e: SubmitEvent) => {
    e.preventDefault();
    if (Object.keys(problems()).length > 0) return;
    setBusy(true);
    try {
      await saveSettings(draft());
      toast(
        settingsSyncState() === "synced" ? "Settings saved and synced." : "Settings saved on this device.",
        "success",
      );
    } catch (err) {
      toast(`Could not save: ${(err as Error).message}`, "error");
    } finally {
      setBusy(false);
    }
  };
  return (
    <form class="form" style={{ "max-width": "560px" }} onSubmit={submit} aria-label="Settings">
      <p class="muted" data-testid="settings-sync">
        {syncText()}
      </p>
      <label>
        Account currency
        <select
          name="accountCurrency"
          value={draft().accountCurrency}
          onChange={(e) =>
            patch({ accountCurrency: e.currentTarget.value as AppSettings["accountCurrency"] })
          }
        >
          <For each={CURRENCIES}>{(c) => <option value={c}>{c}</option>}</For>
        </select>
      </label>
      <div class="row">
        <label>
          Default risk per trade (%)
          <input
            type="number"
            name="defaultRiskPercent"
            step="0.01"
            min={LIMITS.riskPercent.min}
            max={LIMITS.riskPercent.max}
            value={draft().defaultRiskPercent}
            onInput={(e) => patch({ defaultRiskPercent: e.currentTarget.valueAsNumber })}
          />
        </label>
        <label>
          Default leverage (1:N)
          <input
            type="number"
            name="defaultLeverage"
            step="1"
            min={LIMITS.leverage.min}
            max={LIMITS.leverage.max}
            value={draft().defaultLeverage}
            onInput={(e) => patch({ defaultLeverage: e.currentTarget.valueAsNumber })}
          />
        </label>
      </div>
      <label>
        Commission per lot per fill (account currency)
        <input
          type="number"
          name="commissionPerLot"
          step="0.01"
          min={LIMITS.commissionPerLot.min}
          max={LIMITS.commissionPerLot.max}
          value={draft().commissionPerLot}
          onInput={(e) => patch({ commissionPerLot: e.currentTarget.valueAsNumber })}
        />
      </label>
      <Show when={problems().commissionPerLot}>{(m) => <span class="error-text">{m()}</span>}</Show>
      <Show when={problems().defaultRiskPercent}>{(m) => <span class="error-text">{m()}</span>}</Show>
      <Show when={problems().defaultLeverage}>{(m) => <span class="error-text">{m()}</span>}</Show>
      <fieldset style={{ border: "1px solid var(--border)", "border-radius": "6px" }}>
        <legend>Spread per pair (pips) — used by backtests, paper accounts and replays</legend>
        <div
          style={{
            display: "grid",
            "grid-template-columns": "repeat(auto-fill, minmax(120px, 1fr))",
            gap: "0.5rem",
          }}
        >
          <For each={Object.keys(draft().spreadPips).sort()}>
            {(pair) => (
              <label>
                {pair}
                <input
                  type="number"
                  name={`spread-${pair}`}
                  step="0.1"
                  min={LIMITS.spreadPips.min}
                  max={LIMITS.spreadPips.max}
                  value={draft().spreadPips[pair]}
                  onInput={(e) => setSpread(pair, e.currentTarget.valueAsNumber)}
                />
                <Show when={problems()[`spreadPips.${pair}`]}>
                  {(m) => <span class="error-text">{m()}</span>}
                </Show>
              </label>
            )}
          </For>
        </div>
      </fieldset>
      <label style={{ "flex-direction": "row", "align-items": "center", gap: "0.5rem" }}>
        <input
          type="checkbox"
          name="emailTradeNotifications"
          checked={draft().emailTradeNotifications}
          onChange={(e) => patch({ emailTradeNotifications: e.currentTarget.checked })}
        />
        Email me about fills and stop-outs (bots and the connector; needs an account)
      </label>
      <label style={{ "flex-direction": "row", "align-items": "center", gap: "0.5rem" }}>
        <input
          type="checkbox"
          name="emailConnectorOffline"
          checked={draft().emailConnectorOffline}
          onChange={(e) => patch({ emailConnectorOffline: e.currentTarget.checked })}
        />
        Email me when my connector is offline for more than 5 minutes
      </label>
      <fieldset style={{ border: "1px solid var(--border)", "border-radius": "6px" }}>
        <legend>AI supervisor</legend>
        <label>
          Drawdown limit (% of the peak balance; empty for none)
          <input
            type="number"
            name="drawdownLimitPct"
            step="0.5"
            min={LIMITS.drawdownLimitPct.min}
            max={LIMITS.drawdownLimitPct.max}
            value={draft().drawdownLimitPct ?? ""}
            onInput={(e) =>
              patch({ drawdownLimitPct: e.currentTarget.value === "" ? null : e.currentTarget.valueAsNumber })
            }
          />
        </label>
        <Show when={problems().drawdownLimitPct}>{(m) => <span class="error-text">{m()}</span>}</Show>
        <label style={{ "flex-direction": "row", "align-items": "center", gap: "0.5rem" }}>
          <input
            type="checkbox"
            name="emailAiDigest"
            checked={draft().emailAiDigest}
            onChange={(e) => patch({ emailAiDigest: e.currentTarget.checked })}
          />
          Email me a weekly digest of my newest AI alerts (needs an account)
        </label>
      </fieldset>
      <div class="row">
        <button type="submit" disabled={busy() || Object.keys(problems()).length > 0}>
          {busy() ? "Saving…" : "Save settings"}
        </button>
      </div>
    </form>
  );
}
