/**
 * Edge benchmark (npm run bench:edge). Prints figures, asserts nothing.
 *
 * Starts the local Worker (`node scripts/start.mjs --no-build --port 8796 --persist-to
 * /tmp/bench-edge --fresh`), registers USERS accounts (distinct emails and CF-Connecting-IP,
 * so the auth limiter's 5/min per IP+email is never hit), then runs autocannon with
 * CONNECTIONS connections for DURATION seconds, each connection signed in as its own user
 * and looping GET settings -> PUT settings (with the version just read) -> GET sessions ->
 * GET health. Latency percentiles come from every response time (autocannon's histogram
 * has no p95). That is the closed-loop maximum: each connection sends its next request as
 * soon as the previous one is answered. Then an open-loop run: OPEN_USERS users (300) each
 * send one request every OPEN_INTERVAL_S (2 s) on a fixed schedule whether or not earlier
 * answers came back (150 req/s offered), the same request mix; latency is measured from the
 * scheduled send time, so a server that falls behind shows it (no coordinated omission).
 * Then sequential logins give the login latency (PBKDF2 dominates it).
 * Env: BENCH_USERS, BENCH_CONNECTIONS, BENCH_DURATION, BENCH_LOGINS, BENCH_PORT,
 * BENCH_OPEN_USERS, BENCH_OPEN_INTERVAL, BENCH_OPEN_DURATION (the port must be free: the
 * script refuses to run against a server it did not start).
 *
 * "proxy drops" are 503s written by wrangler dev's ProxyWorker, not by the Worker: its fetch to
 * the Worker's runtime failed ("Network connection lost": a pooled keep-alive connection closed
 * by the other side as the request was written, both kj timeouts being 5 s), and wrangler 4.86
 * misreports every such failure as "Your worker restarted mid-request". GETs are retried by the
 * proxy (only slower); other methods are answered 503. They stay counted as errors. "reloads"
 * counts real Worker restarts (wrangler dev reloads when a watched source or dist/app changes).
 */
import { type ChildProcess, spawn } from "node:child_process";
import { readdirSync, readFileSync } from "node:fs";
import { Agent, request as httpRequest } from "node:http";
import { cpus, loadavg } from "node:os";
import autocannon from "autocannon";
import { PBKDF2_ITERATIONS } from "../../worker/src/auth/password-params.ts";
import { waitForHealth } from "./app-server.ts";

const PORT = Number(process.env.BENCH_PORT ?? 8796);
const BASE = `http://127.0.0.1:${PORT}`;
const CONNECTIONS = Number(process.env.BENCH_CONNECTIONS ?? 200);
const DURATION_S = Number(process.env.BENCH_DURATION ?? 30);
const OPEN_USERS = Number(process.env.BENCH_OPEN_USERS ?? 300);
const OPEN_INTERVAL_S = Number(process.env.BENCH_OPEN_INTERVAL ?? 2);
const OPEN_DURATION_S = Number(process.env.BENCH_OPEN_DURATION ?? 30);
const USERS = Number(process.env.BENCH_USERS ?? Math.max(CONNECTIONS, OPEN_USERS));
const LOGINS = Number(process.env.BENCH_LOGINS ?? 40);
const REGISTER_PARALLEL = 6;
/** Body of the 503 wrangler dev's proxy answers for a non-GET request it failed to forward. */
const PROXY_DROP_BODY = "Your worker restarted mid-request";
/** wrangler dev prints this on stdout each time it restarts the Worker's runtime. */
const RELOAD_LINE = "Reloading local server";
const PASSWORD = "Bench-Harbor-Compass-91";

interface BenchUser {
  email: string;
  ip: string;
  token: string;
}

function percentile(sorted: number[], p: number): number {
  if (sorted.length === 0) return Number.NaN;
  return sorted[Math.min(sorted.length - 1, Math.ceil((p / 100) * sorted.length) - 1)];
}

const ms = (x: number) => `${x.toFixed(1)} ms`;

/** The server's process tree (the start script, workerd, esbuild), for its CPU time. */
let serverPid: number | undefined;

function statFields(pid: number | string): string[] | undefined {
  try {
    const stat = readFileSync(`/proc/${pid}/stat`, "utf8");
    return stat.slice(stat.lastIndexOf(")") + 2).split(" ");
  } catch {
    return undefined;
  }
}

