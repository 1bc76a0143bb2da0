/**
 * A small server speaking the Upstash Redis REST protocol in front of a real redis-server,
 * for tests and local use (docs/deployment.md "Upstash"):
 *   POST /            one command as a JSON array          -> {result} | 400 {error}
 *   POST /pipeline    array of commands                    -> [{result}|{error}, ...]
 *   POST /multi-exec  array of commands, run as MULTI/EXEC -> [{result}|{error}, ...]
 * Bearer token auth; with "Upstash-Encoding: base64" string results are base64 (except "OK").
 * Redis 7.0 rejects the `#!lua flags=...` line of @upstash/ratelimit's scripts, so it is
 * stripped before EVAL / SCRIPT LOAD and the SHA1 the client computed of the original is
 * mapped to the SHA1 of the stripped script (EVALSHA with the client's SHA works).
 *
 * Local use: npx tsx test/support/upstash-rest-server.ts --redis-port 6379 --port 8079 --token dev
 */
import { createHash } from "node:crypto";
import http from "node:http";
import type net from "node:net";
import { pathToFileURL } from "node:url";
import { type RedisReply, RedisReplyError, RespClient } from "./resp-client.ts";

export interface UpstashRestServerOptions {
  redisPort: number;
  redisHost?: string;
  token: string;
  /** Port to listen on; 0 (default) picks a free one. */
  port?: number;
}

export interface UpstashRestServer {
  url: string;
  token: string;
  /** Number of requests served, by path (tests assert the real protocol was used). */
  requests: Map<string, number>;
  stop(): Promise<void>;
}

type Command = string[];
type Entry = { result: unknown } | { error: string };

const sha1 = (s: string) => createHash("sha1").update(s).digest("hex");

/** Rewrites scripts with a shebang line; remembers client SHA -> stripped SHA. */
class ScriptShim {
  private readonly shas = new Map<string, string>();

  strip(script: string): string {
    if (!script.startsWith("#!")) return script;
    const newline = script.indexOf("\n");
    const stripped = newline < 0 ? "" : script.slice(newline); // keep line numbers
    this.shas.set(sha1(script), sha1(stripped));
    return stripped;
  }

  mapSha(sha: string): string {
    return this.shas.get(sha.toLowerCase()) ?? sha;
  }

  rewrite(cmd: Command): Command {
    const name = cmd[0]?.toUpperCase();
    if ((name === "EVAL" || name === "EVAL_RO") && cmd.length > 1)
      return [cmd[0], this.strip(cmd[1]), ...cmd.slice(2)];
    if ((name === "EVALSHA" || name === "EVALSHA_RO") && cmd.length > 1) {
      return [cmd[0], this.mapSha(cmd[1]), ...cmd.slice(2)];
    }
    if (name === "SCRIPT" && cmd[1]?.toUpperCase() === "LOAD" && cmd.length > 2) {
      return [cmd[0], cmd[1], this.strip(cmd[2])];
    }
    if (name === "SCRIPT" && cmd[1]?.toUpperCase() === "EXISTS") {
      return [cmd[0], cmd[1], ...cmd.slice(2).map((s) => this.mapSha(s))];
    }
    return cmd;
  }
}

function toArg(v: unknown): string {
  if (typeof v === "string") return v;
  if (v === null || v === undefined) return "";
  if (typeof v === "number" || typeof v === "boolean") return String(v);
  return JSON.stringify(v);
}

function parseCommand(value: unknown): Command {
  if (!Array.isArray(value) || value.length === 0) throw new Error("ERR a command is a non-empty JSON array");
  return value.map(toArg);
}

function encode(reply: RedisReply, base64: boolean): unknown {
  if (reply === null || typeof reply === "number") return reply;
  if (reply instanceof RedisReplyError) return null;
  if (Array.isArray(reply)) return reply.map((r) => encode(r, base64));
  if (typeof reply === "string")
    return base64 && reply !== "OK" ? Buffer.from(reply).toString("base64") : reply;
  return base64 ? reply.toString("base64") : reply.toString("utf8");
}

function entry(reply: RedisReply, base64: boolean): Entry {
  return reply instanceof RedisReplyError ? { error: reply.message } : { result: encode(reply, base64) };
}

async function readBody(req: http.IncomingMessage): Promise<unknown> {
  const chunks: Buffer[] = [];
  for await (const chunk of req) chunks.push(chunk as Buffer);
  const text = Buffer.concat(chunks).toString("utf8");
  return text ? JSON.parse(text) : undefined;
}

function send(res: http.ServerResponse, status: number, body: unknown): void {
  res.writeHead(status, { "Content-Type": "application/json" });
  res.end(JSON.stringify(body));
}

