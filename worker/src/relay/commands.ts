/**
 * The command book of a relay room: idempotent submission (stored before forwarding,
 * same key -> the stored record, same key with another payload -> refused), expiry and
 * connector checks (never queued), acks from the connector, and waiting for a result.
 * Submissions run one at a time so two copies of a key can never both pass the check.
 */
import {
  type CommandBody,
  type CommandResult,
  commandFingerprint,
  encodeMessage,
  isCommandLive,
  MAX_COMMAND_TTL_MS,
  type ProtocolErrorCode,
} from "../../../core/protocol/index.ts";
import type { CommandRecord, CommandSource, RoomPeer, RoomStorage } from "./ports.ts";

export class CommandRefused extends Error {
  readonly code: ProtocolErrorCode;
  constructor(code: ProtocolErrorCode, message: string) {
    super(message);
    this.name = "CommandRefused";
    this.code = code;
  }
}

export interface SubmitInput {
  key: string;
  expiresAt: number;
  command: CommandBody;
  source: CommandSource;
}

export type SubmitOutcome = { kind: "new" | "duplicate"; record: CommandRecord };

/** The connector a command would go to, as decided by the room. */
export interface CommandTarget {
  peer: RoomPeer;
  connectorId: string;
  live: boolean;
}

export interface CommandBookDeps {
  storage: RoomStorage;
  now: () => number;
  newId: () => string;
  /** The online connector, or null (then the command is refused, not queued). */
  target: () => Promise<CommandTarget | null>;
  liveTradingEnabled: () => Promise<boolean>;
}

const cmdKey = (key: string) => `cmd:${key}`;
const orderKey = (orderId: string) => `order:${orderId}`;
const pendingKey = (key: string) => `pending:${key}`;

export const isFinal = (result: CommandResult) => result.status !== "pending";

export class CommandBook {
  private chain: Promise<unknown> = Promise.resolve();
  private readonly waiters = new Map<string, Set<(record: CommandRecord) => void>>();

  constructor(private readonly deps: CommandBookDeps) {}

  /** Whether a command with this key is already stored (a resent key spends no budget). */
  async known(key: string): Promise<boolean> {
    return (await this.deps.storage.get<CommandRecord>(cmdKey(key))) != null;
  }

  /** Stores then forwards a new command, or returns the stored one for a repeated key. */
  submit(input: SubmitInput): Promise<SubmitOutcome> {
    const run = this.chain.then(() => this.submitNow(input));
    this.chain = run.catch(() => undefined);
    return run;
  }

  private async submitNow(input: SubmitInput): Promise<SubmitOutcome> {
    const { storage, now } = this.deps;
    const fingerprint = commandFingerprint(input.command);
    const existing = await storage.get<CommandRecord>(cmdKey(input.key));
    if (existing) {
      if (existing.fingerprint !== fingerprint) {
        throw new CommandRefused(
          "idempotency_conflict",
          `Idempotency key ${input.key} was already used for a different command; use a new key for a new order.`,
        );
      }
      return { kind: "duplicate", record: existing };
    }
    const at = now();
    if (!isCommandLive(input.expiresAt, at)) {
      throw new CommandRefused(
        "command_expired",
        "The command expired before it reached the relay; nothing was sent.",
      );
    }
    if (input.expiresAt > at + MAX_COMMAND_TTL_MS) {
      throw new CommandRefused(
        "bad_message",
        `expiresAt must be at most ${MAX_COMMAND_TTL_MS / 1000} s from now.`,
      );
    }
    const target = await this.deps.target();
    if (!target) {
      throw new CommandRefused(
        "connector_offline",
        "No connector is online, so the order was not sent (and is not queued). Start forex-ai-connector and try again.",
      );
    }
    if (target.live && !(await this.deps.liveTradingEnabled())) {
      throw new CommandRefused(
        "forbidden",
        "Your connector drives a live broker account but live trading is off. Turn it on on the Connector page.",
      );
    }
    const record: CommandRecord = {
      key: input.key,
      orderId: `ord_${this.deps.newId()}`,
      fingerprint,
      command: input.command,
      expiresAt: input.expiresAt,
      createdAt: at,
      source: input.source,
      connectorId: target.connectorId,
      result: { status: "pending", time: at },
    };
    // Stored before forwarding (checklist 24): a crash after this line leaves a record
    // the connector is told about on reconnect (welcome.unacked), never a lost order.
    await storage.put({
      [cmdKey(record.key)]: record,
      [orderKey(record.orderId)]: record.key,
      [pendingKey(record.key)]: at,
    });
    target.peer.send(
      encodeMessage({
        type: "command",
        key: record.key,
        expiresAt: record.expiresAt,
        command: record.command,
        orderId: record.orderId,
      }),
    );
    return { kind: "new", record };
  }

  /** Records the connector's answer; returns the updated record, or null for an unknown key. */
  async acknowledge(key: string, result: CommandResult): Promise<CommandRecord | null> {
    const { storage } = this.deps;
    const record = await storage.get<CommandRecord>(cmdKey(key));
    if (!record) return null;
    // The first final answer wins: a late or repeated ack never rewrites a settled order.
    if (isFinal(record.result)) return record;
    record.result = result;
    await storage.put({ [cmdKey(key)]: record });
    if (isFinal(result)) {
      await storage.delete(pendingKey(key));
      for (const resolve of this.waiters.get(key) ?? []) resolve(record);
      this.waiters.delete(key);
    }
    return record;
  }

  get(key: string): Promise<CommandRecord | undefined> {
    return this.deps.storage.get<CommandRecord>(cmdKey(key));
  }

  async byOrderId(orderId: string): Promise<CommandRecord | undefined> {
    const key = await this.deps.storage.get<string>(orderKey(orderId));
    return key === undefined ? undefined : this.get(key);
  }

  /** Keys forwarded and not yet settled (sent to a reconnecting connector to reconcile). */
  async unacked(limit = 1000): Promise<string[]> {
    const pending = await this.deps.storage.list<number>({ prefix: "pending:", limit });
    return [...pending.keys()].map((k) => k.slice("pending:".length));
  }

  /** Resolves with the record once settled, or with the pending record after `timeoutMs`. */
  async waitForResult(key: string, timeoutMs: number): Promise<CommandRecord | undefined> {
    const current = await this.get(key);
    if (!current || isFinal(current.result)) return current;
    return new Promise((resolve) => {
      const set = this.waiters.get(key) ?? new Set();
      this.waiters.set(key, set);
      const done = (record: CommandRecord) => {
        clearTimeout(timer);
        set.delete(done);
        resolve(record);
      };
      // A timer inside a request that is waiting anyway; it never keeps an idle room awake.
      const timer = setTimeout(() => {
        set.delete(done);
        this.get(key).then(resolve, () => resolve(current));
      }, timeoutMs);
      set.add(done);
    });
  }
}
