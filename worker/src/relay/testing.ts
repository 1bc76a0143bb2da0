/**
 * Test harness for the relay's workerd tests (imported only by *.test.ts): open sockets
 * through the real app and Durable Object, wait for messages by type (conditions, never
 * sleeps), link a connector, and send protocol messages.
 */
import { createExecutionContext, env } from "cloudflare:test";
import { encodeMessage, type Message, type OutgoingMessage } from "../../../core/protocol/index.ts";
import { createApp } from "../app.ts";
import { type Account, call } from "../auth/testing.ts";

const app = createApp();
export const ORIGIN = "http://localhost:8787";
const testEnv = { ...env, RATE_LIMIT_TIMEOUT_MS: "15000" };

export interface TestSocket {
  ws: WebSocket;
  received: Message[];
  send(message: OutgoingMessage | Record<string, unknown>): void;
  /** Resolves with the next message of `type` not yet taken (waits for it). */
  next<T extends Message["type"]>(type: T, timeoutMs?: number): Promise<Extract<Message, { type: T }>>;
  /** How many messages of `type` arrived so far. */
  count(type: Message["type"]): number;
  closed: Promise<{ code: number; reason: string }>;
}

export async function openSocket(
  url: string,
  origin?: string,
): Promise<{ status: number; socket?: TestSocket; json?: unknown }> {
  const headers = new Headers({ Upgrade: "websocket", "CF-Connecting-IP": "10.8.0.1" });
  if (origin) headers.set("Origin", origin);
  const res = await app.fetch(
    new Request(`http://localhost${url}`, { headers }),
    testEnv,
    createExecutionContext(),
  );
  if (!res.webSocket) return { status: res.status, json: await res.json().catch(() => null) };
  const ws = res.webSocket;
  ws.accept();
  const received: Message[] = [];
  const taken = new Set<number>();
  const listeners = new Set<() => void>();
  ws.addEventListener("message", (e) => {
    received.push(JSON.parse(e.data as string) as Message);
    for (const l of [...listeners]) l();
  });
  const closed = new Promise<{ code: number; reason: string }>((resolve) =>
    ws.addEventListener("close", (e) => resolve({ code: e.code, reason: e.reason })),
  );
  const socket: TestSocket = {
    ws,
    received,
    send: (m) => ws.send(encodeMessage(m as OutgoingMessage)),
    count: (type) => received.filter((m) => m.type === type).length,
    next: (type, timeoutMs = 10_000) =>
      new Promise((resolve, reject) => {
        const check = () => {
          const i = received.findIndex((m, idx) => m.type === type && !taken.has(idx));
          if (i < 0) return false;
          taken.add(i);
          listeners.delete(check as () => void);
          clearTimeout(timer);
          resolve(received[i] as never);
          return true;
        };
        const timer = setTimeout(() => {
          listeners.delete(check as () => void);
          reject(
            new Error(
              `no "${type}" message within ${timeoutMs} ms; got ${received.map((m) => m.type).join(",")}`,
            ),
          );
        }, timeoutMs);
        if (!check()) listeners.add(check as () => void);
      }),
    closed,
  };
  return { status: 101, socket };
}

export async function appTicket(account: Account): Promise<string> {
  const r = await call("/relay/tickets", { method: "POST", token: account.accessToken });
  if (r.status !== 201) throw new Error(`ticket failed: ${r.status} ${r.text}`);
  return r.json.url;
}

/** A signed-in browser tab on the relay, after hello/welcome. */
export async function joinApp(account: Account): Promise<TestSocket> {
  const { socket } = await openSocket(await appTicket(account), ORIGIN);
  if (!socket) throw new Error("app socket refused");
  socket.send({ type: "hello", software: "forex-ai-app", version: "test" });
  await socket.next("welcome");
  return socket;
}

export async function linkConnector(
  account: Account,
  name = "test box",
): Promise<{ connectorId: string; token: string }> {
  const pairing = await call("/connector/pairings", { method: "POST", token: account.accessToken });
  const link = await call("/connector/link", { body: { code: pairing.json.code, name, version: "0.1.0" } });
  if (link.status !== 201) throw new Error(`link failed: ${link.status} ${link.text}`);
  return { connectorId: link.json.connectorId, token: link.json.token };
}

/** A linked connector on the relay (paper broker unless given), after hello/welcome. */
export async function joinConnector(
  token: string,
  broker: { kind: "paper" | "oanda" | "mt5"; live: boolean } = { kind: "paper", live: false },
): Promise<TestSocket & { welcome: Extract<Message, { type: "welcome" }> }> {
  const t = await call("/connector/tickets", { method: "POST", token });
  if (t.status !== 201) throw new Error(`connector ticket failed: ${t.status} ${t.text}`);
  const { socket } = await openSocket(t.json.url);
  if (!socket) throw new Error("connector socket refused");
  socket.send({ type: "hello", software: "forex-ai-connector", version: "0.1.0", broker });
  return Object.assign(socket, { welcome: await socket.next("welcome") });
}

export const placeEurusd = (units = 10_000) =>
  ({ action: "place", order: { symbol: "EURUSD", side: "buy", units, type: "market" } }) as const;

export const inSeconds = (s: number) => Date.now() + s * 1000;

export { env, testEnv };
