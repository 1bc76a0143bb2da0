/* The connector account: presence, quotes, account, the order ticket, positions with close, and fill history. */
import { For, Show } from "solid-js";
import { toast } from "../../ui/toasts.tsx";
import { describeCommand, live, submitLive } from "./live-store.ts";
import { LiveTicket } from "./live-ticket.tsx";

const money = (n: number) =>
  n.toLocaleString("en-US", { minimumFractionDigits: 2, maximumFractionDigits: 2 });

export function LivePanel() {
  const close = async (symbol: string, positionId: string) => {
    const result = await submitLive({ action: "close", symbol, positionId });
    toast(`Close ${symbol}: ${describeCommand(result)}`, result.status === "settled" ? "success" : "error");
  };
  return (
    <section class="card" aria-labelledby="live-title">
      <h2 id="live-title">Connector account</h2>
      <p data-testid="connector-presence">
        <Show when={live.presence()} fallback={<span class="muted">Connecting to the relay…</span>}>
          {(p) => (
            <>
              {p().online ? "Online" : "Offline"}
              {p().broker ? ` · ${p().broker?.kind}${p().broker?.live ? " (live)" : ""}` : ""}
              {p().version ? ` · connector ${p().version}` : ""}
              {p().lastSeen ? ` · last seen ${new Date(p().lastSeen ?? 0).toLocaleTimeString()}` : ""}
            </>
          )}
        </Show>
      </p>
      <Show when={live.account()}>
        {(a) => (
          <p data-testid="live-account">
            Balance {money(a().balance)} {a().currency} · Equity {money(a().equity)} · Open P/L{" "}
            <span data-testid="live-upl">{money(a().unrealizedPl)}</span>
          </p>
        )}
      </Show>
      <table data-testid="live-quotes">
        <thead>
          <tr>
            <th>Symbol</th>
            <th>Bid</th>
            <th>Ask</th>
          </tr>
        </thead>
        <tbody>
          <For each={Object.values(live.quotes())}>
            {(q) => (
              <tr>
                <td>{q.symbol}</td>
                <td>{q.bid}</td>
                <td>{q.ask}</td>
              </tr>
            )}
          </For>
        </tbody>
      </table>
      <LiveTicket />
      <h3>Open positions</h3>
      <Show when={live.positions().length > 0} fallback={<p class="muted">No open positions.</p>}>
        <table data-testid="live-positions">
          <thead>
            <tr>
              <th>Symbol</th>
              <th>Side</th>
              <th>Units</th>
              <th>Open</th>
              <th>Stop</th>
              <th>P/L</th>
              <th />
            </tr>
          </thead>
          <tbody>
            <For each={live.positions()}>
              {(p) => (
                <tr>
                  <td>{p.symbol}</td>
                  <td>{p.side}</td>
                  <td>{p.units}</td>
                  <td>{p.openPrice}</td>
                  <td>{p.stopLoss ?? "—"}</td>
                  <td>{money(p.unrealizedPl)}</td>
                  <td>
                    <button type="button" class="ghost" onClick={() => void close(p.symbol, p.id)}>
                      Close
                    </button>
                  </td>
                </tr>
              )}
            </For>
          </tbody>
        </table>
      </Show>
      <h3>History</h3>
      <Show when={live.fills().length > 0} fallback={<p class="muted">No fills yet.</p>}>
        <table data-testid="live-history">
          <thead>
            <tr>
              <th>Time</th>
              <th>Symbol</th>
              <th>Side</th>
              <th>Units</th>
              <th>Price</th>
              <th>Reason</th>
              <th>P/L</th>
            </tr>
          </thead>
          <tbody>
            <For each={live.fills()}>
              {(f) => (
                <tr>
                  <td>{new Date(f.time).toLocaleTimeString()}</td>
                  <td>{f.symbol}</td>
                  <td>{f.side}</td>
                  <td>{f.units}</td>
                  <td>{f.price}</td>
                  <td>{f.reason}</td>
                  <td>{money(f.realizedPl)}</td>
                </tr>
              )}
            </For>
          </tbody>
        </table>
      </Show>
    </section>
  );
}
