/**
 * Where the connector's paper account lives: paper-account.json in the config directory,
 * holding the core PaperBroker state and the result of every order by idempotency key, in one
 * file so both always agree. Written atomically (temp file, fsync, rename) and in order.
 */
import { open, readFile, rename } from "node:fs/promises";
import { join } from "node:path";
import type { OrderResult } from "../port.ts";

export const PAPER_FILE = "paper-account.json";

export interface SavedAccount {
  /** PaperBroker.save() */
  state: unknown;
  /** Result per idempotency key. */
  results: Record<string, OrderResult>;
}

/** The saved paper account. */
export class PaperStore {
  private chain: Promise<void> = Promise.resolve();

  constructor(private readonly dir: string) {}

  get file(): string {
    return join(this.dir, PAPER_FILE);
  }

  /** The saved account, or undefined for a new one; a damaged file is an error naming it. */
  async load(): Promise<SavedAccount | undefined> {
    let text: string;
    try {
      text = await readFile(this.file, "utf8");
    } catch (error) {
      if ((error as NodeJS.ErrnoException).code === "ENOENT") return undefined;
      throw error;
    }
    try {
      return JSON.parse(text) as SavedAccount;
    } catch {
      throw new Error(`${this.file} is damaged (not JSON). Move it away to start a new paper account.`);
    }
  }

  /** Queues a save; `snapshot` runs when the write starts (undefined: nothing changed). */
  save(snapshot: () => SavedAccount | undefined): Promise<void> {
    const write = async () => {
      const body = snapshot();
      if (!body) return;
      const temp = `${this.file}.tmp`;
      const handle = await open(temp, "w", 0o600);
      try {
        await handle.writeFile(JSON.stringify(body));
        await handle.datasync();
      } finally {
        await handle.close();
      }
      await rename(temp, this.file);
    };
    this.chain = this.chain.then(write, write);
    return this.chain;
  }
}

/** The latest quote time in a saved account (its books' times); 0 for none. */
export function lastQuoteTime(saved: SavedAccount | undefined): number {
  const books = (saved?.state as { books?: { time?: number | null }[] } | undefined)?.books ?? [];
  return books.reduce((t, b) => (typeof b.time === "number" && b.time > t ? b.time : t), 0);
}
