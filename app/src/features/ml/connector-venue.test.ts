/**
 * The connector venue's answers: a fill from the broker is "placed", a refusal by the relay
 * (as the relay answers on the socket: an error with a code and a message) or by the broker
 * is "refused" with the reason, no answer in time is "pending"; protective prices are sent
 * rounded to the symbol's digits. The broker side is a real core/paper account.
 */
import { describe, expect, it } from "vitest";
import { ConnectorVenue } from "./connector-venue.ts";
import { MemoryConnectorLink } from "./memory-connector-link.ts";

function linked() {
  const link = new MemoryConnectorLink(10_000);
  link.emit({ symbol: "EURUSD", bid: 1.1, ask: 1.1002, time: 1_000 });
  return link;
}

describe("ConnectorVenue", () => {
  it("reads side, balance and prices from the connector and places a rounded order once", async () => {
    const link = linked();
    const venue = new ConnectorVenue(link);
    expect(venue.price("EURUSD", "buy")).toBe(1.1002);
    expect(venue.price("EURUSD", "sell")).toBe(1.1);
    expect(venue.balance()).toBe(10_000);
    const answer = await venue.market({
      symbol: "EURUSD",
      side: "buy",
      units: 1_000,
      stopLoss: 1.1002 - 0.0001 * 5, // 1.0997000000000001 in binary floating point
    });
    expect(answer).toEqual({ status: "placed", detail: "placed: filled 1000 at 1.1002" });
    expect(link.arrived).toEqual([
      {
        action: "place",
        order: { symbol: "EURUSD", side: "buy", units: 1_000, type: "market", stopLoss: 1.0997 },
      },
    ]);
    expect(venue.side("EURUSD")).toBe(1);
    expect(await venue.closeAll("EURUSD")).toEqual({ status: "placed", detail: "closed" });
    expect(venue.side("EURUSD")).toBe(0);
    // Nothing open: no command is sent at all.
    expect(await venue.closeAll("EURUSD")).toEqual({ status: "placed", detail: "" });
    expect(link.arrived).toHaveLength(2);
  });

  it("reports the relay's refusal (the trading budget) with its message; nothing reaches the broker", async () => {
    const link = linked();
    link.refuse = { code: "rate_limited", message: "Too many orders: 30 a minute. Try again in 12 s." };
    const answer = await new ConnectorVenue(link).market({ symbol: "EURUSD", side: "sell", units: 1_000 });
    expect(answer).toEqual({
      status: "refused",
      detail: "not placed: Too many orders: 30 a minute. Try again in 12 s.",
    });
    expect(link.arrived).toEqual([]);
  });

  it("reports the broker's rejection with the broker's reason", async () => {
    const link = linked();
    // 10,000,000 units need 366,733 USD of margin at 1:30 (10,000,000 x 1.1002 / 30): refused.
    const answer = await new ConnectorVenue(link).market({
      symbol: "EURUSD",
      side: "buy",
      units: 10_000_000,
    });
    expect(answer.status).toBe("refused");
    expect(answer.detail).toMatch(/^rejected by the broker: .*margin/i);
  });

  it("says pending when the broker does not answer in time", async () => {
    const link = linked();
    link.hold = true;
    const answer = await new ConnectorVenue(link, 20).market({ symbol: "EURUSD", side: "buy", units: 1_000 });
    expect(answer).toMatchObject({
      status: "pending",
      detail: "pending: sent; the broker has not confirmed it yet",
    });
    // The order is not forgotten: its answer arrives when the broker sends it.
    link.answerHeld();
    expect(await answer.settled).toEqual({ status: "placed", detail: "placed: filled 1000 at 1.1002" });
  });
});