export async function startUpstashRestServer(options: UpstashRestServerOptions): Promise<UpstashRestServer> {
  const shim = new ScriptShim();
  const requests = new Map<string, number>();
  let client: RespClient | undefined;
  let connecting: Promise<RespClient> | undefined;
  const redis = async (): Promise<RespClient> => {
    if (client && !client.isClosed) return client;
    connecting ??= RespClient.connect(options.redisPort, options.redisHost).finally(() => {
      connecting = undefined;
    });
    client = await connecting;
    return client;
  };
  // Scripts rewritten; SCRIPT LOAD answers with the client's SHA, not the stripped one.
  const run = async (commands: Command[]): Promise<RedisReply[]> => {
    const replies = await (await redis()).send(commands.map((c) => shim.rewrite(c)));
    return replies.map((reply, i) => {
      const cmd = commands[i];
      const isLoad = cmd[0].toUpperCase() === "SCRIPT" && cmd[1]?.toUpperCase() === "LOAD";
      return isLoad && !(reply instanceof RedisReplyError) ? sha1(cmd[2]) : reply;
    });
  };

  const handle = async (req: http.IncomingMessage, res: http.ServerResponse): Promise<void> => {
    const path = new URL(req.url ?? "/", "http://x").pathname.replace(/\/+$/, "") || "/";
    requests.set(path, (requests.get(path) ?? 0) + 1);
    if (req.headers.authorization !== `Bearer ${options.token}`)
      return send(res, 401, { error: "Unauthorized" });
    if (req.method !== "POST") return send(res, 405, { error: "ERR only POST is supported here" });
    const base64 = String(req.headers["upstash-encoding"] ?? "").toLowerCase() === "base64";
    const body = await readBody(req);
    if (path === "/") {
      const [reply] = await run([parseCommand(body)]);
      const e = entry(reply, base64);
      return send(res, "error" in e ? 400 : 200, e);
    }
    if (!Array.isArray(body)) return send(res, 400, { error: "ERR expected an array of commands" });
    const commands = body.map(parseCommand);
    if (path === "/pipeline")
      return send(
        res,
        200,
        (await run(commands)).map((r) => entry(r, base64)),
      );
    if (path === "/multi-exec") {
      const replies = await run([["MULTI"], ...commands, ["EXEC"]]);
      const exec = replies[replies.length - 1];
      if (exec instanceof RedisReplyError || !Array.isArray(exec)) {
        const queued = replies.slice(1, -1).find((r) => r instanceof RedisReplyError) as
          | RedisReplyError
          | undefined;
        return send(res, 400, {
          error: (queued ?? (exec as RedisReplyError))?.message ?? "ERR transaction failed",
        });
      }
      return send(
        res,
        200,
        exec.map((r) => entry(r, base64)),
      );
    }
    return send(res, 404, { error: `ERR unknown path ${path}` });
  };

  const sockets = new Set<net.Socket>();
  const server = http.createServer((req, res) => {
    handle(req, res).catch((err: Error) => {
      const parseError = err instanceof SyntaxError || err.message.startsWith("ERR ");
      if (!res.headersSent)
        send(res, parseError ? 400 : 500, { error: `ERR ${err.message.replace(/^ERR /, "")}` });
    });
  });
  server.on("connection", (s) => {
    sockets.add(s);
    s.on("close", () => sockets.delete(s));
  });
  await new Promise<void>((resolve) => server.listen(options.port ?? 0, "127.0.0.1", resolve));
  const { port } = server.address() as net.AddressInfo;
  return {
    url: `http://127.0.0.1:${port}`,
    token: options.token,
    requests,
    stop: () =>
      new Promise<void>((resolve) => {
        client?.close();
        for (const s of sockets) s.destroy();
        server.close(() => resolve());
      }),
  };
}

function flag(argv: string[], name: string, fallback: string): string {
  const i = argv.indexOf(`--${name}`);
  return i >= 0 && argv[i + 1] ? argv[i + 1] : fallback;
}

if (process.argv[1] && import.meta.url === pathToFileURL(process.argv[1]).href) {
  const argv = process.argv.slice(2);
  const server = await startUpstashRestServer({
    redisPort: Number(flag(argv, "redis-port", "6379")),
    port: Number(flag(argv, "port", "8079")),
    token: flag(argv, "token", "dev-token"),
  });
  console.log(
    `Upstash REST server on ${server.url} (token from --token) -> redis :${flag(argv, "redis-port", "6379")}`,
  );
  process.on("SIGINT", () => void server.stop().then(() => process.exit(0)));
}
