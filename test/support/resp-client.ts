/**
 * Minimal RESP2 client over node:net for the test Upstash REST server: pipelined
 * commands on one connection, replies matched in order. Bulk strings come back as
 * Buffers (the REST layer decides how to encode them), errors as RedisReplyError values.
 */
import net from "node:net";

export class RedisReplyError {
  constructor(readonly message: string) {}
}

export type RedisReply = null | number | Buffer | string | RedisReplyError | RedisReply[];

interface Pending {
  resolve: (reply: RedisReply) => void;
  reject: (err: Error) => void;
}

/** Encodes one command as a RESP array of bulk strings. */
export function encodeCommand(args: readonly (string | Buffer)[]): Buffer {
  const parts: Buffer[] = [Buffer.from(`*${args.length}\r\n`)];
  for (const arg of args) {
    const b = typeof arg === "string" ? Buffer.from(arg) : arg;
    parts.push(Buffer.from(`$${b.length}\r\n`), b, Buffer.from("\r\n"));
  }
  return Buffer.concat(parts);
}

/** Parses one reply at `offset`; returns undefined when the buffer is incomplete. */
export function parseReply(buf: Buffer, offset = 0): { reply: RedisReply; next: number } | undefined {
  const lineEnd = buf.indexOf("\r\n", offset);
  if (lineEnd < 0) return undefined;
  const type = String.fromCharCode(buf[offset]);
  const line = buf.toString("utf8", offset + 1, lineEnd);
  const after = lineEnd + 2;
  switch (type) {
    case "+":
      return { reply: line, next: after };
    case "-":
      return { reply: new RedisReplyError(line), next: after };
    case ":":
      return { reply: Number(line), next: after };
    case "$": {
      const len = Number(line);
      if (len < 0) return { reply: null, next: after };
      if (buf.length < after + len + 2) return undefined;
      return { reply: buf.subarray(after, after + len), next: after + len + 2 };
    }
    case "*": {
      const count = Number(line);
      if (count < 0) return { reply: null, next: after };
      const items: RedisReply[] = [];
      let pos = after;
      for (let i = 0; i < count; i++) {
        const item = parseReply(buf, pos);
        if (!item) return undefined;
        items.push(item.reply);
        pos = item.next;
      }
      return { reply: items, next: pos };
    }
    default:
      throw new Error(`Unexpected RESP type byte ${JSON.stringify(type)}`);
  }
}

export class RespClient {
  private buffer: Buffer = Buffer.alloc(0);
  private readonly pending: Pending[] = [];
  private closed = false;

  get isClosed(): boolean {
    return this.closed;
  }

  private constructor(private readonly socket: net.Socket) {
    socket.on("data", (chunk) => this.onData(chunk));
    socket.on("error", (err) => this.failAll(err));
    socket.on("close", () => {
      this.closed = true;
      this.failAll(new Error("Redis connection closed"));
    });
  }

  static connect(port: number, host = "127.0.0.1"): Promise<RespClient> {
    return new Promise((resolve, reject) => {
      const socket = net.connect({ port, host }, () => {
        socket.off("error", reject);
        resolve(new RespClient(socket));
      });
      socket.once("error", reject);
    });
  }

  /**
   * Sends commands in one write (so a MULTI ... EXEC block is never interleaved with
   * another caller's commands) and resolves with their replies in order.
   */
  send(commands: readonly (readonly (string | Buffer)[])[]): Promise<RedisReply[]> {
    if (this.closed) return Promise.reject(new Error("Redis connection closed"));
    const replies = commands.map(
      () => new Promise<RedisReply>((resolve, reject) => this.pending.push({ resolve, reject })),
    );
    this.socket.write(Buffer.concat(commands.map(encodeCommand)));
    return Promise.all(replies);
  }

  close(): void {
    this.closed = true;
    this.socket.destroy();
  }

  private onData(chunk: Buffer): void {
    this.buffer = this.buffer.length ? Buffer.concat([this.buffer, chunk]) : chunk;
    let offset = 0;
    while (offset < this.buffer.length) {
      const parsed = parseReply(this.buffer, offset);
      if (!parsed) break;
      offset = parsed.next;
      this.pending.shift()?.resolve(parsed.reply);
    }
    this.buffer = this.buffer.subarray(offset);
  }

  private failAll(err: Error): void {
    for (const p of this.pending.splice(0)) p.reject(err);
  }
}
