/**
 * A real connector process for e2e tests (`node connector/bin.mjs`, its own config
 * directory): link it with a pairing code from the page, change its config.json the way a
 * person would, run it, stop it (SIGTERM, then SIGKILL after 10 s, waiting for the exit so
 * no connector outlives its test) and remove its directory.
 */
import { type ChildProcess, spawn, spawnSync } from "node:child_process";
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { baseURL } from "../../playwright.config.ts";

export class ConnectorProcess {
  readonly configDir = mkdtempSync(join(tmpdir(), "forex-ai-connector-e2e-"));
  private child: ChildProcess | null = null;

  /** `forex-ai-connector link <code>` against the e2e server; throws with its stderr on failure. */
  link(code: string, name: string): void {
    const link = spawnSync(
      process.execPath,
      ["connector/bin.mjs", "link", code, "--server", baseURL, "--name", name, "--config", this.configDir],
      { encoding: "utf8", timeout: 60_000 },
    );
    if (link.status !== 0) throw new Error(`link failed (${link.status}): ${link.stderr}`);
  }

  /** Edits config.json (owner-only, as the connector writes it). */
  editConfig(change: (config: Record<string, unknown>) => void): void {
    const file = join(this.configDir, "config.json");
    const config = JSON.parse(readFileSync(file, "utf8")) as Record<string, unknown>;
    change(config);
    writeFileSync(file, JSON.stringify(config, null, 2), { mode: 0o600 });
  }

  /** `forex-ai-connector run` (no settings page). */
  run(): void {
    this.child = spawn(
      process.execPath,
      ["connector/bin.mjs", "run", "--config", this.configDir, "--no-settings"],
      { stdio: ["ignore", "ignore", "inherit"] },
    );
  }

  async stop(): Promise<void> {
    const child = this.child;
    this.child = null;
    if (!child || child.exitCode !== null || child.signalCode !== null) return;
    const exited = new Promise<void>((resolve) => child.once("exit", () => resolve()));
    child.kill("SIGTERM");
    const timer = setTimeout(() => child.kill("SIGKILL"), 10_000);
    await exited;
    clearTimeout(timer);
  }

  /** Stops it and removes its directory (the paper account and journal with it). */
  async dispose(): Promise<void> {
    await this.stop();
    rmSync(this.configDir, { recursive: true, force: true });
  }
}