/** CPU time (user + system, ms) used so far by the server and its descendants (Linux /proc; NaN elsewhere). */
function serverCpuMs(): number {
  if (serverPid === undefined) return Number.NaN;
  const children = new Map<number, number[]>();
  try {
    for (const d of readdirSync("/proc")) {
      if (!/^\d+$/.test(d)) continue;
      const parent = Number(statFields(d)?.[1]);
      children.set(parent, [...(children.get(parent) ?? []), Number(d)]);
    }
  } catch {
    return Number.NaN;
  }
  const pids = [serverPid];
  for (let i = 0; i < pids.length; i++) pids.push(...(children.get(pids[i]) ?? []));
  const ticks = pids.reduce((sum, pid) => {
    const f = statFields(pid);
    return sum + (f ? Number(f[11]) + Number(f[12]) : 0);
  }, 0);
  return ticks * 10; // USER_HZ = 100
}

function cpuLine(cpuMs: number, requests: number, seconds: number): string {
  if (!Number.isFinite(cpuMs)) return "server CPU     (not measured: needs Linux /proc)";
  const per =
    requests > 0 ? `${(cpuMs / requests).toFixed(2)} ms per answered request` : "no request answered";
  return (
    `server CPU     ${per}; ` +
    `${(cpuMs / 1000 / seconds).toFixed(2)} cores busy on average (machine load: ${loadavg()[0].toFixed(2)})`
  );
}

/** Reloads wrangler dev reported on stdout since the server started. */
const reloads = { count: 0 };

function startServer(): ChildProcess {
  const args = [
    "scripts/start.mjs",
    "--no-build",
    "--port",
    String(PORT),
    "--persist-to",
    "/tmp/bench-edge",
    "--fresh",
  ];
  console.log(`$ node ${args.join(" ")}`);
  const child = spawn(process.execPath, args, { stdio: ["ignore", "pipe", "inherit"], detached: true });
  serverPid = child.pid;
  let tail = "";
  child.stdout?.setEncoding("utf8").on("data", (chunk: string) => {
    const text = tail + chunk;
    reloads.count += text.split(RELOAD_LINE).length - 1;
    tail = text.slice(-RELOAD_LINE.length);
  });
  return child;
}

function stopServer(server: ChildProcess): void {
  if (server.pid === undefined) return;
  try {
    process.kill(-server.pid, "SIGTERM");
  } catch {
    server.kill("SIGTERM");
  }
}

const ipOf = (i: number) => `10.${(i >> 16) & 255}.${(i >> 8) & 255}.${(i & 255) + 1}`;

async function register(i: number, runId: string): Promise<BenchUser> {
  const email = `bench-${runId}-${i}@example.com`;
  const ip = ipOf(i);
  let res: Response;
  for (let attempt = 1; ; attempt++) {
    res = await fetch(`${BASE}/api/v1/auth/register`, {
      method: "POST",
      headers: { "Content-Type": "application/json", "CF-Connecting-IP": ip },
      body: JSON.stringify({ email, password: PASSWORD }),
    });
    // wrangler dev answers 503 while it reloads the Worker after a source change.
    if (res.status !== 503 || attempt === 3) break;
    await res.arrayBuffer();
    await new Promise((r) => setTimeout(r, 2000));
  }
  if (res.status !== 201) throw new Error(`register ${email}: HTTP ${res.status} ${await res.text()}`);
  const body = (await res.json()) as { accessToken: string };
  return { email, ip, token: body.accessToken };
}

async function registerAll(): Promise<BenchUser[]> {
  const runId = Date.now().toString(36);
  const users: BenchUser[] = new Array(USERS);
  let next = 0;
  const t0 = performance.now();
  await Promise.all(
    Array.from({ length: REGISTER_PARALLEL }, async () => {
      while (next < USERS) {
        const i = next++;
        users[i] = await register(i, runId);
      }
    }),
  );
  console.log(`registered ${USERS} users in ${((performance.now() - t0) / 1000).toFixed(1)} s`);
  return users;
}

const LABELS = ["GET settings", "PUT settings", "GET sessions", "GET health"] as const;

