/**
 * The settings store's sync against a scripted network (fetch) and an in-memory stand-in
 * for the Dexie kv table: a sync answer that arrives after a save on this device never
 * undoes that save, and syncs started together share one request.
 */
import { afterEach, beforeEach, describe, expect, it, vi } from "vitest";

vi.mock("../../ui/toasts.tsx", () => ({ toast: () => {} }));
const rows = new Map<string, { key: string; value: unknown; updatedAt: number }>();
vi.mock("../../adapters/db.ts", () => ({
  db: {
    kv: {
      get: async (key: string) => structuredClone(rows.get(key)),
      put: async (row: { key: string; value: unknown; updatedAt: number }) => {
        rows.set(row.key, structuredClone(row));
      },
    },
  },
}));

const { acceptTokens, clearSession } = await import("../../adapters/api-client.ts");
const { localSettings, saveSettings, settingsSyncState, syncSettings } = await import("./settings-store.ts");
const { defaultSettings } = await import("./settings-model.ts");

interface Doc {
  settings: Record<string, unknown>;
  version: number;
}

/** A tiny server: GET/PUT /users/settings (the server owns the version: a PUT must carry the stored one); GETs can be held. */
function serve(initial: Doc) {
  const state = { doc: structuredClone(initial), gets: 0, puts: [] as Doc[], held: [] as Array<() => void> };
  let hold = false;
  vi.stubGlobal("fetch", async (url: string, init: RequestInit) => {
    if (!url.endsWith("/users/settings")) return new Response(null, { status: 404 });
    if ((init.method ?? "GET") === "GET") {
      state.gets++;
      const answer = structuredClone(state.doc); // read now, delivered maybe later
      if (hold) await new Promise<void>((r) => state.held.push(r));
      return Response.json(answer);
    }
    const body = JSON.parse(String(init.body)) as Doc;
    state.puts.push(body);
    if (body.version !== state.doc.version) return Response.json({ current: state.doc }, { status: 409 });
    state.doc = { settings: body.settings, version: state.doc.version + 1 };
    return Response.json(state.doc);
  });
  return {
    state,
    holdGets: (on: boolean) => {
      hold = on;
    },
    releaseGets: () => {
      for (const r of state.held.splice(0)) r();
    },
  };
}

const user = { id: "u1", email: "a@example.com", displayName: null, twoFactorEnabled: false, createdAt: "x" };
const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));

beforeEach(() => {
  vi.stubGlobal("navigator", { onLine: true });
});
afterEach(async () => {
  clearSession();
  await sleep(0);
  vi.unstubAllGlobals();
});

describe("settings sync", () => {
  it("an account answer that arrives after a save here does not undo the save", async () => {
    const account = { ...defaultSettings(), defaultRiskPercent: 2.5 };
    const server = serve({ settings: account, version: 1 });
    server.holdGets(true);
    acceptTokens({ accessToken: "t1", expiresIn: 900, user }); // signing in starts a sync
    await vi.waitFor(() => expect(server.state.held).toHaveLength(1));
    server.holdGets(false);
    // The user saves while that sync's answer (version 1, leverage 30) is still on its way.
    const saving = saveSettings({ ...account, defaultLeverage: 50 });
    await sleep(50); // time for the save's own requests, if it sends any now
    server.releaseGets();
    await saving;
    await sleep(20); // and for whatever the late answer still does
    expect(server.state.doc).toEqual({ settings: { ...account, defaultLeverage: 50 }, version: 2 });
    expect(localSettings()).toMatchObject({ version: 2, dirty: false });
    expect(localSettings().settings.defaultLeverage).toBe(50);
    expect(settingsSyncState()).toBe("synced");
  });

  it("syncs started together share one request and adopt the account's newest copy", async () => {
    const account = { ...defaultSettings(), defaultLeverage: 100 };
    const server = serve({ settings: account, version: 7 });
    acceptTokens({ accessToken: "t2", expiresIn: 900, user }); // a sync from the sign-in event
    await Promise.all([syncSettings(), syncSettings()]); // and the page's own
    expect(server.state.gets).toBe(1);
    expect(server.state.puts).toEqual([]);
    expect(localSettings()).toMatchObject({ version: 7, dirty: false, settings: account });
  });
});
