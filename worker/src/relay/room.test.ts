// The room logic over in-memory storage and sockets: the command is in storage at the
// moment it is forwarded (checklist 24), presence turns offline on silence (23), the
// offline email goes once after five minutes (alarm, no timers), fills notify, and the
// D1 effects send opted-in emails to the dev outbox.
import { env } from "cloudflare:test";
import { describe, expect, it } from "vitest";
import {
  encodeMessage,
  type Message,
  type OutgoingMessage,
  PRESENCE_TIMEOUT_MS,
} from "../../../core/protocol/index.ts";
import { call, register } from "../auth/testing.ts";
import { d1RoomEffects } from "./effects.ts";
import { MemoryRoomStorage } from "./memory-storage.ts";
import type { NotificationEvent, PeerAttachment, RoomEffects, RoomPeer } from "./ports.ts";
import { RelayRoomLogic } from "./room.ts";

class FakePeer implements RoomPeer {
  sent: Message[] = [];
  closedWith: number | null = null;
  onSend: (text: string) => void = () => {};
  constructor(public attachment: PeerAttachment) {}
  send(text: string) {
    this.onSend(text);
    this.sent.push(JSON.parse(text));
  }
  close(code: number) {
    this.closedWith = code;
  }
  setAttachment(a: PeerAttachment) {
    this.attachment = a;
  }
}

function setup() {
  let now = 1_700_000_000_000;
  const storage = new MemoryRoomStorage();
  const peers: FakePeer[] = [];
  const notified: NotificationEvent[] = [];
  const effects: RoomEffects = {
    stillAuthorised: async () => true,
    liveTradingEnabled: async () => false,
    notify: async (_user, event) => {
      notified.push(event);
    },
    spendTradingBudget: async () => null,
  };
  let ids = 0;
  const make = () =>
    new RelayRoomLogic({
      userId: "u1",
      storage,
      peers: { all: () => peers.filter((p) => p.closedWith === null) },
      effects,
      now: () => now,
      newId: () => `id${++ids}`,
    });
  const add = (role: PeerAttachment["role"]) => {
    const peer = new FakePeer({
      socketId: `s${peers.length}`,
      role,
      userId: "u1",
      sessionId: "sess",
      connectorId: "con",
      connectedAt: now,
    });
    peers.push(peer);
    return peer;
  };
  const say = (room: RelayRoomLogic, peer: FakePeer, m: OutgoingMessage) =>
    room.onMessage(peer, encodeMessage(m));
  return { storage, add, make, say, notified, advance: (ms: number) => (now += ms), now: () => now };
}

const hello = { type: "hello", software: "t", version: "1" } as const;
const paper = { kind: "paper", live: false } as const;