interface Tally {
  times: number[];
  statuses: Map<number, number>;
  /** 503s written by wrangler dev's proxy (see the header comment), not by the Worker. */
  proxyDrops: number;
  /** One body per unexpected status, to say what went wrong. */
  samples: Map<string, string>;
}

function requestsFor(user: BenchUser, tally: Tally): autocannon.Request[] {
  const headers = { Authorization: `Bearer ${user.token}`, "CF-Connecting-IP": user.ip };
  const state = { version: 0, n: 0 };
  const sample = (label: string) => (status: number, body: string) => {
    if (status === 503 && body.startsWith(PROXY_DROP_BODY)) tally.proxyDrops++;
    const key = `${label} ${status}`;
    if (status >= 400 && !tally.samples.has(key)) tally.samples.set(key, body.slice(0, 200));
  };
  return [
    {
      method: "GET",
      path: "/api/v1/users/settings",
      headers,
      onResponse: (status: number, body: string) => {
        if (status === 200) state.version = (JSON.parse(body) as { version: number }).version;
        sample(LABELS[0])(status, body);
      },
    },
    {
      method: "PUT",
      path: "/api/v1/users/settings",
      headers: { ...headers, "Content-Type": "application/json" },
      setupRequest: (req: autocannon.Request) => {
        state.n++;
        const settings = {
          accountCurrency: "EUR",
          defaultRiskPercent: 1 + (state.n % 10) / 10,
          defaultLeverage: 30,
        };
        return { ...req, body: JSON.stringify({ settings, version: state.version }) };
      },
      onResponse: sample(LABELS[1]),
    },
    { method: "GET", path: "/api/v1/users/sessions", headers, onResponse: sample(LABELS[2]) },
    {
      method: "GET",
      path: "/api/v1/health",
      headers: { "CF-Connecting-IP": user.ip },
      onResponse: sample(LABELS[3]),
    },
  ] as autocannon.Request[];
}

function summarize(label: string, tally: Tally, seconds: number): void {
  const times = [...tally.times].sort((a, b) => a - b);
  const codes = [...tally.statuses]
    .sort(([a], [b]) => a - b)
    .map(([s, n]) => `${s}: ${n}`)
    .join(", ");
  console.log(
    `${label.padEnd(14)} n=${String(times.length).padEnd(6)} ${(times.length / seconds).toFixed(0).padStart(4)} req/s` +
      `  p50 ${ms(percentile(times, 50))}  p95 ${ms(percentile(times, 95))}  p99 ${ms(percentile(times, 99))}  [${codes}]`,
  );
}

const newTally = (): Tally => ({ times: [], statuses: new Map(), proxyDrops: 0, samples: new Map() });

async function mixedWorkload(users: BenchUser[]): Promise<void> {
  const all = newTally();
  const perLabel = LABELS.map(newTally);
  let clientIndex = 0;
  console.log(
    `\nmixed workload: ${CONNECTIONS} connections x ${DURATION_S} s, ${users.length} users, one user per ` +
      "connection, each looping GET settings -> PUT settings -> GET sessions -> GET health",
  );
  const reloadsBefore = reloads.count;
  const cpuBefore = serverCpuMs();
  const instance = autocannon({
    url: BASE,
    connections: CONNECTIONS,
    duration: DURATION_S,
    timeout: 30,
    requests: [{ method: "GET", path: "/api/v1/health" }],
    setupClient: (client) => {
      client.setRequests(requestsFor(users[clientIndex++ % users.length], all));
      // One request in flight per connection, so the k-th response answers request k mod 4.
      let k = 0;
      client.on("response", (statusCode: number, _bytes: number, responseTime: number) => {
        const t = perLabel[k++ % LABELS.length];
        for (const tally of [all, t]) {
          tally.times.push(responseTime);
          tally.statuses.set(statusCode, (tally.statuses.get(statusCode) ?? 0) + 1);
        }
      });
    },
  });
  const result = await instance;
  const cpuUsed = serverCpuMs() - cpuBefore;
  const count = (pred: (s: number) => boolean) =>
    [...all.statuses].filter(([s]) => pred(s)).reduce((sum, [, n]) => sum + n, 0);
  summarize("all", all, DURATION_S);
  for (const [i, label] of LABELS.entries()) summarize(label, perLabel[i], DURATION_S);
  console.log(
    `autocannon     req/s avg ${result.requests.average.toFixed(0)}, min ${result.requests.min}, max ${result.requests.max}; ` +
      `${result.errors} connection errors, ${result.timeouts} timeouts`,
  );
  console.log(
    `errors         ${count((s) => s >= 400 && s !== 429 && s !== 409)} HTTP errors (other than 409/429)` +
      `; rate limited (429): ${all.statuses.get(429) ?? 0}; settings conflicts (409): ${all.statuses.get(409) ?? 0}`,
  );
  console.log(
    `wrangler dev   proxy drops (503 "${PROXY_DROP_BODY}", counted above): ${all.proxyDrops}; ` +
      `Worker reloads during the run: ${reloads.count - reloadsBefore}`,
  );
  console.log(cpuLine(cpuUsed, all.times.length, DURATION_S));
  for (const [key, body] of all.samples) console.log(`  sample ${key}: ${body}`);
}

