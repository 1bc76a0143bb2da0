/**
 * Who may send what (checklist 21): only browser sessions send order commands, only the
 * connector sends quotes, account state, positions, orders, fills and acks; API clients
 * (integrations on the streaming socket) only listen. Everyone says hello and heartbeats.
 */
import type { MessageType, Role } from "./messages.ts";

const MAY_SEND: Record<Role, ReadonlySet<MessageType>> = {
  app: new Set<MessageType>(["hello", "heartbeat", "command"]),
  connector: new Set<MessageType>([
    "hello",
    "heartbeat",
    "quotes",
    "account",
    "positions",
    "orders",
    "fill",
    "ack",
  ]),
  api: new Set<MessageType>(["hello", "heartbeat"]),
};

/** True when a peer with `role` may send a message of `type` to the relay. */
export function maySend(role: Role, type: MessageType): boolean {
  return MAY_SEND[role].has(type);
}

/** Message types the relay fans out from the connector to apps and API clients. */
export const BROADCAST_TYPES: ReadonlySet<MessageType> = new Set<MessageType>([
  "quotes",
  "account",
  "positions",
  "orders",
  "fill",
]);
