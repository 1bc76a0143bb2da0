/**
 * The connector as a user runs it: `node connector/bin.mjs` child processes against a relay
 * stand-in. link saves an owner-only config; run prints the settings URL and a ready line,
 * executes a command and stops cleanly on SIGTERM; status and unlink; nothing printed ever
 * contains the connector token. Config errors name the field; the default config directory
 * follows each OS's convention.
 */
import { type ChildProcess, spawn } from "node:child_process";
import { mkdtemp, readFile, rm, stat, writeFile } from "node:fs/promises";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { afterEach, beforeEach, describe, expect, it } from "vitest";
import { RelayStandIn } from "../../test/support/relay-stand-in.ts";
import { defaultConfigDir, parseConfig } from "./config.ts";

const BIN = join(import.meta.dirname, "..", "bin.mjs");
let relay: RelayStandIn;
let dir: string;

function runCli(args: string[]): Promise<{ code: number; out: string; err: string }> {
  return new Promise((resolve) => {
    const child = spawn(process.execPath, [BIN, ...args], { stdio: ["ignore", "pipe", "pipe"] });
    let out = "";
    let err = "";
    child.stdout.on("data", (d) => {
      out += d;
    });
    child.stderr.on("data", (d) => {
      err += d;
    });
    child.on("exit", (code) => resolve({ code: code ?? -1, out, err }));
  });
}

async function waitForOutput(
  child: ChildProcess,
  text: () => string,
  pattern: RegExp,
): Promise<RegExpMatchArray> {
  for (let i = 0; i < 1500; i++) {
    const m = text().match(pattern);
    if (m) return m;
    if (child.exitCode !== null) throw new Error(`connector exited early:\n${text()}`);
    await new Promise((r) => setTimeout(r, 20));
  }
  throw new Error(`timed out waiting for ${pattern}:\n${text()}`);
}

beforeEach(async () => {
  relay = new RelayStandIn();
  await relay.start();
  dir = await mkdtemp(join(tmpdir(), "fxc-cli-"));
});

afterEach(async () => {
  await relay.stop();
  await rm(dir, { recursive: true, force: true });
});

describe("forex-ai-connector", () => {
  it("links, runs until ready, trades, stops on SIGTERM, reports status and unlinks — never printing the token", async () => {
    const linked = await runCli([
      "link",
      "k7qd-m2xp",
      "--server",
      relay.url,
      "--name",
      "test box",
      "--config",
      dir,
    ]);
    expect(linked.code, linked.err).toBe(0);
    expect(linked.out).toMatch(/Linked as "test box"/);
    const file = join(dir, "config.json");
    expect((await stat(file)).mode & 0o777).toBe(0o600);
    const saved = JSON.parse(await readFile(file, "utf8"));
    expect(saved).toMatchObject({ token: relay.token, broker: { kind: "paper" } });

    const child = spawn(process.execPath, [BIN, "run", "--config", dir], {
      stdio: ["ignore", "pipe", "pipe"],
    });
    let out = "";
    child.stdout.on("data", (d) => {
      out += d;
    });
    child.stderr.on("data", (d) => {
      out += d;
    });
    const exited = new Promise<number>((resolve) => child.on("exit", (code) => resolve(code ?? -1)));
    await waitForOutput(child, () => out, /Settings page: http:\/\/127\.0\.0\.1:\d+\/\?token=\S+/);
    await waitForOutput(child, () => out, /forex-ai-connector ready: linked to .* broker paper/);
    relay.sendCommand("key-cli-0001", {
      action: "place",
      order: { symbol: "EURUSD", side: "sell", units: 500, type: "market" },
    });
    for (let i = 0; i < 500 && !relay.acks.has("key-cli-0001"); i++)
      await new Promise((r) => setTimeout(r, 20));
    expect(relay.acks.get("key-cli-0001")!.result).toMatchObject({ status: "filled", filledUnits: 500 });
    child.kill("SIGTERM");
    expect(await exited).toBe(0);
    expect(out).toMatch(/Stopped/);

    const status = await runCli(["status", "--json", "--config", dir]);
    expect(JSON.parse(status.out)).toMatchObject({
      linked: true,
      name: "test box",
      broker: "paper",
      unresolvedCommands: 0,
      status: { current: true, online: false },
    });
    const human = await runCli(["status", "--config", dir]);
    expect(human.out).toMatch(/Server sees it: offline, last seen \d{4}-/);
    const unlinked = await runCli(["unlink", "--config", dir]);
    expect(unlinked.out).toMatch(/Unlinked "test box"/);
    expect(relay.revoked).toBe(true);
    const again = await runCli(["run", "--config", dir]);
    expect(again.code).toBe(1);
    expect(again.err).toMatch(/Not linked/);

    for (const text of [linked.out, linked.err, out, status.out, unlinked.out])
      expect(text).not.toContain(relay.token);
  }, 60_000);

  it("refuses a bad config at start naming each bad field", async () => {
    await writeFile(
      join(dir, "config.json"),
      JSON.stringify({
        version: 1,
        server: "not a url",
        connectorId: "c",
        token: "short",
        broker: { kind: "oanda", environment: "demo" },
      }),
    );
    const result = await runCli(["run", "--config", dir]);
    expect(result.code).toBe(1);
    expect(result.err).toMatch(/server: Invalid URL/);
    expect(result.err).toMatch(/token: /);
    expect(result.err).toMatch(/broker\.environment: /);
    expect(result.err).toMatch(/broker\.accountId: /);
  }, 30_000);

  it("prints usage errors with exit code 2 and --version", async () => {
    expect((await runCli(["lnk"])).err).toMatch(/Did you mean "link"/);
    expect((await runCli(["link", "--config", dir])).code).toBe(2);
    expect((await runCli(["--version"])).out).toMatch(/^forex-ai-connector \d+\.\d+\.\d+/);
  }, 60_000);
});

describe("config", () => {
  it("defaults to the paper broker and each OS's config directory", () => {
    const config = parseConfig({
      version: 1,
      server: "https://x.example",
      connectorId: "c1",
      token: "fxc_0123456789abcdef",
    });
    expect(config.broker.kind).toBe("paper");
    expect(defaultConfigDir({ XDG_CONFIG_HOME: "/xdg" }, "linux")).toBe("/xdg/forex-ai-connector");
    expect(defaultConfigDir({ APPDATA: "C:\\Users\\t\\AppData\\Roaming" }, "win32")).toMatch(
      /Roaming.forex-ai-connector$/,
    );
    expect(defaultConfigDir({}, "darwin")).toMatch(/Library\/Application Support\/forex-ai-connector$/);
  });
});
