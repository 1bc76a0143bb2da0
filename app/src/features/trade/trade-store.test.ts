/**
 * Account selection on the Trade page when opening accounts overlap: the page opens the
 * last-used paper account on load (through the trade Worker, slow on a busy device) and the
 * person picks the connector before that open finished. The later pick must stay the
 * account orders go to; the older open, finishing last, is closed and shows nothing, and
 * the page's own default pick, if it comes after the person's, is not made at all.
 * (The e2e live.spec.ts "the linked connector is an account on the Trade page" hit this:
 * the ticket's order went to the paper account, which had no price.)
 * IndexedDB, the trade Worker and toasts are replaced by in-memory stand-ins.
 */
import { beforeEach, describe, expect, it, vi } from "vitest";
import type { AccountSource, ActionResult, TradeSnapshot } from "./account-source.ts";

const kv = new Map<string, unknown>();
/** When set, reading the last-used account answers (what it read before) only once it opens. */
let kvGate: Promise<void> | null = null;
let kvReads = 0;
vi.mock("../../ui/toasts.tsx", () => ({ toast: () => {} }));
vi.mock("../../adapters/db.ts", () => ({
  db: {
    paperAccounts: { toArray: async () => [{ id: "paper-1", name: "Paper 1", currency: "USD" }] },
    kv: {
      get: async (key: string) => {
        const row = kv.has(key) ? { key, value: kv.get(key) } : undefined;
        kvReads++;
        if (kvGate) await kvGate;
        return row;
      },
      put: async (r: { key: string; value: unknown }) => void kv.set(r.key, r.value),
    },
  },
}));
vi.mock("../settings/settings-store.ts", () => ({ loadSettings: async () => {}, settings: () => ({}) }));

/** The trade Worker: open() answers at once, or (held) only when the test releases it. */
const worker = {
  hold: true,
  release: (_r: ActionResult) => {},
  paused: 0,
  open: vi.fn(
    (_id: string, _onUpdate: unknown) =>
      new Promise<ActionResult>((resolve) => {
        if (worker.hold) worker.release = resolve;
        else resolve({ ok: true, events: [] });
      }),
  ),
  pause: async () => {
    worker.paused++;
  },
};
vi.mock("../../workers/trade-client.ts", () => ({ tradeWorker: () => worker }));

const { initTrade, registerAccountProvider, selectAccount, trade } = await import("./trade-store.ts");

function snapshot(ask: number): TradeSnapshot {
  return {
    account: { currency: "USD" } as TradeSnapshot["account"],
    quote: { symbol: "EURUSD", bid: ask - 0.0001, ask, time: 0 } as TradeSnapshot["quote"],
    positions: [],
    orders: [],
    historyVersion: 0,
    equityVersion: 0,
    events: [],
  };
}

let connectorSource: AccountSource & { closed: boolean };
registerAccountProvider({
  kind: "connector",
  list: async () => [{ id: "connector:c1", name: "e2e box", kind: "connector", currency: "USD" }],
  open: async (id, onSnapshot) => {
    connectorSource = { kind: "connector", accountId: id, closed: false, close: () => {} } as never;
    connectorSource.close = () => {
      connectorSource.closed = true;
    };
    onSnapshot(snapshot(1.1));
    return connectorSource;
  },
});

describe("selectAccount with overlapping opens", () => {
  beforeEach(() => {
    kv.clear();
    kvGate = null;
    kvReads = 0;
    worker.open.mockClear();
    worker.paused = 0;
    worker.hold = true;
  });

  it("keeps the later pick when the earlier (paper) open finishes last", async () => {
    const loading = initTrade(); // opens Paper 1, the first account, and waits on the Worker
    await vi.waitFor(() => expect(worker.open).toHaveBeenCalledTimes(1));
    await selectAccount("connector:c1");
    expect(trade.source()).toBe(connectorSource);

    worker.release({ ok: true, events: [] }); // the paper open finishes after the pick
    await loading;

    expect(trade.activeId()).toBe("connector:c1");
    expect(trade.source()).toBe(connectorSource); // orders still go to the connector
    expect(connectorSource.closed).toBe(false);
    expect(trade.snapshot()?.quote?.ask).toBe(1.1);
    expect(worker.paused).toBe(1); // the stale paper source was closed (its replay paused)
  });

  it("does not replace an account picked while the page was still loading", async () => {
    worker.hold = false;
    let load = () => {};
    kvGate = new Promise((r) => {
      load = r;
    });
    const loading = initTrade(); // the picker is filled; the last-used account (none) is being read
    await vi.waitFor(() => expect(kvReads).toBe(1));
    expect(trade.accounts().map((a) => a.id)).toContain("connector:c1");
    await selectAccount("connector:c1");
    load();
    await loading;

    expect(worker.open).not.toHaveBeenCalled(); // the page's default (Paper 1) was not opened
    expect(trade.activeId()).toBe("connector:c1");
    expect(trade.source()).toBe(connectorSource);
    expect(connectorSource.closed).toBe(false);
  });
});
