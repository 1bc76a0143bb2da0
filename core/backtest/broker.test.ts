import { describe, expect, it } from "vitest";
import { Broker } from "./broker.ts";
import { BrokerApi } from "./broker-api.ts";
import { resolveSettings } from "./settings.ts";

describe("Broker stepped directly (as the paper broker will)", () => {
  it("fills a bracket order bar by bar without the backtest loop", () => {
    const broker = new Broker(resolveSettings({ spread: 0.0001 }));
    const api = new BrokerApi(broker);
    const H = 3_600_000;
    const bar = (i: number, o: number, h: number, l: number, c: number, prevClose: number) => {
      broker.setBar(i, i * H, o, h, l, c, (i - 1) * H, prevClose);
      broker.step();
    };
    bar(0, 1.1, 1.1, 1.1, 1.1, Number.NaN);
    api.buy({ size: 1000, sl: 1.09, tp: 1.12 });
    bar(1, 1.1, 1.105, 1.095, 1.1, 1.1);
    expect(broker.trades).toHaveLength(1);
    expect(broker.trades[0].entryPrice).toBeCloseTo(1.1 * 1.0001, 12);
    expect(broker.orders.map((o) => o.kind)).toEqual([2, 3]); // SL at the front, TP at the back
    bar(2, 1.11, 1.125, 1.105, 1.12, 1.1);
    expect(broker.trades).toHaveLength(0);
    expect(broker.closed.count).toBe(1);
    expect(broker.closed.record(0).exitReason).toBe("tp");
    expect(broker.closed.record(0).exitPrice).toBe(1.12);
    expect(broker.cash).toBeCloseTo(10_000 + 1000 * (1.12 - 1.1 * 1.0001), 9);
  });
});