describe("relay room logic", () => {
  it("has the command in storage at the moment it is forwarded", async () => {
    const t = setup();
    const room = t.make();
    const connector = t.add("connector");
    const app = t.add("app");
    await t.say(room, connector, { ...hello, broker: paper });
    await t.say(room, app, hello);
    let storedWhenForwarded: unknown = "not sent";
    connector.onSend = (text) => {
      if (JSON.parse(text).type === "command") storedWhenForwarded = t.storage.data.get("cmd:key-0000001");
    };
    await t.say(room, app, {
      type: "command",
      key: "key-0000001",
      expiresAt: t.now() + 10_000,
      command: { action: "cancel", targetId: "X" },
    });
    expect(storedWhenForwarded).toMatchObject({ key: "key-0000001", result: { status: "pending" } });
  });

  it("serves a repeated key from a fresh instance over the same storage (restart)", async () => {
    const t = setup();
    const connector = t.add("connector");
    const app = t.add("app");
    const first = t.make();
    await t.say(first, connector, { ...hello, broker: paper });
    await t.say(first, app, hello);
    const command = {
      type: "command",
      key: "key-0000002",
      expiresAt: t.now() + 10_000,
      command: { action: "cancel", targetId: "X" },
    } as const;
    await t.say(first, app, command);
    await t.say(first, connector, {
      type: "ack",
      key: "key-0000002",
      result: { status: "cancelled", time: 1 },
    });
    const second = t.make();
    await t.say(second, app, command);
    expect(app.sent.at(-1)).toMatchObject({ type: "ack", replayed: true, result: { status: "cancelled" } });
    expect(connector.sent.filter((m) => m.type === "command")).toHaveLength(1);
  });

  it("turns silence into offline on the alarm and sends the offline email once, five minutes after last seen", async () => {
    const t = setup();
    const room = t.make();
    const connector = t.add("connector");
    const app = t.add("app");
    await t.say(room, connector, { ...hello, broker: paper });
    await t.say(room, app, hello);
    expect((await room.presence()).online).toBe(true);
    t.advance(PRESENCE_TIMEOUT_MS + 1000);
    expect((await room.presence()).online).toBe(false);
    await room.alarm();
    expect(app.sent.at(-1)).toMatchObject({ type: "presence", presence: { online: false } });
    expect(t.notified).toEqual([]);
    expect(await t.storage.getAlarm()).toBe(1_700_000_000_000 + 5 * 60_000);
    t.advance(5 * 60_000);
    await room.alarm();
    await room.alarm();
    expect(t.notified).toEqual([{ kind: "connector_offline", lastSeen: 1_700_000_000_000 }]);
  });

  it("notifies fills and stop-outs once per fill id", async () => {
    const t = setup();
    const room = t.make();
    const connector = t.add("connector");
    await t.say(room, connector, { ...hello, broker: paper });
    const fill = {
      id: "F9",
      symbol: "EURUSD",
      side: "sell",
      units: 1000,
      price: 1.05,
      reason: "stop_out",
      realizedPl: -80,
      time: 5,
    } as const;
    await t.say(room, connector, { type: "fill", fill });
    await t.say(room, connector, { type: "fill", fill });
    expect(t.notified).toEqual([
      { kind: "stop_out", symbol: "EURUSD", units: 1000, price: 1.05, realizedPl: -80 },
    ]);
    expect(await room.history(10)).toHaveLength(1);
  });
});

describe("the per-order trading budget (D1 effects)", () => {
  it("refuses the 31st order in a minute; the bench's switch is honoured in development only", async () => {
    const spend = async (effects: ReturnType<typeof d1RoomEffects>, userId: string) => {
      const answers: (string | null)[] = [];
      for (let i = 0; i < 31; i++) answers.push(await effects.spendTradingBudget(userId));
      return answers;
    };
    const prod = await spend(
      d1RoomEffects({ ...env, ENVIRONMENT: "production", RELAY_ORDER_BUDGET: "off" }, Date.now),
      `budget-prod-${crypto.randomUUID()}`,
    );
    expect(prod.slice(0, 30).every((a) => a === null)).toBe(true);
    expect(prod[30]).toMatch(/limit is 30 per minute for trading/);
    const dev = await spend(
      d1RoomEffects({ ...env, ENVIRONMENT: "development", RELAY_ORDER_BUDGET: "off" }, Date.now),
      `budget-dev-${crypto.randomUUID()}`,
    );
    expect(dev.every((a) => a === null)).toBe(true);
  });
});

describe("notification emails (D1 effects)", () => {
  it("emails fills only when the user opted in, and the offline notice under its own switch", async () => {
    const a = await register();
    const effects = d1RoomEffects(env, Date.now);
    const fill = {
      kind: "fill",
      symbol: "EURUSD",
      side: "buy",
      units: 1000,
      price: 1.1,
      realizedPl: 0,
    } as const;
    const count = async (template: string) =>
      (
        await env.DB.prepare("SELECT COUNT(*) AS n FROM dev_outbox WHERE to_address = ? AND template = ?")
          .bind(a.email, template)
          .first<{ n: number }>()
      )?.n;
    await effects.notify(a.userId, fill);
    await effects.notify(a.userId, { kind: "connector_offline", lastSeen: 1 });
    expect(await count("trade-notification")).toBe(0);
    expect(await count("connector-offline")).toBe(0);
    const put = await call("/users/settings", {
      method: "PUT",
      token: a.accessToken,
      body: { settings: { emailTradeNotifications: true, emailConnectorOffline: true }, version: 0 },
    });
    expect(put.status).toBe(200);
    await effects.notify(a.userId, fill);
    await effects.notify(a.userId, { kind: "connector_offline", lastSeen: 1 });
    expect(await count("trade-notification")).toBe(1);
    expect(await count("connector-offline")).toBe(1);
  });
});
