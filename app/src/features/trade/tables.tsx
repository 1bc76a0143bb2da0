/* Open positions (live P/L, close) and working orders (modify price, cancel). */
import { createSignal, Index, Show } from "solid-js";
import { symbolInfo } from "../../../../core/market/symbols.ts";
import type { WorkingOrderView } from "../../../../core/paper/types.ts";
import { money, price, signed, units, utc } from "./format.ts";
import { run, trade } from "./trade-store.ts";

const digitsOf = (symbol: string) => {
  try {
    return symbolInfo(symbol).digits;
  } catch {
    return 5;
  }
};

export function PositionsTable() {
  const list = () => trade.snapshot()?.positions ?? [];
  return (
    <section class="card">
      <h2>Open positions</h2>
      <Show when={list().length > 0} fallback={<p class="muted">No open positions.</p>}>
        <table class="table">
          <thead>
            <tr>
              <th>Symbol</th>
              <th>Side</th>
              <th>Units</th>
              <th>Open</th>
              <th>Price</th>
              <th>SL</th>
              <th>TP</th>
              <th>P/L pips</th>
              <th>P/L</th>
              <th />
            </tr>
          </thead>
          <tbody>
            <Index each={list()}>
              {(pos) => (
                <tr data-testid="position-row" data-id={pos().id}>
                  <td>{pos().symbol}</td>
                  <td>{pos().side}</td>
                  <td>{units(pos().units)}</td>
                  <td>{price(pos().openPrice, digitsOf(pos().symbol))}</td>
                  <td>{price(pos().currentPrice, digitsOf(pos().symbol))}</td>
                  <td data-testid="position-sl">{price(pos().stopLoss, digitsOf(pos().symbol))}</td>
                  <td data-testid="position-tp">{price(pos().takeProfit, digitsOf(pos().symbol))}</td>
                  <td>{signed(pos().pips, 1)}</td>
                  <td
                    data-testid="position-pl"
                    data-value={pos().unrealizedPl}
                    class={pos().unrealizedPl >= 0 ? "up" : "down"}
                  >
                    {money(pos().unrealizedPl)}
                  </td>
                  <td>
                    <button type="button" class="ghost" onClick={() => run((s) => s.closePosition(pos().id))}>
                      Close
                    </button>
                  </td>
                </tr>
              )}
            </Index>
          </tbody>
        </table>
      </Show>
    </section>
  );
}

function OrderRow(props: { o: WorkingOrderView }) {
  const [edit, setEdit] = createSignal(false);
  let input!: HTMLInputElement;
  const d = () => digitsOf(props.o.symbol);
  const save = async () => {
    const v = input.valueAsNumber;
    if (await run((s) => s.modifyOrder(props.o.id, { price: v }))) setEdit(false);
  };
  return (
    <tr data-testid="order-row" data-id={props.o.id}>
      <td>{props.o.symbol}</td>
      <td>
        {props.o.side} {props.o.type}
      </td>
      <td>{units(props.o.units)}</td>
      <td>
        <Show when={edit()} fallback={price(props.o.price, d())}>
          <input
            ref={input}
            type="number"
            step="any"
            aria-label="New order price"
            value={props.o.price ?? ""}
          />
        </Show>
      </td>
      <td>{price(props.o.stopLoss, d())}</td>
      <td>{price(props.o.takeProfit, d())}</td>
      <td>{utc(props.o.time)}</td>
      <td>
        <Show
          when={edit()}
          fallback={
            <button type="button" class="ghost" onClick={() => setEdit(true)}>
              Modify
            </button>
          }
        >
          <button type="button" onClick={save}>
            Save
          </button>
        </Show>
        <button type="button" class="ghost" onClick={() => run((s) => s.cancelOrder(props.o.id))}>
          Cancel
        </button>
      </td>
    </tr>
  );
}

export function OrdersTable() {
  const list = () => trade.snapshot()?.orders ?? [];
  return (
    <section class="card">
      <h2>Working orders</h2>
      <Show when={list().length > 0} fallback={<p class="muted">No working orders.</p>}>
        <table class="table">
          <thead>
            <tr>
              <th>Symbol</th>
              <th>Order</th>
              <th>Units</th>
              <th>Price</th>
              <th>SL</th>
              <th>TP</th>
              <th>Placed (UTC)</th>
              <th />
            </tr>
          </thead>
          <tbody>
            <Index each={list()}>{(o) => <OrderRow o={o()} />}</Index>
          </tbody>
        </table>
      </Show>
    </section>
  );
}
