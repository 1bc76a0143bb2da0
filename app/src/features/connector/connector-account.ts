/**
 * The connector as an account of the Trade page: lists linked connectors in the account
 * picker and opens one as an AccountSource over the shared relay socket (live-store.ts).
 * Orders resolve when the broker answered ("placed"), or report that they are still
 * pending; they are never retried with a new key.
 */
import { createEffect, createRoot } from "solid-js";
import type { OrderChange, PaperOrderRequest, PositionChange } from "../../../../core/paper/types.ts";
import type { CommandBody } from "../../../../core/protocol/index.ts";
import { closeUnitsProblem } from "../../../../core/trading/close-units.ts";
import { call, hasAccessToken } from "../../adapters/api-client.ts";
import { settings } from "../settings/settings-store.ts";
import type { AccountEntry, AccountSource, ActionResult, TradeSnapshot } from "../trade/account-source.ts";
import { registerAccountProvider } from "../trade/trade-store.ts";
import { submitAndWait } from "./command-outcome.ts";
import { toSnapshot } from "./connector-snapshot.ts";
import { live, submitLive, useLive } from "./live-store.ts";

const PREFIX = "connector:";

class ConnectorSource implements AccountSource {
  readonly kind = "connector" as const;
  private readonly listeners = new Set<(s: TradeSnapshot) => void>();
  private last: TradeSnapshot | null = null;
  private readonly release: () => void;
  private readonly dispose: () => void;

  constructor(
    readonly accountId: string,
    name: string,
  ) {
    this.release = useLive();
    const seen = new Set<string>();
    let version = 0;
    let primed = false;
    this.dispose = createRoot((dispose) => {
      createEffect(() => {
        const quotes = live.quotes();
        const symbols = Object.keys(quotes).sort();
        const symbol = symbols.includes("EURUSD") ? "EURUSD" : (symbols[0] ?? "");
        const fills = live.fills();
        // Fills already in the history when the account opens are not news.
        if (!primed && fills.length > 0) {
          for (const f of fills) seen.add(f.id);
          primed = true;
        }
        const snap = toSnapshot(
          {
            accountId,
            name,
            leverage: settings().defaultLeverage,
            account: live.account(),
            quotes,
            positions: live.positions(),
            orders: live.orders(),
            fills,
            symbol,
          },
          seen,
          ++version,
        );
        this.last = snap;
        for (const l of this.listeners) l(snap);
      });
      return dispose;
    });
  }

  subscribe(listener: (s: TradeSnapshot) => void): () => void {
    this.listeners.add(listener);
    if (this.last) listener({ ...this.last, events: [] });
    return () => this.listeners.delete(listener);
  }

  private async send(command: CommandBody): Promise<ActionResult> {
    const answer = await submitAndWait(() => submitLive(command));
    if (answer.status === "placed") return { ok: true, events: [] };
    if (answer.status === "pending")
      return { ok: false, message: "Sent; the broker has not confirmed it yet (pending)." };
    return { ok: false, message: answer.detail };
  }

  place = (req: PaperOrderRequest) => {
    const { trailingStop: _t, ...order } = req;
    return this.send({ action: "place", order });
  };
  modifyOrder = (id: string, change: OrderChange) => this.send({ action: "modify", targetId: id, ...change });
  cancelOrder = (id: string) => this.send({ action: "cancel", targetId: id });
  modifyPosition = (id: string, change: PositionChange) =>
    this.send({ action: "modify", targetId: id, ...change });
  closePosition = (id: string, units?: number) => {
    const position = live.positions().find((p) => p.id === id);
    if (!position)
      return Promise.resolve({ ok: false as const, message: "This position is already closed." });
    // a partial close must be checked here: without `units` the command closes all of it
    const problem = units === undefined ? null : closeUnitsProblem(units, position.units);
    if (problem) return Promise.resolve({ ok: false as const, message: problem });
    return this.send({
      action: "close",
      symbol: position.symbol,
      positionId: id,
      ...(units === undefined ? {} : { units }),
    });
  };
  setJournal = async (): Promise<ActionResult> => ({
    ok: false,
    message: "Journal notes are kept for paper accounts; export the history to annotate connector trades.",
  });
  importHistory = async (): Promise<ActionResult> => ({
    ok: false,
    message: "History import is for paper accounts; the connector's history comes from your broker.",
  });

  close(): void {
    this.listeners.clear();
    this.dispose();
    this.release();
  }
}

registerAccountProvider({
  kind: "connector",
  async list(): Promise<AccountEntry[]> {
    if (!hasAccessToken()) return [];
    const { connectors } = await call("get", "/connector/connectors", { quietRateLimit: true });
    return connectors.map((c) => ({
      id: `${PREFIX}${c.id}`,
      name: c.name,
      kind: "connector",
      currency: "USD",
    }));
  },
  async open(id: string, onSnapshot: (s: TradeSnapshot) => void): Promise<AccountSource | string> {
    const { connectors } = await call("get", "/connector/connectors");
    const c = connectors.find((x) => `${PREFIX}${x.id}` === id);
    if (!c) return "This connector was unlinked; link it again on the Connector page.";
    const source = new ConnectorSource(id, c.name);
    source.subscribe(onSnapshot);
    return source;
  },
});
