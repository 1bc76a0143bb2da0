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

/** How long the app waits for the broker's answer to a command before saying "pending". */
export const ANSWER_WAIT_MS = 30_000;

/**
 * A command's outcome after waiting for the broker: placed (a broker-confirmed ack), refused
 * (by the relay or the broker, with the reason in `detail`), or pending (no answer in time).
 * While pending, `settled` resolves with the final outcome when the answer does come, so a
 * caller (a bot) can keep the command in flight instead of forgetting it.
 */
export interface CommandOutcome {
  status: "placed" | "refused" | "pending";
  detail: string;
  /** pending only: the outcome once the broker answers or the relay refuses */
  settled?: Promise<CommandOutcome>;
}

function outcomeOf(answer: PendingCommand | Error): CommandOutcome {
  if (answer instanceof Error) return { status: "refused", detail: `not placed: ${answer.message}` };
  return { status: commandSucceeded(answer) ? "placed" : "refused", detail: describeCommand(answer) };
}

/**
 * Submits a command and waits up to `waitMs` for its answer; the one waiting rule of the
 * Trade page's connector account and bots on the connector.
 */
export async function submitAndWait(
  submit: () => Promise<PendingCommand>,
  waitMs = ANSWER_WAIT_MS,
): Promise<CommandOutcome> {
  const final = submit().then(outcomeOf, (e: unknown) =>
    outcomeOf(e instanceof Error ? e : new Error(String(e))),
  );
  let timer: ReturnType<typeof setTimeout> | undefined;
  const answer = await Promise.race([
    final,
    new Promise<null>((r) => {
      timer = setTimeout(() => r(null), waitMs);
    }),
  ]);
  clearTimeout(timer);
  if (answer) return answer;
  return { status: "pending", detail: "pending: sent; the broker has not confirmed it yet", settled: final };
}
