import { describe, expect, it } from "vitest";
import {
  checkMessage,
  commandFingerprint,
  decodeMessage,
  encodeMessage,
  isCommandLive,
  MAX_MESSAGE_BYTES,
  MIN_PROTOCOL_VERSION,
  maySend,
  PROTOCOL_VERSION,
  utf8ByteLength,
} from "./index.ts";

const place = {
  type: "command",
  key: "0f8fad5b-d9cb-469f-a165-70867728950e",
  expiresAt: 1_700_000_030_000,
  command: { action: "place", order: { symbol: "EURUSD", side: "buy", units: 10_000, type: "market" } },
} as const;

describe("protocol codec", () => {
  it("round-trips a command at the current version", () => {
    const text = encodeMessage(place);
    const decoded = decodeMessage(text);
    expect(decoded).toEqual({ ok: true, message: { v: PROTOCOL_VERSION, ...place } });
  });

  it("accepts the previous version (N-1) and refuses older and newer ones", () => {
    expect(checkMessage({ ...place, v: MIN_PROTOCOL_VERSION }).ok).toBe(true);
    const old = checkMessage({ ...place, v: MIN_PROTOCOL_VERSION - 1 });
    expect(old).toMatchObject({ ok: false, error: { code: "unsupported_version" } });
    if (!old.ok) expect(old.error.message).toContain("update the connector");
    const future = checkMessage({ ...place, v: PROTOCOL_VERSION + 1 });
    expect(future).toMatchObject({ ok: false, error: { code: "unsupported_version" } });
    expect(checkMessage({ type: "heartbeat", time: 1 })).toMatchObject({ ok: false });
  });

  it("presence: connectorId is optional (a relay that does not send it still parses) and kept when sent", () => {
    const presence = { online: true, lastSeen: 1_700_000_000_000, broker: null, version: "0.1.0" };
    const without = checkMessage({ v: MIN_PROTOCOL_VERSION, type: "presence", presence });
    expect(without).toMatchObject({ ok: true, message: { presence } });
    const withId = checkMessage({
      v: PROTOCOL_VERSION,
      type: "presence",
      presence: { ...presence, connectorId: "c-123" },
    });
    expect(withId).toMatchObject({ ok: true, message: { presence: { connectorId: "c-123" } } });
  });

  it("names the field that is wrong", () => {
    const bad = checkMessage({
      ...place,
      v: PROTOCOL_VERSION,
      command: { action: "place", order: { ...place.command.order, units: 0 } },
    });
    expect(bad.ok).toBe(false);
    if (!bad.ok) expect(bad.error.message).toBe("command.order.units: units must be greater than 0");
    const limit = checkMessage({
      ...place,
      v: PROTOCOL_VERSION,
      command: { action: "place", order: { ...place.command.order, type: "limit" } },
    });
    if (!limit.ok)
      expect(limit.error.message).toBe("command.order.price: price is required for limit and stop orders");
    expect(limit.ok).toBe(false);
    expect(checkMessage({ v: PROTOCOL_VERSION, type: "teleport" })).toMatchObject({
      ok: false,
      error: { code: "bad_message" },
    });
    expect(decodeMessage("{not json")).toMatchObject({ ok: false, error: { code: "bad_message" } });
  });

  it("refuses a frame over 64 KB before parsing it, quoting the limit", () => {
    expect(MAX_MESSAGE_BYTES).toBe(65_536);
    const quotes = Array.from({ length: 200 }, (_, i) => ({
      symbol: "EURUSD",
      bid: 1.1 + i,
      ask: 1.2 + i,
      time: i,
    }));
    const padding = "x".repeat(MAX_MESSAGE_BYTES);
    const big = JSON.stringify({ v: PROTOCOL_VERSION, type: "quotes", quotes, padding });
    const result = decodeMessage(big);
    expect(result).toMatchObject({ ok: false, error: { code: "too_large" } });
    if (!result.ok) expect(result.error.message).toContain("65536 bytes");
    expect(() =>
      encodeMessage({ type: "error", code: "internal", message: "ok", key: padding } as never),
    ).toThrow(/limit is 65536/);
  });

  it("counts UTF-8 bytes like TextEncoder (reference: Node's Buffer.byteLength)", () => {
    for (const s of ["abc", "é", "€", "😀", "a😀é€", "\ud800x"]) {
      expect(utf8ByteLength(s)).toBe(Buffer.byteLength(s, "utf8"));
    }
  });
});

describe("protocol roles", () => {
  it("lets only apps send commands and only connectors send state, fills and acks", () => {
    expect(maySend("app", "command")).toBe(true);
    expect(maySend("connector", "command")).toBe(false);
    expect(maySend("api", "command")).toBe(false);
    for (const type of ["quotes", "account", "positions", "orders", "fill", "ack"] as const) {
      expect(maySend("connector", type)).toBe(true);
      expect(maySend("app", type)).toBe(false);
      expect(maySend("api", type)).toBe(false);
    }
    expect(maySend("app", "welcome")).toBe(false);
  });
});

describe("commands", () => {
  it("fingerprints by content, ignoring key order and undefined fields", () => {
    const a = commandFingerprint({ action: "close", symbol: "EURUSD", units: 1000 });
    const b = commandFingerprint({ units: 1000, symbol: "EURUSD", action: "close", positionId: undefined });
    const c = commandFingerprint({ action: "close", symbol: "EURUSD", units: 2000 });
    expect(a).toBe(b);
    expect(a).not.toBe(c);
  });

  it("is live strictly before its expiry", () => {
    expect(isCommandLive(1000, 999)).toBe(true);
    expect(isCommandLive(1000, 1000)).toBe(false);
  });
});

describe("pairing codes", () => {
  it("normalises case, spaces and the dash, and says what a code looks like", async () => {
    const { pairingCodeSchema } = await import("./index.ts");
    expect(pairingCodeSchema.parse(" k7qd-m2xp ")).toBe("K7QD-M2XP");
    expect(pairingCodeSchema.parse("K7QDM2XP")).toBe("K7QD-M2XP");
    const bad = pairingCodeSchema.safeParse("K7QD-M2X");
    expect(bad.success).toBe(false);
    if (!bad.success) expect(bad.error.issues[0].message).toContain("K7QD-M2XP");
  });
});
