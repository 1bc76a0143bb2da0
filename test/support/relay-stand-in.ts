/**
 * A minimal stand-in for the relay's connector side, for unit tests of the connector's relay
 * client and session (the real RelayRoom is tested in workerd and exercised by bench:relay):
 * POST /api/v1/connector/tickets with the connector token -> a single-use ticket; WebSocket
 * /api/v1/relay?ticket=... -> welcome after hello, listing commands it forwarded that were
 * never acknowledged; POST /api/v1/connector/link with the one pairing code -> the token;
 * GET /api/v1/connector/self answers online while a socket is open; DELETE revokes the token;
 * commands are sent with sendCommand(); acks, state and heartbeats received are recorded;
 * killSockets() drops every socket abruptly.
 */
import { randomUUID } from "node:crypto";
import { createServer, type Server } from "node:http";
import type { AddressInfo } from "node:net";
import { WebSocket, WebSocketServer } from "ws";
import {
  type CommandBody,
  decodeMessage,
  encodeMessage,
  type Message,
  type MessageOf,
} from "../../core/protocol/index.ts";

export class RelayStandIn {
  readonly token: string;
  readonly received: Message[] = [];
  readonly acks = new Map<string, MessageOf<"ack">>();
  /** Forwarded, not yet acknowledged. */
  readonly unacked = new Set<string>();
  ticketsIssued = 0;
  connections = 0;
  private server: Server | undefined;
  private wss: WebSocketServer | undefined;
  private readonly tickets = new Set<string>();
  private readonly sockets = new Set<WebSocket>();
  revoked = false;
  /** The one pairing code link accepts (single use). */
  pairingCode = "K7QD-M2XP";

  constructor(token = "fxc_test_token_0123456789abcdef") {
    this.token = token;
  }

  async start(): Promise<string> {
    this.wss = new WebSocketServer({ noServer: true });
    this.server = createServer((req, res) => {
      if (req.method === "POST" && req.url === "/api/v1/connector/link") {
        let body = "";
        req.on("data", (c) => {
          body += c;
        });
        req.on("end", () => {
          const parsed = JSON.parse(body) as { code: string; name?: string };
          const ok = parsed.code === this.pairingCode;
          res.writeHead(ok ? 201 : 400, { "Content-Type": "application/json" });
          res.end(
            JSON.stringify(
              ok
                ? { connectorId: "conn-1", name: parsed.name ?? "connector", token: this.token }
                : { error: { code: "invalid_code", message: "code: unknown, used or expired" } },
            ),
          );
          if (ok) this.pairingCode = "";
        });
        return;
      }
      if (req.method === "DELETE" && req.url === "/api/v1/connector/self") {
        const ok = req.headers.authorization === `Bearer ${this.token}`;
        if (ok) this.revoked = true;
        res.writeHead(ok ? 204 : 401);
        res.end();
        return;
      }
      if (req.method === "GET" && req.url === "/api/v1/connector/self") {
        if (this.revoked || req.headers.authorization !== `Bearer ${this.token}`) {
          res.writeHead(401, { "Content-Type": "application/json" });
          res.end(JSON.stringify({ error: { code: "unauthorized", message: "bad token" } }));
          return;
        }
        const online = this.openSockets > 0;
        res.writeHead(200, { "Content-Type": "application/json" });
        res.end(
          JSON.stringify({
            connectorId: "conn-1",
            name: "connector",
            current: true,
            online,
            lastSeen: this.connections > 0 ? Date.now() : null,
            broker: null,
            version: null,
          }),
        );
        return;
      }
      if (req.method === "POST" && req.url === "/api/v1/connector/tickets") {
        if (this.revoked || req.headers.authorization !== `Bearer ${this.token}`) {
          res.writeHead(401, { "Content-Type": "application/json" });
          res.end(JSON.stringify({ error: { code: "unauthorized", message: "bad token" } }));
          return;
        }
        const ticket = randomUUID();
        this.tickets.add(ticket);
        this.ticketsIssued++;
        res.writeHead(201, { "Content-Type": "application/json" });
        res.end(
          JSON.stringify({ ticket, url: `/api/v1/relay?ticket=${ticket}`, expiresAt: Date.now() + 60_000 }),
        );
        return;
      }
      res.writeHead(404);
      res.end();
    });
    this.server.on("upgrade", (req, socket, head) => {
      const ticket = new URL(req.url ?? "/", "http://x").searchParams.get("ticket") ?? "";
      if (!this.tickets.delete(ticket)) {
        socket.end("HTTP/1.1 401 Unauthorized\r\n\r\n");
        return;
      }
      this.wss!.handleUpgrade(req, socket, head, (ws) => this.accept(ws));
    });
    await new Promise<void>((resolve) => this.server!.listen(0, "127.0.0.1", resolve));
    return this.url;
  }

  get url(): string {
    return `http://127.0.0.1:${(this.server!.address() as AddressInfo).port}`;
  }

  get openSockets(): number {
    return [...this.sockets].filter((s) => s.readyState === WebSocket.OPEN).length;
  }

  async stop(): Promise<void> {
    for (const s of this.sockets) s.terminate();
    this.wss?.close();
    this.server?.closeAllConnections();
    await new Promise<void>((resolve) => this.server?.close(() => resolve()) ?? resolve());
  }

  killSockets(): void {
    for (const s of this.sockets) s.terminate();
  }

  /** Forwards a command to the connector (stored as unacknowledged first); false when none is connected. */
  sendCommand(key: string, command: CommandBody, expiresAt = Date.now() + 30_000): boolean {
    const open = [...this.sockets].filter((s) => s.readyState === WebSocket.OPEN);
    if (open.length === 0) return false;
    this.unacked.add(key);
    for (const s of open)
      s.send(encodeMessage({ type: "command", key, expiresAt, command, orderId: `ord-${key}` }));
    return true;
  }

  /** Records a command as forwarded without delivering it (a frame lost in flight). */
  loseCommand(key: string): void {
    this.unacked.add(key);
  }

  messages<T extends Message["type"]>(type: T): MessageOf<T>[] {
    return this.received.filter((m) => m.type === type) as MessageOf<T>[];
  }

  private accept(ws: WebSocket): void {
    this.sockets.add(ws);
    this.connections++;
    ws.on("close", () => this.sockets.delete(ws));
    ws.on("message", (data) => {
      const decoded = decodeMessage(data.toString());
      if (!decoded.ok) return;
      const m = decoded.message;
      this.received.push(m);
      if (m.type === "hello") {
        ws.send(
          encodeMessage({
            type: "welcome",
            role: "connector",
            sessionId: randomUUID(),
            time: Date.now(),
            presence: { online: true, lastSeen: Date.now(), broker: m.broker ?? null, version: m.version },
            unacked: [...this.unacked],
          }),
        );
      } else if (m.type === "heartbeat") {
        ws.send(encodeMessage({ type: "heartbeat", time: Date.now() }));
      } else if (m.type === "ack") {
        this.unacked.delete(m.key);
        if (!this.acks.has(m.key)) this.acks.set(m.key, m);
      }
    });
  }
}
