/**
 * The connector's durable record of every command it has handed to a broker
 * (orders.jsonl in the config directory). "submitted" is written and flushed to disk before
 * the broker is called; "done" with the broker's result after (the broker's own record, or the
 * saved paper account, is what makes a result durable). After a crash, a timeout or a
 * reconnect, a command found "submitted" is reconciled by looking the order up at the broker,
 * never sent again blindly; one found "done" gets its stored result replayed.
 */
import { createHash } from "node:crypto";
import { type FileHandle, mkdir, open, readFile, rename, writeFile } from "node:fs/promises";
import { join } from "node:path";
import { z } from "zod";
import type { OrderResult } from "./broker/port.ts";

export const JOURNAL_FILE = "orders.jsonl";
/** Entries older than this are dropped when the journal is compacted at start. */
export const JOURNAL_KEEP_MS = 7 * 24 * 3600 * 1000;

const resultSchema = z.object({
  clientId: z.string(),
  orderId: z.string(),
  status: z.enum(["filled", "pending", "rejected", "cancelled", "accepted"]),
  symbol: z.string(),
  side: z.enum(["buy", "sell"]),
  units: z.number(),
  fillPrice: z.number().optional(),
  tradeId: z.string().optional(),
  reason: z.string().optional(),
  time: z.number(),
});

const entrySchema = z.object({
  key: z.string(),
  state: z.enum(["submitted", "done"]),
  /** SHA-256 of the command payload: the same key with another payload is refused. */
  fingerprint: z.string(),
  at: z.number(),
  result: resultSchema.optional(),
});

export type JournalEntry = z.infer<typeof entrySchema>;

/** SHA-256 hex of a canonical JSON form (sorted keys). */
export function fingerprintOf(payload: unknown): string {
  const canonical = (value: unknown): unknown => {
    if (Array.isArray(value)) return value.map(canonical);
    if (value && typeof value === "object") {
      return Object.fromEntries(
        Object.keys(value)
          .sort()
          .filter((k) => (value as Record<string, unknown>)[k] !== undefined)
          .map((k) => [k, canonical((value as Record<string, unknown>)[k])]),
      );
    }
    return value;
  };
  return createHash("sha256")
    .update(JSON.stringify(canonical(payload)))
    .digest("hex");
}

/** The journal: an in-memory index over an append-only, fsynced file. */
export class OrderJournal {
  private readonly entries = new Map<string, JournalEntry>();
  private chain: Promise<void> = Promise.resolve();
  private handle: FileHandle | undefined;

  private constructor(private readonly file: string) {}

  /** Loads (and compacts) the journal in dir. */
  static async open(dir: string, now = Date.now()): Promise<OrderJournal> {
    await mkdir(dir, { recursive: true, mode: 0o700 });
    const journal = new OrderJournal(join(dir, JOURNAL_FILE));
    let text = "";
    try {
      text = await readFile(journal.file, "utf8");
    } catch (error) {
      if ((error as NodeJS.ErrnoException).code !== "ENOENT") throw error;
    }
    for (const line of text.split("\n")) {
      if (!line.trim()) continue;
      const parsed = entrySchema.safeParse(safeJson(line));
      if (parsed.success) journal.entries.set(parsed.data.key, parsed.data);
      // A torn last line (crash mid-write) is skipped: its entry was never acted on.
    }
    for (const [key, entry] of journal.entries) {
      if (entry.state === "done" && now - entry.at > JOURNAL_KEEP_MS) journal.entries.delete(key);
    }
    const compacted = [...journal.entries.values()].map((e) => `${JSON.stringify(e)}\n`).join("");
    const temp = `${journal.file}.tmp`;
    await writeFile(temp, compacted, { mode: 0o600 });
    await rename(temp, journal.file);
    return journal;
  }

  get(key: string): JournalEntry | undefined {
    return this.entries.get(key);
  }

  /** Keys still "submitted" (outcome unknown): reconciled at start. */
  unresolved(): JournalEntry[] {
    return [...this.entries.values()].filter((e) => e.state === "submitted");
  }

  get size(): number {
    return this.entries.size;
  }

  /** Records that the command is about to go to the broker, flushed to disk before it resolves. */
  submitted(key: string, fingerprint: string, at: number): Promise<void> {
    return this.append({ key, state: "submitted", fingerprint, at }, true);
  }

  /**
   * Records the broker's result. Not forced to disk: if a crash loses this line the key is
   * still "submitted", which only means one more lookup at the broker, never a resend.
   */
  done(key: string, fingerprint: string, result: OrderResult, at: number): Promise<void> {
    return this.append({ key, state: "done", fingerprint, at, result }, false);
  }

  /** Closes the file (the journal can be reopened with open()). */
  async close(): Promise<void> {
    await this.chain;
    await this.handle?.close();
    this.handle = undefined;
  }

  private append(entry: JournalEntry, sync: boolean): Promise<void> {
    this.entries.set(entry.key, entry);
    const line = `${JSON.stringify(entry)}\n`;
    const write = async () => {
      this.handle ??= await open(this.file, "a", 0o600);
      await this.handle.write(line);
      if (sync) await this.handle.datasync();
    };
    this.chain = this.chain.then(write, write);
    return this.chain;
  }
}

function safeJson(line: string): unknown {
  try {
    return JSON.parse(line);
  } catch {
    return undefined;
  }
}
