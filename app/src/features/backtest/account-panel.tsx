/* Costs and account settings in a trader's units (pips, %, 1:N leverage, lots), with presets. */
import { Show } from "solid-js";
import { type AccountForm, REFERENCE_DEFAULTS, type SizeMode } from "./account-form.ts";
import { settingsDefaults, setup } from "./setup-store.ts";

const WEEKDAYS = ["Sunday", "Monday", "Tuesday", "Wednesday", "Thursday", "Friday", "Saturday"];

function NumberField(props: { label: string; key: keyof AccountForm; step?: string; title?: string }) {
  return (
    <label title={props.title}>
      {props.label}
      <input
        type="number"
        step={props.step ?? "any"}
        value={setup.account()[props.key] as number}
        onInput={(e) => setup.setAccount({ ...setup.account(), [props.key]: e.currentTarget.valueAsNumber })}
      />
    </label>
  );
}

/** The account and cost settings of a run. */
export function AccountPanel() {
  const a = () => setup.account();
  const set = (patch: Partial<AccountForm>) => setup.setAccount({ ...a(), ...patch });
  const preset = (f: Readonly<AccountForm>) => setup.setAccount({ ...f, sizing: { ...f.sizing } });
  return (
    <details class="bt-account" open>
      <summary>Account and costs</summary>
      <div class="row">
        <button
          type="button"
          class="ghost"
          onClick={() => preset(settingsDefaults())}
          title="Cash 10,000, 0.1 lot per order, stop-out at 50%, with the leverage, spread and commission from Settings"
        >
          Forex defaults
        </button>
        <button
          type="button"
          class="ghost"
          onClick={() => preset(REFERENCE_DEFAULTS)}
          title="Cash 10,000, no costs, 1:1, full equity: the CLI's and the reference fixtures' settings"
        >
          No costs, 1:1 (reference)
        </button>
      </div>
      <div class="bt-grid">
        <NumberField label="Cash" key="cash" />
        <label>
          Leverage 1:
          <input
            type="number"
            min="1"
            step="any"
            value={a().leverage}
            onInput={(e) => set({ leverage: e.currentTarget.valueAsNumber })}
          />
        </label>
        <NumberField
          label="Spread (pips)"
          key="spreadPips"
          title="Charged on entry; converted to a relative spread with the pair's pip size and the median price"
        />
        <NumberField label="Slippage (pips)" key="slippagePips" />
        <NumberField label="Commission (% of value)" key="commissionPct" />
        <NumberField label="Commission per lot" key="commissionPerLot" />
        <NumberField label="Fixed commission" key="commissionFixed" />
        <NumberField label="Swap long (points)" key="swapLong" />
        <NumberField label="Swap short (points)" key="swapShort" />
        <label>
          Triple swap on
          <select
            value={a().tripleSwapDay}
            onChange={(e) => set({ tripleSwapDay: Number(e.currentTarget.value) })}
          >
            {WEEKDAYS.map((d, i) => (
              <option value={i}>{d}</option>
            ))}
          </select>
        </label>
        <NumberField
          label="Stop-out level (%)"
          key="stopOutPct"
          title="Trades are closed when equity / used margin falls below this; 0 = off"
        />
        <label>
          Size
          <select
            value={a().sizing.mode}
            onChange={(e) =>
              set({
                sizing: {
                  mode: e.currentTarget.value as SizeMode,
                  value:
                    e.currentTarget.value === "equity" ? 1 : e.currentTarget.value === "lots" ? 0.1 : 10_000,
                },
              })
            }
          >
            <option value="equity">Fraction of equity × leverage</option>
            <option value="units">Units</option>
            <option value="lots">Lots</option>
          </select>
        </label>
        <label>
          <Show when={a().sizing.mode === "equity"} fallback={a().sizing.mode === "lots" ? "Lots" : "Units"}>
            Fraction (1 = all the margin allows)
          </Show>
          <input
            type="number"
            step="any"
            value={a().sizing.value}
            onInput={(e) => set({ sizing: { ...a().sizing, value: e.currentTarget.valueAsNumber } })}
          />
        </label>
        <label class="check">
          <input
            type="checkbox"
            checked={a().tradeOnClose}
            onChange={(e) => set({ tradeOnClose: e.currentTarget.checked })}
          />{" "}
          Trade on close
        </label>
        <label class="check">
          <input
            type="checkbox"
            checked={a().hedging}
            onChange={(e) => set({ hedging: e.currentTarget.checked })}
          />{" "}
          Hedging
        </label>
      </div>
    </details>
  );
}