interface OpenResult {
  status: number;
  ms: number;
}

/** One HTTP request on a keep-alive agent; resolves with the status (0 = no answer). */
function send(
  agent: Agent,
  method: string,
  path: string,
  headers: Record<string, string>,
  body: string | undefined,
): Promise<{ status: number; text: string }> {
  return new Promise((resolve) => {
    const req = httpRequest(
      { host: "127.0.0.1", port: PORT, method, path, headers, agent, timeout: 30_000 },
      (res) => {
        let text = "";
        res.setEncoding("utf8");
        res.on("data", (c: string) => (text += c));
        res.on("end", () => resolve({ status: res.statusCode ?? 0, text }));
        res.on("error", () => resolve({ status: 0, text }));
      },
    );
    req.on("timeout", () => req.destroy(new Error("timeout")));
    req.on("error", () => resolve({ status: 0, text: "" }));
    req.end(body);
  });
}

/** Open loop: every user sends one request every OPEN_INTERVAL_S s on a fixed schedule. */
async function openLoop(users: BenchUser[]): Promise<void> {
  const n = Math.min(OPEN_USERS, users.length);
  const rate = n / OPEN_INTERVAL_S;
  console.log(
    `\nopen loop: ${n} users x one request every ${OPEN_INTERVAL_S} s for ${OPEN_DURATION_S} s ` +
      `(${rate.toFixed(0)} req/s offered, phases spread evenly; same request mix), latency from the scheduled send time`,
  );
  const agent = new Agent({ keepAlive: true, maxSockets: Number.POSITIVE_INFINITY });
  const results: OpenResult[] = [];
  const samples = new Map<string, string>();
  const start = performance.now() + 200;
  const cpuBefore = serverCpuMs();
  const work: Promise<void>[] = [];
  for (let u = 0; u < n; u++) {
    const user = users[u];
    const headers = { Authorization: `Bearer ${user.token}`, "CF-Connecting-IP": user.ip };
    const state = { version: 0 };
    const phase = (u / n) * OPEN_INTERVAL_S * 1000;
    const count = Math.floor((OPEN_DURATION_S * 1000 - phase) / (OPEN_INTERVAL_S * 1000)) + 1;
    for (let k = 0; k < count; k++) {
      const at = start + phase + k * OPEN_INTERVAL_S * 1000;
      const kind = (u + k) % LABELS.length;
      work.push(
        new Promise<void>((done) => {
          setTimeout(
            async () => {
              const [method, path, body] =
                kind === 0
                  ? ["GET", "/api/v1/users/settings", undefined]
                  : kind === 1
                    ? [
                        "PUT",
                        "/api/v1/users/settings",
                        JSON.stringify({
                          settings: { defaultRiskPercent: 1 + (k % 10) / 10 },
                          version: state.version,
                        }),
                      ]
                    : kind === 2
                      ? ["GET", "/api/v1/users/sessions", undefined]
                      : ["GET", "/api/v1/health", undefined];
              const h = body ? { ...headers, "Content-Type": "application/json" } : headers;
              const res = await send(agent, method, path, h, body);
              results.push({ status: res.status, ms: performance.now() - at });
              if (kind === 0 && res.status === 200)
                state.version = (JSON.parse(res.text) as { version: number }).version;
              if (kind === 1 && res.status === 200)
                state.version = (JSON.parse(res.text) as { version: number }).version;
              const key = `${LABELS[kind]} ${res.status}`;
              if ((res.status >= 400 || res.status === 0) && !samples.has(key))
                samples.set(key, res.text.slice(0, 200));
              done();
            },
            Math.max(0, at - performance.now()),
          );
        }),
      );
    }
  }
  await Promise.all(work);
  const cpuUsed = serverCpuMs() - cpuBefore;
  const wall = (performance.now() - start) / 1000;
  agent.destroy();
  const times = results.map((r) => r.ms).sort((a, b) => a - b);
  const statuses = new Map<number, number>();
  for (const r of results) statuses.set(r.status, (statuses.get(r.status) ?? 0) + 1);
  const errors = results.filter((r) => r.status === 0 || (r.status >= 400 && r.status !== 409)).length;
  const codes = [...statuses]
    .sort(([a], [b]) => a - b)
    .map(([s, c]) => `${s === 0 ? "no answer" : s}: ${c}`)
    .join(", ");
  console.log(
    `open loop      n=${results.length}  ${(results.length / OPEN_DURATION_S).toFixed(0)} req/s` +
      `  p50 ${ms(percentile(times, 50))}  p95 ${ms(percentile(times, 95))}  p99 ${ms(percentile(times, 99))}` +
      `  max ${ms(times.at(-1) ?? Number.NaN)}  [${codes}]`,
  );
  console.log(`errors         ${errors} (no answer or HTTP >= 400 other than 409 settings conflicts)`);
  console.log(cpuLine(cpuUsed, results.filter((r) => r.status !== 0).length, wall));
  for (const [key, body] of samples) console.log(`  sample ${key}: ${body}`);
}

