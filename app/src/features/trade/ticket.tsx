/* The order ticket: side, type, price, SL/TP in pips or price, size from risk, margin; B/S open it, Esc closes it. */
import { createMemo, createSignal, Show } from "solid-js";
import { symbolInfo } from "../../../../core/market/symbols.ts";
import type { PaperOrderType, Side } from "../../../../core/paper/types.ts";
import { settings } from "../settings/settings-store.ts";
import { money, units } from "./format.ts";
import { type LevelUnit, planTicket } from "./ticket-model.ts";
import { run, trade } from "./trade-store.ts";

const [open, setOpen] = createSignal(false);
const [side, setSide] = createSignal<Side>("buy");

/** Opens the ticket on a side (the B and S keys, the Buy and Sell buttons). */
export function openTicket(s: Side): void {
  setSide(s);
  setOpen(true);
  queueMicrotask(() => document.getElementById("ticket-sl")?.focus());
}

export function closeTicket(): void {
  setOpen(false);
}

export const ticketOpen = open;

export function Ticket() {
  const [type, setType] = createSignal<PaperOrderType>("market");
  const [price, setPrice] = createSignal(Number.NaN);
  const [unit, setUnit] = createSignal<LevelUnit>("pips");
  const [sl, setSl] = createSignal(Number.NaN);
  const [tp, setTp] = createSignal(Number.NaN);
  const [trail, setTrail] = createSignal(Number.NaN);
  const [risk, setRisk] = createSignal(Number.NaN);
  const [manual, setManual] = createSignal(Number.NaN);
  const [busy, setBusy] = createSignal(false);
  const riskPct = () => (Number.isFinite(risk()) ? risk() : settings().defaultRiskPercent);

  const plan = createMemo(() => {
    const snap = trade.snapshot();
    const q = snap?.quote;
    if (!snap || !q) return null;
    const info = symbolInfo(q.symbol);
    return {
      info,
      ...planTicket({
        symbol: q.symbol,
        side: side(),
        type: type(),
        price: price(),
        unit: unit(),
        stopLoss: sl(),
        takeProfit: tp(),
        trailingPips: trail(),
        riskPct: riskPct(),
        manualUnits: manual(),
        bid: q.bid,
        ask: q.ask,
        pipSize: info.pipSize,
        digits: info.digits,
        balance: snap.account.balance,
        currency: snap.account.currency,
        leverage: snap.account.leverage,
      }),
    };
  });

  const submit = async (e: Event) => {
    e.preventDefault();
    const p = plan();
    if (!p?.request) return;
    setBusy(true);
    const req = p.request;
    const done = await run((s) => s.place(req));
    setBusy(false);
    if (done) {
      setOpen(false);
      setManual(Number.NaN);
    }
  };

  const num = (el: HTMLInputElement) => (el.value.trim() === "" ? Number.NaN : el.valueAsNumber);
  const ccy = () => trade.snapshot()?.account.currency ?? "";

  return (
    <Show when={open()}>
      <form class="card ticket" role="dialog" aria-label="Order ticket" onSubmit={submit}>
        <div class="row">
          <button
            type="button"
            class={side() === "buy" ? "buy" : "ghost"}
            aria-pressed={side() === "buy"}
            onClick={() => setSide("buy")}
          >
            Buy
          </button>
          <button
            type="button"
            class={side() === "sell" ? "sell" : "ghost"}
            aria-pressed={side() === "sell"}
            onClick={() => setSide("sell")}
          >
            Sell
          </button>
          <label>
            Order type
            <select value={type()} onChange={(e) => setType(e.currentTarget.value as PaperOrderType)}>
              <option value="market">Market</option>
              <option value="limit">Limit</option>
              <option value="stop">Stop</option>
            </select>
          </label>
        </div>
        <Show when={type() !== "market"}>
          <label>
            Price
            <input
              type="number"
              step="any"
              value={Number.isNaN(price()) ? "" : price()}
              onInput={(e) => setPrice(num(e.currentTarget))}
            />
          </label>
        </Show>
        <div class="row">
          <label>
            SL/TP in
            <select value={unit()} onChange={(e) => setUnit(e.currentTarget.value as LevelUnit)}>
              <option value="pips">pips</option>
              <option value="price">price</option>
            </select>
          </label>
          <label>
            Stop-loss
            <input
              id="ticket-sl"
              type="number"
              step="any"
              min="0"
              onInput={(e) => setSl(num(e.currentTarget))}
            />
          </label>
          <label>
            Take-profit
            <input type="number" step="any" min="0" onInput={(e) => setTp(num(e.currentTarget))} />
          </label>
          <label>
            Trailing (pips)
            <input type="number" step="any" min="0" onInput={(e) => setTrail(num(e.currentTarget))} />
          </label>
        </div>
        <div class="row">
          <label>
            Risk %
            <input
              type="number"
              step="0.1"
              min="0"
              value={riskPct()}
              onInput={(e) => setRisk(num(e.currentTarget))}
            />
          </label>
          <label>
            Units
            <input
              type="number"
              step="1"
              min="1"
              placeholder={plan()?.units ? String(plan()?.units) : "from risk"}
              value={Number.isNaN(manual()) ? "" : manual()}
              onInput={(e) => setManual(num(e.currentTarget))}
            />
          </label>
        </div>
        <Show when={plan()} fallback={<p class="muted">Start the replay to get a price.</p>}>
          {(p) => (
            <dl class="ticket-figures">
              <dt>Units</dt>
              <dd data-testid="ticket-units">{units(p().units)}</dd>
              <dt>Lots</dt>
              <dd>{(p().units / 100_000).toFixed(2)}</dd>
              <dt>Risk</dt>
              <dd data-testid="ticket-risk">
                {p().sizing
                  ? `${money(p().sizing?.riskAmount ?? 0)} ${ccy()} (${(((p().sizing?.riskAmount ?? 0) / (trade.snapshot()?.account.balance ?? 1)) * 100).toFixed(2)}%)`
                  : "—"}
              </dd>
              <dt>Margin</dt>
              <dd data-testid="ticket-margin">
                {p().sizing ? `${money(p().sizing?.marginRequired ?? 0)} ${ccy()}` : "—"}
              </dd>
              <dt>Entry</dt>
              <dd>{p().entry?.toFixed(p().info.digits)}</dd>
            </dl>
          )}
        </Show>
        <Show when={plan()?.problem || plan()?.sizingProblem}>
          <p class="muted">{plan()?.problem || plan()?.sizingProblem}</p>
        </Show>
        <div class="row">
          <button type="submit" class={side()} disabled={busy() || !plan()?.request}>
            Place {side()} order
          </button>
          <button type="button" class="ghost" onClick={() => setOpen(false)}>
            Cancel (Esc)
          </button>
        </div>
      </form>
    </Show>
  );
}
