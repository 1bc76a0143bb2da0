/**
 * One start at a time per id: `run` registers the start before its first await, so a second
 * `run` for the same id while the first is in progress returns the first's promise instead of
 * starting again; `cancel` tells the start in progress to give up (it checks `isCancelled()`
 * or awaits `cancelled`) and resolves once it has ended. Used by the bot store so a double
 * click on Activate, or a resume on a quick re-mount of the Bots page, never starts a second
 * runner for the same bot.
 */

export interface StartControl {
  /** resolves when the start is cancelled */
  cancelled: Promise<void>;
  isCancelled(): boolean;
}

interface InFlight {
  done: Promise<void>;
  cancel(): void;
}

export class StartGate {
  private readonly inFlight = new Map<string, InFlight>();

  /** Whether a start for `id` is in progress. */
  has(id: string): boolean {
    return this.inFlight.has(id);
  }

  /** Runs `start` for `id` unless one is in progress (then waits for that one instead). */
  run(id: string, start: (control: StartControl) => Promise<void>): Promise<void> {
    const current = this.inFlight.get(id);
    if (current) return current.done;
    let cancelled = false;
    let cancel = () => {};
    const control: StartControl = {
      cancelled: new Promise<void>((resolve) => {
        cancel = () => {
          cancelled = true;
          resolve();
        };
      }),
      isCancelled: () => cancelled,
    };
    const entry: InFlight = { done: Promise.resolve(), cancel: () => cancel() };
    this.inFlight.set(id, entry);
    entry.done = (async () => {
      try {
        await start(control);
      } finally {
        this.inFlight.delete(id);
      }
    })();
    return entry.done;
  }

  /** Cancels the start in progress for `id` (if any) and waits until it has ended. */
  async cancel(id: string): Promise<void> {
    const current = this.inFlight.get(id);
    if (!current) return;
    current.cancel();
    await current.done.catch(() => {});
  }
}
