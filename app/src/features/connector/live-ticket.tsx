/*
 * Order ticket for the connector account: symbol from the live quotes, side, and size either
 * in units or from risk % of equity and a stop distance in pips (core/risk). The outcome line
 * says "pending" until the broker-confirmed ack, then "placed" (or why not).
 */
import { createMemo, createSignal, For, Show } from "solid-js";
import { positionSize } from "../../../../core/risk/index.ts";
import { toast } from "../../ui/toasts.tsx";
import { describeCommand, live, submitLive } from "./live-store.ts";

const pipOf = (symbol: string) => (symbol.endsWith("JPY") ? 0.01 : 0.0001);

export function LiveTicket() {
  const symbols = createMemo(() => Object.keys(live.quotes()).sort());
  const [symbol, setSymbol] = createSignal("");
  const [side, setSide] = createSignal<"buy" | "sell">("buy");
  const [mode, setMode] = createSignal<"risk" | "units">("risk");
  const [units, setUnits] = createSignal(10_000);
  const [riskPct, setRiskPct] = createSignal(1);
  const [stopPips, setStopPips] = createSignal(20);
  const [outcome, setOutcome] = createSignal<string | null>(null);
  const current = () => symbol() || symbols()[0] || "";
  const price = () => {
    const q = live.quotes()[current()];
    return q ? (side() === "buy" ? q.ask : q.bid) : null;
  };
  const sized = createMemo(() => {
    if (mode() === "units") return { units: units(), error: null as string | null };
    const acc = live.account();
    const p = price();
    if (!acc || p === null) return { units: 0, error: "Waiting for the account and a quote…" };
    try {
      const r = positionSize({
        pair: current(),
        price: p,
        balance: acc.equity,
        riskPct: riskPct(),
        stopPips: stopPips(),
        accountCurrency: acc.currency,
        lotStep: 1000,
      });
      return {
        units: r.units,
        error: r.units > 0 ? null : "The risk is too small for one micro lot (1,000 units).",
      };
    } catch (e) {
      return { units: 0, error: (e as Error).message };
    }
  });
  const stopLoss = () => {
    const p = price();
    if (mode() !== "risk" || p === null) return undefined;
    const distance = stopPips() * pipOf(current());
    const digits = current().endsWith("JPY") ? 3 : 5;
    return Number((side() === "buy" ? p - distance : p + distance).toFixed(digits));
  };
  const place = async (e: Event) => {
    e.preventDefault();
    const size = sized();
    if (size.error || size.units <= 0) return toast(size.error ?? "Enter the units.", "error");
    setOutcome("pending");
    try {
      const sl = stopLoss();
      const result = await submitLive({
        action: "place",
        order: {
          symbol: current(),
          side: side(),
          units: size.units,
          type: "market",
          ...(sl ? { stopLoss: sl } : {}),
        },
      });
      setOutcome(describeCommand(result));
    } catch (err) {
      setOutcome(`not placed: ${(err as Error).message}`);
    }
  };
  return (
    <form class="form" onSubmit={(e) => void place(e)} aria-label="Order ticket">
      <label>
        Symbol
        <select value={current()} onChange={(e) => setSymbol(e.currentTarget.value)}>
          <For each={symbols()}>{(s) => <option value={s}>{s}</option>}</For>
        </select>
      </label>
      <label>
        Side
        <select value={side()} onChange={(e) => setSide(e.currentTarget.value as "buy" | "sell")}>
          <option value="buy">Buy</option>
          <option value="sell">Sell</option>
        </select>
      </label>
      <label>
        Size by
        <select value={mode()} onChange={(e) => setMode(e.currentTarget.value as "risk" | "units")}>
          <option value="risk">Risk % and stop</option>
          <option value="units">Units</option>
        </select>
      </label>
      <Show
        when={mode() === "risk"}
        fallback={
          <label>
            Units
            <input
              type="number"
              min="1"
              step="1"
              value={units()}
              onInput={(e) => setUnits(Number(e.currentTarget.value))}
            />
          </label>
        }
      >
        <label>
          Risk %
          <input
            type="number"
            min="0.01"
            max="10"
            step="0.01"
            value={riskPct()}
            onInput={(e) => setRiskPct(Number(e.currentTarget.value))}
          />
        </label>
        <label>
          Stop (pips)
          <input
            type="number"
            min="1"
            step="0.1"
            value={stopPips()}
            onInput={(e) => setStopPips(Number(e.currentTarget.value))}
          />
        </label>
      </Show>
      <p data-testid="ticket-size">
        {sized().error ??
          `${sized().units.toLocaleString("en-US")} units${stopLoss() ? `, stop at ${stopLoss()}` : ""}`}
      </p>
      <button type="submit" disabled={!live.presence()?.online}>
        Place {side()} order
      </button>
      <Show when={outcome()}>
        <p data-testid="order-outcome" role="status">
          {outcome()}
        </p>
      </Show>
    </form>
  );
}
