/**
 * An in-memory ConnectorLink for tests of what sits on top of the connector (the connector
 * venue and the bot runner): the broker side is a real core/paper PaperBroker, commands are
 * answered the way the relay and the connector answer them (refused with connector_offline
 * while offline, the broker's fill or rejection otherwise), and every command that reached
 * the broker is kept in `arrived`. Not used by the app.
 */
import { PaperBroker } from "../../../../core/paper/paper-broker.ts";
import type {
  AccountState,
  CommandBody,
  CommandResult,
  Position,
  Quote,
} from "../../../../core/protocol/index.ts";
import type { PendingCommand } from "../../adapters/relay-socket.ts";
import type { ConnectorLink } from "./connector-link.ts";

export class MemoryConnectorLink implements ConnectorLink {
  readonly broker: PaperBroker;
  /** Commands that reached the broker, in order. */
  readonly arrived: CommandBody[] = [];
  private down = "";
  /** The relay refuses the next commands with this error (e.g. rate_limited), as it answers on the socket. */
  refuse: { code: string; message: string } | null = null;
  /** Commands are held (unanswered until `answerHeld()`), like a broker that does not confirm. */
  hold = false;
  /** Commands held unanswered, in order, with the function that answers each. */
  readonly held: { command: CommandBody; answer: () => void }[] = [];
  /** The connector the relay says is online (its id and name); null = a relay that does not say. */
  online: { id: string; name: string } | null = { id: "c1", name: "memory box" };
  /** The broker the connector reports in its account. */
  brokerInfo: AccountState["broker"] = { kind: "paper", live: false };
  private readonly quotes = new Map<string, Quote>();
  private readonly quoteListeners = new Set<(q: readonly Quote[]) => void>();
  private readonly changeListeners = new Set<() => void>();
  private keys = 0;

  constructor(balance = 10_000) {
    this.broker = new PaperBroker({ id: "memory", name: "memory", currency: "USD", balance, leverage: 30 });
  }

  /** A quote from the broker: the account moves, then the app hears it. */
  emit(q: Quote): void {
    this.broker.onQuote(q);
    this.quotes.set(q.symbol, q);
    for (const l of this.quoteListeners) l([q]);
  }

  /** Answers the held commands (the broker confirms them at last). */
  answerHeld(): void {
    for (const h of this.held.splice(0)) h.answer();
  }

  /** Tells listeners the presence changed (another connector, another broker). */
  changed(): void {
    for (const l of this.changeListeners) l();
  }

  /** Listeners still registered (quotes and changes): 0 once every user has let go. */
  listenerCount(): number {
    return this.quoteListeners.size + this.changeListeners.size;
  }

  connector(): { id: string; name: string } | null {
    return this.online;
  }

  /** Takes the connector offline ("" brings it back). */
  setOffline(why: string): void {
    this.down = why;
    for (const l of this.changeListeners) l();
  }

  offline(): string {
    return this.down;
  }

  quote(symbol: string): Quote | undefined {
    return this.quotes.get(symbol);
  }

  account(): AccountState {
    const a = this.broker.account();
    return {
      broker: this.brokerInfo,
      currency: a.currency,
      balance: a.balance,
      equity: a.equity,
      marginUsed: a.marginUsed,
      unrealizedPl: a.unrealizedPl,
      time: 0,
    };
  }

  positions(): Position[] {
    return this.broker.positions().map(({ currentPrice: _c, pips: _p, ...p }) => p);
  }

  async submit(command: CommandBody): Promise<PendingCommand> {
    const base = { key: `memory-${++this.keys}`, expiresAt: 0, command, createdAt: 0 };
    if (this.down)
      return {
        ...base,
        status: "failed",
        error: { code: "connector_offline", message: "Your connector is offline; start it and try again." },
      };
    if (this.refuse) return { ...base, status: "failed", error: this.refuse };
    if (this.hold)
      return new Promise<PendingCommand>((resolve) => {
        this.held.push({
          command,
          answer: () => {
            this.arrived.push(command);
            resolve({ ...base, status: "settled", result: this.execute(command) });
          },
        });
      });
    this.arrived.push(command);
    return { ...base, status: "settled", result: this.execute(command) };
  }

  private execute(command: CommandBody): CommandResult {
    const time = 0;
    if (command.action === "close") {
      for (const p of this.broker.positions())
        if (p.symbol === command.symbol) this.broker.closePosition(p.id);
      return { status: "closed", time };
    }
    if (command.action !== "place") return { status: "rejected", message: "not supported here", time };
    try {
      const { events } = this.broker.place(command.order);
      for (const e of events) {
        if (e.type === "fill") return { status: "filled", fillPrice: e.price, filledUnits: e.units, time };
        if (e.type === "cancel") return { status: "rejected", message: e.reason, time };
      }
      return { status: "accepted", time };
    } catch (e) {
      return { status: "rejected", message: e instanceof Error ? e.message : String(e), time };
    }
  }

  onQuotes(listener: (q: readonly Quote[]) => void): () => void {
    this.quoteListeners.add(listener);
    return () => this.quoteListeners.delete(listener);
  }

  onChange(listener: () => void): () => void {
    this.changeListeners.add(listener);
    return () => this.changeListeners.delete(listener);
  }
}