async function loginLatency(users: BenchUser[]): Promise<void> {
  const n = Math.min(LOGINS, users.length);
  const times: number[] = [];
  let failed = 0;
  for (let i = 0; i < n; i++) {
    const u = users[i];
    const t0 = performance.now();
    const res = await fetch(`${BASE}/api/v1/auth/login`, {
      method: "POST",
      headers: { "Content-Type": "application/json", "CF-Connecting-IP": u.ip },
      body: JSON.stringify({ email: u.email, password: PASSWORD }),
    });
    await res.arrayBuffer();
    times.push(performance.now() - t0);
    if (res.status !== 200) failed++;
  }
  times.sort((a, b) => a - b);
  console.log(`\nlogin latency: ${n} sequential logins (distinct users), ${failed} not 200`);
  console.log(
    `PBKDF2-HMAC-SHA256, ${PBKDF2_ITERATIONS.toLocaleString("en-US")} iterations, 16-byte salt, 32-byte key ` +
      "(worker/src/auth/password.ts; stored as pbkdf2-sha256$i=...$salt$hash)",
  );
  console.log(
    `latency            p50 ${ms(percentile(times, 50))}  p95 ${ms(percentile(times, 95))}  max ${ms(times.at(-1) ?? Number.NaN)}`,
  );
}

async function portIsFree(): Promise<boolean> {
  try {
    await fetch(`${BASE}/api/v1/health`, { signal: AbortSignal.timeout(2000) });
    return false;
  } catch {
    return true;
  }
}

async function main(): Promise<void> {
  if (!(await portIsFree())) {
    throw new Error(`something already answers on ${BASE}: stop it or pick another port with BENCH_PORT=...`);
  }
  console.log(
    `load average before start: ${loadavg()
      .map((x) => x.toFixed(2))
      .join(" ")} (${cpus().length} CPUs)`,
  );
  const server = startServer();
  server.on("exit", (code) => {
    if (code) console.error(`the server exited with code ${code}`);
  });
  const stop = () => stopServer(server);
  process.on("SIGINT", () => {
    stop();
    process.exit(130);
  });
  try {
    await waitForHealth(BASE);
    const users = await registerAll();
    await mixedWorkload(users);
    await openLoop(users);
    await loginLatency(users);
  } finally {
    stop();
  }
}

main().catch((err) => {
  console.error(err);
  process.exitCode = 1;
});
