/**
 * How a command sent through the relay ended, in words: "placed" only on a broker-confirmed
 * ack, "pending" while the relay waits for it, else why it was not placed. Pure (no socket),
 * shared by the order ticket, the Trade page's connector account and bots on the connector.
 */
import type { PendingCommand } from "../../adapters/relay-socket.ts";

/** "placed" only on a broker-confirmed ack; "pending" while the relay waits for it. */
export function describeCommand(c: PendingCommand): string {
  if (c.status === "failed") return `not placed: ${c.error?.message ?? "refused"}`;
  if (c.status !== "settled" || !c.result) return "pending";
  const r = c.result;
  if (r.status === "filled")
    return `placed: filled ${r.filledUnits ?? ""} at ${r.fillPrice ?? "?"}`.replace("  ", " ");
  if (r.status === "accepted") return "placed: working order at the broker";
  if (r.status === "rejected") return `rejected by the broker: ${r.message ?? "no reason given"}`;
  return r.status;
}

/** True when the broker answered and did not reject (filled, accepted, closed, ...). */
export function commandSucceeded(c: PendingCommand): boolean {
  return c.status === "settled" && c.result !== undefined && c.result.status !== "rejected";
}
