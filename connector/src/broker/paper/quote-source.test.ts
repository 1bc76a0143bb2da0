/**
 * The paper broker's market clock (broker.speed): quotes stamped with a clock that runs N
 * times faster than the wall clock, from the wall clock's reading at start. Figures by hand.
 */
import { describe, expect, it } from "vitest";
import { marketClock, RandomWalkSource } from "./quote-source.ts";

describe("marketClock", () => {
  it("is the wall clock at speed 1 and runs N times faster from the start otherwise", () => {
    let wall = 1_000_000;
    const real = marketClock(1, () => wall);
    const fast = marketClock(3600, () => wall);
    wall += 250; // 250 ms of wall time
    expect(real()).toBe(1_000_250);
    expect(fast()).toBe(1_000_000 + 250 * 3600); // 900 s of market time: 15 minutes
  });

  it("stamps random-walk quotes with the market clock: an H1 bar per second at 3600x", () => {
    let wall = 0;
    const source = new RandomWalkSource(
      ["EURUSD"],
      100,
      1,
      marketClock(3600, () => wall),
    );
    const times: number[] = [];
    for (let t = 0; t < 10; t++) {
      wall = t * 100; // one tick every 100 ms
      times.push(source.tick()[0].time);
    }
    expect(times[1] - times[0]).toBe(360_000); // 100 ms x 3600 = 6 minutes per tick
    expect(times[9] - times[0]).toBe(3_240_000); // 9 ticks: 54 minutes of market time
  });

  it("continues after a saved account's last quote time, so a restart never goes back in time", () => {
    let wall = 1_000_000;
    const resumed = marketClock(3600, () => wall, 5_000_000);
    expect(resumed()).toBe(5_000_001);
    wall += 10;
    expect(resumed()).toBe(5_000_001 + 36_000);
    // At speed 1 with nothing later saved, it is the wall clock itself.
    expect(marketClock(1, () => wall, 0)()).toBe(wall);
  });
});
