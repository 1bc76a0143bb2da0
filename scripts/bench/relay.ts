/**
 * Relay benchmark (npm run bench:relay). Prints figures; the chaos run also prints whether
 * the broker ended with exactly one fill per order.
 *
 * Starts the local Worker (`node scripts/start.mjs --no-build --fresh` on BENCH_PORT with its
 * own persist dir), registers a user, pairs and links a paper connector
 * (`node connector/bin.mjs link/run` with its own config dir), then, over loopback:
 * 1. latency: ORDERS market orders app -> relay -> connector -> paper broker -> ack -> app,
 *    one at a time, p50/p99/max of the round trip;
 * 2. fan-out: the paper connector quoting 3 symbols every TICK_MS, 5 app sessions for
 *    FANOUT_S seconds: ticks/s received per session and whether every session received every
 *    tick (same sequence, no gaps);
 * 3. chaos: ORDERS more orders while a TCP proxy between the connector and the relay kills the
 *    connector's socket at random moments, the app's socket is killed at random moments, and
 *    the connector process is killed (SIGKILL) and restarted twice. The app keeps each order's
 *    idempotency key across reconnects (same key = same order); only an order the connector
 *    reports as never received (nothing placed) gets a new key. At the end the paper account
 *    (the connector's durable broker state) must hold exactly ORDERS fills for these orders.
 * Env: BENCH_PORT (default 8806), BENCH_ORDERS (1000), BENCH_FANOUT_S (10), BENCH_TICK_MS (20).
 */
import { type ChildProcess, spawn } from "node:child_process";
import { randomUUID } from "node:crypto";
import { mkdtemp, readFile, rm, writeFile } from "node:fs/promises";
import { createServer, type Server, type Socket, connect as tcpConnect } from "node:net";
import { cpus, loadavg, tmpdir } from "node:os";
import { join } from "node:path";
import WebSocket from "ws";
import { RandomWalkSource } from "../../connector/src/broker/paper/quote-source.ts";
import {
  type CommandBody,
  decodeMessage,
  encodeMessage,
  type Message,
  type MessageOf,
} from "../../core/protocol/index.ts";
import { waitForHealth } from "./app-server.ts";

const PORT = Number(process.env.BENCH_PORT ?? 8806);
const BASE = `http://127.0.0.1:${PORT}`;
const ORIGIN = `http://localhost:${PORT}`;
const ORDERS = Number(process.env.BENCH_ORDERS ?? 1000);
const FANOUT_S = Number(process.env.BENCH_FANOUT_S ?? 10);
const TICK_MS = Number(process.env.BENCH_TICK_MS ?? 20);
const SESSIONS = 5;
const PASSWORD = "Bench-Relay-Lantern-47";
const ACK_WAIT_MS = 4000;

const percentile = (sorted: number[], p: number) =>
  sorted.length ? sorted[Math.min(sorted.length - 1, Math.ceil((p / 100) * sorted.length) - 1)] : Number.NaN;
const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));

// ---------------------------------------------------------------- server
function startServer(persist: string): ChildProcess {
  const args = [
    "scripts/start.mjs",
    "--no-build",
    "--fresh",
    "--port",
    String(PORT),
    "--persist-to",
    persist,
    "--var",
    `ALLOWED_ORIGINS:${ORIGIN}`,
    "--var",
    `APP_ORIGIN:${ORIGIN}`,
    // 1,000 orders from one user in minutes: past the trading budget (30 a minute), which a
    // development server may be told to skip (worker/src/relay/effects.ts)
    "--var",
    "RELAY_ORDER_BUDGET:off",
  ];
  console.log(`$ node ${args.join(" ")}`);
  return spawn(process.execPath, args, { stdio: ["ignore", "ignore", "inherit"], detached: true });
}

