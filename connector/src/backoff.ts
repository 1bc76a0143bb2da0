/**
 * Reconnect delays: exponential backoff with full jitter (a uniformly random delay between
 * zero and the capped exponential), so many connectors restarting at once spread out.
 */

export const BACKOFF_BASE_MS = 250;
export const BACKOFF_CAP_MS = 30_000;

/** Delay before reconnect attempt `attempt` (0-based), in ms; `random` returns [0, 1). */
export function nextDelay(
  attempt: number,
  random: () => number,
  baseMs = BACKOFF_BASE_MS,
  capMs = BACKOFF_CAP_MS,
): number {
  const ceiling = Math.min(capMs, baseMs * 2 ** Math.min(attempt, 20));
  return Math.max(10, Math.floor(random() * ceiling));
}
