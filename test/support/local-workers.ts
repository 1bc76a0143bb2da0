/**
 * The real Worker (workerd through wrangler's unstable_startWorker) for Node tests: a local
 * D1 with the migrations applied once, then any number of Workers, each with its own copy of
 * that state, no static assets, no inspector, no watcher, on a free loopback port.
 */
import { execFileSync } from "node:child_process";
import { cpSync, mkdirSync, mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { unstable_startWorker } from "wrangler";

type Worker = Awaited<ReturnType<typeof unstable_startWorker>>;

export interface LocalWorkers {
  /** A folder with a migrated local D1 (a template each Worker copies). */
  migratedState(): string;
  /** Starts a Worker with these plain-text vars on a copy of `template`; returns its origin. */
  startWorker(name: string, template: string, vars: Record<string, string>): Promise<string>;
  /** Stops every Worker started here and removes their state. */
  dispose(): Promise<void>;
}

/** A set of local Workers whose state lives under a temporary folder named with `prefix`. */
export function localWorkers(prefix: string): LocalWorkers {
  const root = mkdtempSync(join(tmpdir(), prefix));
  const workers: Worker[] = [];
  return {
    migratedState() {
      const state = join(root, "migrated");
      execFileSync(
        process.execPath,
        [
          "node_modules/wrangler/bin/wrangler.js",
          "d1",
          "migrations",
          "apply",
          "DB",
          "--local",
          "--persist-to",
          state,
        ],
        { stdio: "ignore", env: { ...process.env, WRANGLER_SEND_METRICS: "false", CI: "1" } },
      );
      return state;
    },
    async startWorker(name, template, vars) {
      const state = join(root, `state-${name}`);
      const assets = join(root, `assets-${name}`);
      cpSync(template, state, { recursive: true });
      mkdirSync(assets);
      const worker = await unstable_startWorker({
        config: "wrangler.toml",
        assets,
        bindings: Object.fromEntries(
          Object.entries(vars).map(([k, value]) => [k, { type: "plain_text" as const, value }]),
        ),
        dev: {
          server: { hostname: "127.0.0.1", port: 0 },
          inspector: false,
          persist: state,
          watch: false,
          logLevel: "none",
        },
      });
      workers.push(worker);
      await worker.ready;
      return (await worker.url).origin;
    },
    async dispose() {
      await Promise.all(workers.map((w) => w.dispose()));
      rmSync(root, { recursive: true, force: true });
    },
  };
}