async function api<T>(path: string, init: RequestInit & { token?: string } = {}): Promise<T> {
  const headers: Record<string, string> = { "Content-Type": "application/json", Origin: ORIGIN };
  if (init.token) headers.Authorization = `Bearer ${init.token}`;
  const r = await fetch(`${BASE}${path}`, { ...init, headers });
  if (!r.ok) throw new Error(`${init.method ?? "GET"} ${path}: ${r.status} ${await r.text()}`);
  return (await r.json()) as T;
}

// ---------------------------------------------------------------- chaos proxy
/** A TCP proxy in front of the relay for the connector; kill() drops every open connection. */
class ChaosProxy {
  private server: Server | undefined;
  private readonly pairs = new Set<[Socket, Socket]>();
  port = 0;
  async start(): Promise<void> {
    this.server = createServer((client) => {
      const upstream = tcpConnect(PORT, "127.0.0.1");
      const pair: [Socket, Socket] = [client, upstream];
      this.pairs.add(pair);
      client.pipe(upstream);
      upstream.pipe(client);
      const end = () => {
        client.destroy();
        upstream.destroy();
        this.pairs.delete(pair);
      };
      client.on("error", end).on("close", end);
      upstream.on("error", end).on("close", end);
    });
    await new Promise<void>((r) => this.server!.listen(0, "127.0.0.1", r));
    this.port = (this.server.address() as { port: number }).port;
  }
  kill(): number {
    const n = this.pairs.size;
    for (const [a, b] of this.pairs) {
      a.destroy();
      b.destroy();
    }
    this.pairs.clear();
    return n;
  }
  stop(): void {
    this.kill();
    this.server?.close();
  }
}

// ---------------------------------------------------------------- connector process
class ConnectorProcess {
  child: ChildProcess | undefined;
  starts = 0;
  constructor(private readonly dir: string) {}
  async start(): Promise<void> {
    this.starts++;
    const child = spawn(
      process.execPath,
      ["connector/bin.mjs", "run", "--config", this.dir, "--no-settings"],
      {
        stdio: ["ignore", "pipe", "pipe"],
      },
    );
    this.child = child;
    let out = "";
    child.stdout!.on("data", (d) => {
      out += d;
    });
    child.stderr!.on("data", (d) => {
      out += d;
    });
    for (let i = 0; i < 1500; i++) {
      if (out.includes("forex-ai-connector ready")) return;
      if (child.exitCode !== null) throw new Error(`connector exited:\n${out}`);
      await sleep(20);
    }
    throw new Error(`connector not ready:\n${out}`);
  }
  kill(signal: NodeJS.Signals): Promise<void> {
    const child = this.child;
    if (!child || child.exitCode !== null) return Promise.resolve();
    return new Promise((resolve) => {
      child.once("exit", () => resolve());
      child.kill(signal);
    });
  }
}

// ---------------------------------------------------------------- app session
class AppSession {
  ws: WebSocket | undefined;
  private readonly waiters = new Map<string, (m: Message) => void>();
  onQuotes: (m: MessageOf<"quotes">) => void = () => {};
  connectorOnline = false;
  constructor(private readonly accessToken: string) {}

  async open(): Promise<void> {
    const ticket = await api<{ url: string }>("/api/v1/relay/tickets", {
      method: "POST",
      token: this.accessToken,
    });
    const ws = new WebSocket(`ws://127.0.0.1:${PORT}${ticket.url}`, { headers: { Origin: ORIGIN } });
    this.ws = ws;
    await new Promise<void>((resolve, reject) => {
      ws.once("open", () => resolve());
      ws.once("error", reject);
    });
    const welcomed = new Promise<void>((resolve) => {
      ws.on("message", (data) => {
        const d = decodeMessage(data.toString());
        if (!d.ok) return;
        const m = d.message;
        if (m.type === "welcome") {
          this.connectorOnline = m.presence.online;
          resolve();
        } else if (m.type === "presence") this.connectorOnline = m.presence.online;
        else if (m.type === "quotes") this.onQuotes(m);
        if ((m.type === "ack" || m.type === "error") && m.key) this.waiters.get(m.key)?.(m);
      });
    });
    ws.send(encodeMessage({ type: "hello", software: "bench-relay", version: "1" }));
    await welcomed;
  }

