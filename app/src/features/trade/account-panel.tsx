/* Account picker, new paper account, reset, and the account figures with the equity curve. */
import { AreaSeries, createChart, type IChartApi } from "lightweight-charts";
import { createEffect, createSignal, For, onCleanup, onMount, Show } from "solid-js";
import { asTime, chartOptions } from "../backtest/chart-theme.ts";
import { CURRENCIES } from "../settings/settings-model.ts";
import { money } from "./format.ts";
import {
  createPaperAccount,
  defaultAccountConfig,
  paper,
  resetAccount,
  selectAccount,
  trade,
} from "./trade-store.ts";

function EquityCurve() {
  let el!: HTMLDivElement;
  let chart: IChartApi | undefined;
  onMount(() => {
    chart = createChart(el, {
      ...chartOptions(),
      timeScale: { ...chartOptions().timeScale, minBarSpacing: 0.01 },
    });
    const s = chart.addSeries(AreaSeries, {
      lineColor: "#38bdf8",
      topColor: "#38bdf855",
      bottomColor: "#38bdf805",
      lineWidth: 2,
      priceLineVisible: false,
    });
    createEffect(() => {
      const pts = trade.equity();
      const data: { time: ReturnType<typeof asTime>; value: number }[] = [];
      for (const p of pts) {
        const time = asTime(p.time);
        if (data.length > 0 && data[data.length - 1].time >= time) data[data.length - 1].value = p.equity;
        else data.push({ time, value: p.equity });
      }
      s.setData(data);
      chart?.timeScale().fitContent();
    });
  });
  onCleanup(() => chart?.remove());
  return <div ref={el} class="trade-equity" data-testid="trade-equity" />;
}

function NewAccount(props: { done: () => void }) {
  const d = defaultAccountConfig("");
  const [problem, setProblem] = createSignal("");
  let name!: HTMLInputElement;
  let currency!: HTMLSelectElement;
  let balance!: HTMLInputElement;
  let leverage!: HTMLInputElement;
  const submit = async (e: Event) => {
    e.preventDefault();
    const p = await createPaperAccount({
      ...defaultAccountConfig(name.value),
      currency: currency.value,
      balance: balance.valueAsNumber,
      leverage: leverage.valueAsNumber,
    });
    setProblem(p);
    if (!p) props.done();
  };
  return (
    <form class="row" onSubmit={submit} aria-label="New paper account">
      <label>
        Name
        <input ref={name} required maxLength={60} />
      </label>
      <label>
        Currency
        <select ref={currency} value={d.currency}>
          <For each={CURRENCIES}>{(c) => <option value={c}>{c}</option>}</For>
        </select>
      </label>
      <label>
        Balance
        <input ref={balance} type="number" min="1" step="any" value={d.balance} />
      </label>
      <label>
        Leverage 1:
        <input ref={leverage} type="number" min="1" max="1000" step="1" value={d.leverage} />
      </label>
      <button type="submit">Create account</button>
      <Show when={problem()}>
        <span class="error-text">{problem()}</span>
      </Show>
    </form>
  );
}

export function AccountPanel() {
  const [adding, setAdding] = createSignal(false);
  const a = () => trade.snapshot()?.account;
  const reset = async () => {
    if (confirm("Reset this account to its starting balance? Positions, orders and history are cleared."))
      await resetAccount();
  };
  const fig = (label: string, value: () => string, id: string) => (
    <div>
      <dt>{label}</dt>
      <dd data-testid={`acct-${id}`}>{value()}</dd>
    </div>
  );
  return (
    <section class="card trade-account">
      <div class="row">
        <label>
          Account
          <select value={trade.activeId()} onChange={(e) => selectAccount(e.currentTarget.value)}>
            <For each={trade.accounts()}>
              {(x) => (
                <option value={x.id}>
                  {x.name} ({x.kind}, {x.currency})
                </option>
              )}
            </For>
          </select>
        </label>
        <button type="button" class="ghost" onClick={() => setAdding(!adding())}>
          New account
        </button>
        <Show when={paper()}>
          <button type="button" class="ghost" onClick={reset}>
            Reset account
          </button>
        </Show>
      </div>
      <Show when={adding()}>
        <NewAccount done={() => setAdding(false)} />
      </Show>
      <Show when={trade.error()}>
        <p class="error-text">{trade.error()}</p>
      </Show>
      <Show when={a()}>
        {(acc) => (
          <dl class="trade-figures">
            {fig("Balance", () => `${money(acc().balance)} ${acc().currency}`, "balance")}
            {fig("Equity", () => money(acc().equity), "equity")}
            {fig("Margin", () => money(acc().marginUsed), "margin")}
            {fig("Free margin", () => money(acc().freeMargin), "free")}
            {fig(
              "Margin level",
              () => (acc().marginLevel === null ? "—" : `${acc().marginLevel?.toFixed(0)}%`),
              "level",
            )}
            {fig("Leverage", () => `1:${acc().leverage}`, "leverage")}
          </dl>
        )}
      </Show>
      <EquityCurve />
    </section>
  );
}
