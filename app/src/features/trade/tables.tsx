/* Open positions (live P/L, close all or part) and working orders (modify price, cancel). */
import { createEffect, createMemo, createSignal, Index, on, Show, untrack } from "solid-js";
import { priceDigits } from "../../../../core/market/symbols.ts";
import type { PositionView, WorkingOrderView } from "../../../../core/paper/types.ts";
import { money, price, signed, units, utc } from "./format.ts";
import { run, trade } from "./trade-store.ts";

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
            <Index each={list()}>{(pos) => <PositionRow p={pos()} />}</Index>
          </tbody>
        </table>
      </Show>
    </section>
  );
}

/** One open position: live P/L, Close (all), or Part to close a number of units. */
function PositionRow(props: { p: PositionView }) {
  const [part, setPart] = createSignal(false);
  // rows are kept by place in the list: when another position takes this row (an earlier
  // one closed), an open "Part" editor must not carry over to it. The memo passes on a new
  // id only: `props.p` is a new object on every quote, which must not close the editor.
  const id = createMemo(() => props.p.id);
  createEffect(on(id, () => setPart(false), { defer: true }));
  let input!: HTMLInputElement;
  const d = () => priceDigits(props.p.symbol);
  const closePart = async () => {
    const n = input.valueAsNumber;
    if (await run((s) => s.closePosition(props.p.id, n))) setPart(false);
  };
  return (
    <tr data-testid="position-row" data-id={props.p.id}>
      <td>{props.p.symbol}</td>
      <td>{props.p.side}</td>
      <td>{units(props.p.units)}</td>
      <td>{price(props.p.openPrice, d())}</td>
      <td>{price(props.p.currentPrice, d())}</td>
      <td data-testid="position-sl">{price(props.p.stopLoss, d())}</td>
      <td data-testid="position-tp">{price(props.p.takeProfit, d())}</td>
      <td>{signed(props.p.pips, 1)}</td>
      <td
        data-testid="position-pl"
        data-value={props.p.unrealizedPl}
        class={props.p.unrealizedPl >= 0 ? "up" : "down"}
      >
        {money(props.p.unrealizedPl)}
      </td>
      <td>
        <Show
          when={part()}
          fallback={
            <>
              <button type="button" class="ghost" onClick={() => run((s) => s.closePosition(props.p.id))}>
                Close
              </button>
              <button type="button" class="ghost" onClick={() => setPart(true)}>
                Part
              </button>
            </>
          }
        >
          <input
            ref={input}
            type="number"
            min="1"
            max={props.p.units}
            step="1"
            aria-label="Units to close"
            value={untrack(() => Math.floor(props.p.units / 2))}
            onKeyDown={(e) => e.key === "Enter" && closePart()}
          />
          <button type="button" onClick={closePart}>
            Close units
          </button>
          <button type="button" class="ghost" onClick={() => setPart(false)}>
            Back
          </button>
        </Show>
      </td>
    </tr>
  );
}

function OrderRow(props: { o: WorkingOrderView }) {
  const [edit, setEdit] = createSignal(false);
  let input!: HTMLInputElement;
  const d = () => priceDigits(props.o.symbol);
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
            value={untrack(() => props.o.price ?? "")}
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