  get open_(): boolean {
    return this.ws?.readyState === WebSocket.OPEN;
  }

  kill(): void {
    this.ws?.terminate();
  }

  /** Sends a command and resolves with its ack or error, or "lost" (socket closed / no answer in time). */
  request(key: string, command: CommandBody): Promise<Message | "lost"> {
    const ws = this.ws;
    if (!ws || ws.readyState !== WebSocket.OPEN) return Promise.resolve("lost");
    return new Promise((resolve) => {
      const done = (m: Message | "lost") => {
        clearTimeout(timer);
        ws.off("close", onClose);
        this.waiters.delete(key);
        resolve(m);
      };
      const onClose = () => done("lost");
      const timer = setTimeout(() => done("lost"), ACK_WAIT_MS);
      ws.on("close", onClose);
      this.waiters.set(key, done);
      ws.send(encodeMessage({ type: "command", key, expiresAt: Date.now() + 60_000, command }));
    });
  }

  close(): void {
    this.ws?.close(1000);
  }
}

const order = (i: number): CommandBody => ({
  action: "place",
  order: { symbol: "EURUSD", side: i % 2 === 0 ? "buy" : "sell", units: 1000, type: "market" },
});

// ---------------------------------------------------------------- runs
async function latencyRun(app: AppSession): Promise<void> {
  const times: number[] = [];
  let filled = 0;
  let reopened = 0;
  const started = performance.now();
  for (let i = 0; i < ORDERS; i++) {
    if (!app.open_) {
      reopened++;
      await app.open();
    }
    const key = `lat-${randomUUID()}`;
    const t0 = performance.now();
    let answer = await app.request(key, order(i));
    while (answer === "lost") {
      reopened++;
      await app.open();
      answer = await app.request(key, order(i)); // same key: the relay answers from storage
    }
    times.push(performance.now() - t0);
    if (answer.type === "ack" && answer.result.status === "filled") filled++;
  }
  const total = (performance.now() - started) / 1000;
  times.sort((a, b) => a - b);
  console.log(
    `\n1. Order round trip (app -> relay -> connector -> paper broker -> ack -> app), ${ORDERS} orders, one at a time`,
  );
  console.log(
    `   filled acks: ${filled}/${ORDERS} in ${total.toFixed(1)} s (${(ORDERS / total).toFixed(0)} orders/s); app socket reopened ${reopened} times`,
  );
  console.log(
    `   latency p50 ${percentile(times, 50).toFixed(1)} ms, p99 ${percentile(times, 99).toFixed(1)} ms, max ${times[times.length - 1].toFixed(1)} ms`,
  );
}

