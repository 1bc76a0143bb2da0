/**
 * The app's view of the user's relay room: one RelaySocket shared by the Connector page and
 * the Trade page's connector account, with Solid signals for presence, quotes, account,
 * positions, working orders, fills and commands in flight. Started when a page needs it.
 */
import { createSignal } from "solid-js";
import type {
  AccountState,
  CommandBody,
  ConnectorPresence,
  Fill,
  Message,
  Position,
  Quote,
  WorkingOrder,
} from "../../../../core/protocol/index.ts";
import { call } from "../../adapters/api-client.ts";
import { type PendingCommand, RelaySocket, type SocketState } from "../../adapters/relay-socket.ts";
import { dexieCommandStore } from "./command-store.ts";

export { describeCommand } from "./command-outcome.ts";

const [state, setState] = createSignal<SocketState>("closed");
const [presence, setPresence] = createSignal<ConnectorPresence | null>(null);
const [quotes, setQuotes] = createSignal<Record<string, Quote>>({});
const [account, setAccount] = createSignal<AccountState | null>(null);
const [positions, setPositions] = createSignal<Position[]>([]);
const [orders, setOrders] = createSignal<WorkingOrder[]>([]);
const [fills, setFills] = createSignal<Fill[]>([]);
const [commands, setCommands] = createSignal<PendingCommand[]>([]);

export const live = { state, presence, quotes, account, positions, orders, fills, commands };

let socket: RelaySocket | null = null;
let users = 0;
const messageListeners = new Set<(m: Message) => void>();

/** Every message from the relay as it arrives (bots build bars from each quote). */
export function onLiveMessage(listener: (m: Message) => void): () => void {
  messageListeners.add(listener);
  return () => messageListeners.delete(listener);
}

async function connectUrl(): Promise<string> {
  const ticket = await call("post", "/relay/tickets", { quietRateLimit: true });
  const base = new URL(ticket.url, location.href);
  base.protocol = base.protocol === "https:" ? "wss:" : "ws:";
  return base.toString();
}

async function loadHistory(): Promise<void> {
  try {
    const h = await call("get", "/trading/history", { query: { limit: 100 }, quietRateLimit: true });
    setFills(h.fills as Fill[]);
  } catch {
    // history is a convenience; the socket keeps fills coming
  }
}

/** Starts the shared socket (reference-counted); returns the function that releases it. */
export function useLive(): () => void {
  users++;
  if (!socket) {
    socket = new RelaySocket({ connectUrl, store: dexieCommandStore, version: "app" });
    socket.onState(setState);
    socket.onCommand((c) => setCommands((all) => [c, ...all.filter((x) => x.key !== c.key)].slice(0, 50)));
    socket.onMessage((m) => {
      if (m.type === "welcome" || m.type === "presence") setPresence(m.presence);
      else if (m.type === "quotes")
        setQuotes((q) => ({ ...q, ...Object.fromEntries(m.quotes.map((x) => [x.symbol, x])) }));
      else if (m.type === "account") setAccount(m.account);
      else if (m.type === "positions") setPositions(m.positions);
      else if (m.type === "orders") setOrders(m.orders);
      else if (m.type === "fill")
        setFills((f) => [m.fill, ...f.filter((x) => x.id !== m.fill.id)].slice(0, 200));
      for (const l of messageListeners) l(m);
    });
    socket.start();
    void loadHistory();
  }
  return () => {
    users--;
    if (users === 0 && socket) {
      socket.stop();
      socket = null;
    }
  };
}

/** Sends a command through the relay; resolves when the broker answered or it was refused. */
export function submitLive(command: CommandBody): Promise<PendingCommand> {
  if (!socket) return Promise.reject(new Error("The relay is not connected."));
  return socket.submit(command);
}
