/**
 * The bot store's one-start-per-bot rule: a second start while the first is in progress
 * (a double click on Activate, a resume on a quick re-mount of the Bots page) does not run
 * again; a cancel (deactivation) reaches the start in progress and waits for it to end.
 */
import { describe, expect, it } from "vitest";
import { StartGate } from "./start-gate.ts";

describe("StartGate", () => {
  it("runs one start per id while it is in progress, and again once it ended", async () => {
    const gate = new StartGate();
    let runs = 0;
    let finish = () => {};
    const start = async () => {
      runs++;
      await new Promise<void>((r) => {
        finish = r;
      });
    };
    const first = gate.run("bot", start);
    const second = gate.run("bot", start);
    expect(runs).toBe(1);
    expect(gate.has("bot")).toBe(true);
    const other = gate.run("other bot", async () => {
      runs++;
    });
    expect(runs).toBe(2); // another bot is not held back
    await other;
    finish();
    await Promise.all([first, second]);
    expect(gate.has("bot")).toBe(false);
    await gate.run("bot", async () => {
      runs++;
    });
    expect(runs).toBe(3);
  });

  it("cancels a start in progress: the start sees it and cancel waits until it ended", async () => {
    const gate = new StartGate();
    const seen: string[] = [];
    const started = gate.run("bot", async ({ cancelled, isCancelled }) => {
      await cancelled; // e.g. waiting for the connector, given up on deactivation
      seen.push(isCancelled() ? "cancelled" : "went on");
      await Promise.resolve();
      seen.push("ended");
    });
    await gate.cancel("bot");
    expect(seen).toEqual(["cancelled", "ended"]);
    expect(gate.has("bot")).toBe(false);
    await started;
    await gate.cancel("nothing running"); // a no-op
  });
});