async function fanoutRun(token: string): Promise<void> {
  const sessions = await Promise.all(Array.from({ length: SESSIONS }, () => new AppSession(token)));
  const seen: string[][] = sessions.map(() => []);
  const walk: string[][] = sessions.map(() => []);
  await Promise.all(sessions.map((s) => s.open()));
  let recording = false;
  sessions.forEach((s, n) => {
    s.onQuotes = (m) => {
      if (!recording) return;
      for (const q of m.quotes) {
        seen[n].push(`${q.symbol}@${q.time}:${q.bid}`);
        walk[n].push(`${q.symbol}:${q.bid}`);
      }
    };
  });
  await sleep(500);
  recording = true;
  await sleep(FANOUT_S * 1000);
  recording = false;
  await sleep(300);
  // Compare on the window every session covered: from the latest first tick to the earliest last tick.
  const firstCommon = seen.map((list) => list[0]);
  const start = firstCommon.reduce((a, b) => (seen[0].indexOf(a) > seen[0].indexOf(b) ? a : b));
  const trimmed = seen.map((list) => list.slice(Math.max(0, list.indexOf(start))));
  const minLen = Math.min(...trimmed.map((l) => l.length));
  const same = trimmed.every((l) => l.slice(0, minLen).join("|") === trimmed[0].slice(0, minLen).join("|"));
  console.log(
    `\n2. Quote fan-out: paper connector ticking 3 symbols every ${TICK_MS} ms, ${SESSIONS} app sessions, ${FANOUT_S} s`,
  );
  for (const [n, list] of seen.entries()) {
    console.log(`   session ${n + 1}: ${list.length} ticks, ${(list.length / FANOUT_S).toFixed(0)} ticks/s`);
  }
  console.log(
    `   every session received the same ticks in the same order over the common window (${minLen} ticks): ${same ? "yes, no loss" : "NO"}`,
  );
  // Against the source: the paper connector's random walk is seeded (seed 1), so the exact
  // sequence it sent can be regenerated; session 1's ticks must be one contiguous run of it.
  const source = new RandomWalkSource(["EURUSD", "GBPUSD", "USDJPY"], TICK_MS, 1, () => 0);
  const expected: string[] = [];
  const received = walk[0];
  let at = -1;
  for (let tick = 0; tick < 2_000_000 && at < 0; tick++) {
    for (const q of source.tick()) expected.push(`${q.symbol}:${q.bid}`);
    for (let off = 0; off < 3 && at < 0; off++) {
      const from = expected.length - 33 - off;
      if (from >= 0 && expected.slice(from, from + 30).join("|") === received.slice(0, 30).join("|"))
        at = from;
    }
  }
  while (at >= 0 && expected.length < at + received.length)
    for (const q of source.tick()) expected.push(`${q.symbol}:${q.bid}`);
  const contiguous = at >= 0 && expected.slice(at, at + received.length).join("|") === received.join("|");
  console.log(
    `   session 1 against the regenerated seeded walk: ${contiguous ? `all ${received.length} ticks, contiguous, in order (no tick the connector sent was lost)` : "MISMATCH (gap or reorder)"}`,
  );
  for (const s of sessions) s.close();
}

async function chaosRun(token: string, connector: ConnectorProcess, proxy: ChaosProxy): Promise<number> {
  const app = new AppSession(token);
  await app.open();
  const restartAt = new Set([Math.floor(ORDERS * 0.33), Math.floor(ORDERS * 0.66)]);
  const keysUsed: string[] = [];
  const stats = { appKills: 0, connectorDrops: 0, restarts: 0, resends: 0, newKeys: 0, offline: 0 };
  let filled = 0;
  let doubleAck = 0;
  const ackedKeys = new Set<string>();
  for (let i = 0; i < ORDERS; i++) {
    let key = `chaos-${i}-${randomUUID()}`;
    keysUsed.push(key);
    if (restartAt.has(i)) {
      stats.restarts++;
      void (async () => {
        await sleep(Math.random() * 50);
        await connector.kill("SIGKILL");
        await connector.start();
      })();
    }
    for (;;) {
      if (Math.random() < 0.02) {
        stats.connectorDrops += proxy.kill() > 0 ? 1 : 0;
      }
      if (!app.open_) {
        try {
          await app.open();
        } catch {
          await sleep(200);
          continue;
        }
      }
      const pending = app.request(key, order(i));
      if (Math.random() < 0.02) {
        await sleep(Math.random() * 5);
        app.kill();
        stats.appKills++;
      }
      const answer = await pending;
      if (answer === "lost") {
        stats.resends++;
        continue; // same key again: the relay answers from storage, never a second order
      }
      if (answer.type === "error") {
        if (answer.code === "connector_offline") stats.offline++;
        await sleep(100);
        continue; // not stored by the relay: the same key is still unused
      }
      if (answer.type !== "ack") continue;
      if (answer.result.status === "filled") {
        if (ackedKeys.has(key)) doubleAck++;
        ackedKeys.add(key);
        filled++;
        break;
      }
      if (answer.result.status === "pending") {
        await sleep(200);
        continue;
      }
      // Rejected as never received / not placed: nothing exists at the broker, a new key is safe.
      stats.newKeys++;
      key = `chaos-${i}-${randomUUID()}`;
      keysUsed.push(key);
    }
  }
  app.close();
  await sleep(500);
  await connector.kill("SIGTERM");
  console.log(
    `\n3. Chaos: ${ORDERS} orders; connector socket killed ${stats.connectorDrops} times (TCP proxy), app socket killed ${stats.appKills} times, connector process killed (SIGKILL) and restarted ${stats.restarts} times`,
  );
  console.log(
    `   app resends with the same key: ${stats.resends}; "connector offline" answers: ${stats.offline}; orders the connector never received, re-placed with a new key: ${stats.newKeys}`,
  );
  console.log(`   filled acks at the app: ${filled}; a second fill ack for the same key: ${doubleAck}`);
  return keysUsed.length;
}

