/**
 * What a bot needs from the linked connector: its quotes as they arrive, its account and
 * positions, whether it can trade now, and the one order path of the app (the relay socket's
 * submit, the same as the order ticket's). The app's implementation (live-connector-link.ts)
 * reads the shared live store; tests give an in-memory one.
 */
import type { AccountState, CommandBody, Position, Quote } from "../../../../core/protocol/index.ts";
import type { PendingCommand } from "../../adapters/relay-socket.ts";

export interface ConnectorLink {
  /** "" when the relay socket is open and the connector is online; else why not, in words */
  offline(): string;
  /**
   * The connector the relay says is online: its id (and name when known); null when the
   * relay does not say (an older relay) or none was seen yet.
   */
  connector(): { id: string; name: string } | null;
  quote(symbol: string): Quote | undefined;
  account(): AccountState | null;
  positions(): Position[];
  /** Sends a command; resolves when the broker answered (settled) or it was refused (failed). */
  submit(command: CommandBody): Promise<PendingCommand>;
  /** Every batch of quotes as it arrives. */
  onQuotes(listener: (quotes: readonly Quote[]) => void): () => void;
  /** Called when `offline()` or `connector()` may have changed (presence, socket state, account). */
  onChange(listener: () => void): () => void;
}
