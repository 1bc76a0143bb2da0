#!/usr/bin/env node
// `npm start`: builds the PWA, applies D1 migrations to the local database, then runs the
// Worker locally (local D1, local Durable Objects, the PWA as static assets, one origin) on
// http://localhost:8787.
// Flags: --port N, --persist-to DIR (local state folder), --no-build, --fresh (wipe state),
// --var NAME:VALUE (repeatable; overrides a [vars] value of wrangler.toml),
// --inspector (attach the DevTools inspector; off by default because it slows every request).
//
// Fastest local mode: the Worker runs through wrangler's programmatic API
// (unstable_startWorker) with the inspector off, no file watching and no live reload, instead
// of `wrangler dev`. The inspector alone costs about 3 ms of CPU per D1 query, and the
// watcher restarts the Worker (dropping requests in flight) whenever dist/app is rebuilt.
// SIGINT/SIGTERM dispose the Worker (workerd stops, local state is flushed) before exiting.
import { spawnSync } from "node:child_process";
import { existsSync, rmSync } from "node:fs";
import { createServer } from "node:net";
import { parseArgs } from "node:util";

const USAGE = `Usage: node scripts/start.mjs [--port N] [--persist-to DIR] [--no-build] [--fresh]
                             [--var NAME:VALUE ...] [--inspector]
  --port N            port on 127.0.0.1 (default 8787, or $PORT)
  --persist-to DIR    local D1 / Durable Object state (default .wrangler/state)
  --no-build          skip the PWA build when dist/app already has one
  --fresh             wipe the local state first
  --var NAME:VALUE    override a [vars] value of wrangler.toml (repeatable)
  --inspector         attach the DevTools inspector on port 9229 (slower)`;

let values;
try {
  ({ values } = parseArgs({
    options: {
      port: { type: "string", default: process.env.PORT ?? "8787" },
      "persist-to": { type: "string", default: ".wrangler/state" },
      "no-build": { type: "boolean", default: false },
      fresh: { type: "boolean", default: false },
      var: { type: "string", multiple: true, default: [] },
      inspector: { type: "boolean", default: false },
      help: { type: "boolean", default: false },
    },
  }));
} catch (error) {
  console.error(`npm start: ${error.message}\n\n${USAGE}`);
  process.exit(2);
}
if (values.help) {
  console.log(USAGE);
  process.exit(0);
}

Object.assign(process.env, {
  WRANGLER_SEND_METRICS: "false",
  WRANGLER_SEND_ERROR_REPORTS: "false",
  CLOUDFLARE_CF_FETCH_ENABLED: "false",
  NO_UPDATE_NOTIFIER: "1",
});
const wrangler = ["node_modules/wrangler/bin/wrangler.js"];

function fail(message) {
  console.error(`\nnpm start: ${message}`);
  process.exit(1);
}

function run(cmd, args) {
  const r = spawnSync(cmd, args, { stdio: "inherit", env: process.env });
  if (r.status !== 0) fail(`${cmd} ${args.join(" ")} failed (exit ${r.status ?? r.signal}).`);
}

const port = Number(values.port);
if (!Number.isInteger(port) || port < 1 || port > 65535)
  fail(`--port needs a port number (got "${values.port}").`);

/** --var NAME:VALUE -> { NAME: plain_text VALUE } (the value may contain ":"). */
const vars = {};
for (const v of values.var) {
  const at = v.indexOf(":");
  if (at < 1) fail(`--var needs NAME:VALUE (got "${v}").`);
  vars[v.slice(0, at)] = { type: "plain_text", value: v.slice(at + 1) };
}

/** Resolves when nothing listens on 127.0.0.1:port (workerd would die on a taken port, and wait forever). */
function checkPortFree() {
  return new Promise((resolve) => {
    const probe = createServer();
    probe.once("error", (error) =>
      fail(
        error.code === "EADDRINUSE"
          ? `port ${port} is already in use: stop what runs there or pass --port N.`
          : `cannot listen on 127.0.0.1:${port} (${error.message}).`,
      ),
    );
    probe.listen(port, "127.0.0.1", () => probe.close(resolve));
  });
}

await checkPortFree();
if (values.fresh) rmSync(values["persist-to"], { recursive: true, force: true });
if (!values["no-build"] || !existsSync("dist/app/index.html"))
  run(process.execPath, ["node_modules/vite/bin/vite.js", "build", "--logLevel", "warn"]);
run(process.execPath, [
  ...wrangler,
  "d1",
  "migrations",
  "apply",
  "DB",
  "--local",
  "--persist-to",
  values["persist-to"],
]);

const { unstable_startWorker } = await import("wrangler");
let worker;
let stopping = false;

async function stop(code) {
  if (stopping) return;
  stopping = true;
  try {
    await worker?.dispose();
  } catch (error) {
    console.error(`npm start: stopping the Worker failed: ${error?.message ?? error}`);
  }
  process.exit(code);
}

process.on("SIGINT", () => stop(130));
process.on("SIGTERM", () => stop(0));

try {
  worker = await unstable_startWorker({
    config: "wrangler.toml",
    bindings: vars,
    dev: {
      remote: false,
      persist: values["persist-to"],
      watch: false,
      liveReload: false,
      inspector: values.inspector ? { port: 9229 } : false,
      server: { hostname: "127.0.0.1", port },
      logLevel: "log",
      enableContainers: false,
    },
  });
  await worker.ready;
  const url = await worker.url;
  console.log(
    `Ready on http://localhost:${port} (Worker at ${url.origin}; inspector ${values.inspector ? "on" : "off"})`,
  );
} catch (error) {
  const message = error?.message ?? String(error);
  const hint = /EADDRINUSE|address already in use/i.test(message)
    ? ` Port ${port} is taken: stop what runs there or pass --port.`
    : "";
  console.error(`npm start: the Worker did not start: ${message}.${hint}`);
  await stop(1);
}