async function brokerFills(dir: string, prefix: string): Promise<{ fills: number; orders: Set<number> }> {
  const saved = JSON.parse(await readFile(join(dir, "paper-account.json"), "utf8")) as {
    results: Record<string, { status: string }>;
  };
  let fills = 0;
  const orders = new Set<number>();
  for (const [key, r] of Object.entries(saved.results)) {
    if (!key.startsWith(prefix) || r.status !== "filled") continue;
    fills++;
    orders.add(Number(key.split("-")[1]));
  }
  return { fills, orders };
}

async function main(): Promise<void> {
  const persist = await mkdtemp(join(tmpdir(), "bench-relay-state-"));
  const dir = await mkdtemp(join(tmpdir(), "bench-relay-connector-"));
  const server = startServer(persist);
  const proxy = new ChaosProxy();
  const connector = new ConnectorProcess(dir);
  try {
    await waitForHealth(BASE);
    const email = `bench-${Date.now()}@example.com`;
    const { accessToken } = await api<{ accessToken: string }>("/api/v1/auth/register", {
      method: "POST",
      body: JSON.stringify({ email, password: PASSWORD }),
    });
    const { code } = await api<{ code: string }>("/api/v1/connector/pairings", {
      method: "POST",
      token: accessToken,
    });
    await proxy.start();
    const link = spawn(
      process.execPath,
      [
        "connector/bin.mjs",
        "link",
        code,
        "--server",
        `http://127.0.0.1:${proxy.port}`,
        "--config",
        dir,
        "--name",
        "bench",
      ],
      { stdio: "inherit" },
    );
    await new Promise((r) => link.on("exit", r));
    const config = JSON.parse(await readFile(join(dir, "config.json"), "utf8"));
    config.broker.tickMs = TICK_MS;
    await writeFile(join(dir, "config.json"), JSON.stringify(config), { mode: 0o600 });
    await connector.start();
    console.log(
      `server 127.0.0.1:${PORT} (wrangler dev, local DO + D1), paper connector via TCP proxy :${proxy.port}`,
    );
    const load = loadavg()
      .map((x) => x.toFixed(1))
      .join(" ");
    console.log(`machine: ${cpus().length} CPUs, load average ${load} at the start (shared with other work)`);

    const app = new AppSession(accessToken);
    await app.open();
    await latencyRun(app);
    app.close();
    await fanoutRun(accessToken);
    const keys = await chaosRun(accessToken, connector, proxy);
    const { fills, orders } = await brokerFills(dir, "chaos-");
    const verdict =
      fills === ORDERS && orders.size === ORDERS ? "exactly once: none lost, none doubled" : "MISMATCH";
    console.log(
      `   paper broker (the connector's saved account): ${fills} fills for ${orders.size} distinct orders out of ${ORDERS} (${keys} keys used) -> ${verdict}`,
    );
    if (verdict === "MISMATCH") process.exitCode = 1;
    console.log(
      `\nload average at the end: ${loadavg()
        .map((x) => x.toFixed(1))
        .join(" ")}`,
    );
  } finally {
    await connector.kill("SIGTERM");
    proxy.stop();
    if (server.pid) {
      try {
        process.kill(-server.pid, "SIGTERM");
      } catch {}
    }
    await sleep(500);
    await rm(dir, { recursive: true, force: true });
    await rm(persist, { recursive: true, force: true });
  }
}

await main();
