/* The Trade page: account, market replay, chart with draggable SL/TP, ticket, positions, orders, history. */
import { onCleanup, onMount, Show } from "solid-js";
import { symbolInfo } from "../../../core/market/symbols.ts";
import "../features/trade/trade.css";
import "../features/trade/bench-hook.ts";
// A linked connector is another account in the picker (registers its account provider).
import "../features/connector/connector-account.ts";
import { AccountPanel } from "../features/trade/account-panel.tsx";
import { HistoryPanel } from "../features/trade/history-panel.tsx";
import { LiveChart } from "../features/trade/live-chart.tsx";
import { NotificationList } from "../features/trade/notifications.tsx";
import { ReplayBar } from "../features/trade/replay-bar.tsx";
import { OrdersTable, PositionsTable } from "../features/trade/tables.tsx";
import { closeTicket, openTicket, Ticket, ticketOpen } from "../features/trade/ticket.tsx";
import { initTrade, paper, trade } from "../features/trade/trade-store.ts";

function typing(target: EventTarget | null): boolean {
  const el = target as HTMLElement | null;
  return (
    !!el &&
    (el.tagName === "INPUT" || el.tagName === "TEXTAREA" || el.tagName === "SELECT" || el.isContentEditable)
  );
}

export function TradePage() {
  const onKey = (e: KeyboardEvent) => {
    if (e.key === "Escape" && ticketOpen()) {
      closeTicket();
      return;
    }
    if (typing(e.target) || e.ctrlKey || e.metaKey || e.altKey) return;
    if (e.key === "b" || e.key === "B") openTicket("buy");
    else if (e.key === "s" || e.key === "S") openTicket("sell");
    else return;
    e.preventDefault();
  };
  onMount(() => {
    void initTrade();
    window.addEventListener("keydown", onKey);
  });
  onCleanup(() => {
    window.removeEventListener("keydown", onKey);
    void paper()?.pause();
  });
  const q = () => trade.snapshot()?.quote;
  const digits = () => {
    const s = q()?.symbol;
    return s ? symbolInfo(s).digits : 5;
  };
  const fmt = (n: number | undefined) => (n === undefined ? "—" : n.toFixed(digits()));
  return (
    <section class="page trade-page">
      <h1>Trade</h1>
      <AccountPanel />
      <ReplayBar />
      <div class="trade-main">
        <div>
          <div class="quote-bar">
            <strong>{q()?.symbol ?? "—"}</strong>
            <button type="button" class="sell" disabled={!q()} onClick={() => openTicket("sell")} title="S">
              Sell <span data-testid="bid">{fmt(q()?.bid)}</span>
            </button>
            <button type="button" class="buy" disabled={!q()} onClick={() => openTicket("buy")} title="B">
              Buy <span data-testid="ask">{fmt(q()?.ask)}</span>
            </button>
            <span class="muted">B / S open the ticket, Esc closes it</span>
          </div>
          <LiveChart />
        </div>
        <div>
          <Show
            when={ticketOpen()}
            fallback={<p class="muted">Press B or S (or the buttons) for the order ticket.</p>}
          >
            <Ticket />
          </Show>
          <NotificationList />
        </div>
      </div>
      <PositionsTable />
      <OrdersTable />
      <HistoryPanel />
    </section>
  );
}
