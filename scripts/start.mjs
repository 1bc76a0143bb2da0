#!/usr/bin/env node
// `npm start`: builds the PWA, applies D1 migrations to the local database, then runs the
// Worker locally (wrangler dev: local D1, local Durable Objects) on http://localhost:8787.
// Flags: --port N, --persist-to DIR (local state folder), --no-build, --fresh (wipe state).
import { spawn, spawnSync } from "node:child_process";
import { existsSync, rmSync } from "node:fs";
import { parseArgs } from "node:util";

const { values } = parseArgs({
  options: {
    port: { type: "string", default: process.env.PORT ?? "8787" },
    "persist-to": { type: "string", default: ".wrangler/state" },
    "no-build": { type: "boolean", default: false },
    fresh: { type: "boolean", default: false },
    var: { type: "string", multiple: true, default: [] },
  },
});

const env = {
  ...process.env,
  WRANGLER_SEND_METRICS: "false",
  WRANGLER_SEND_ERROR_REPORTS: "false",
  CLOUDFLARE_CF_FETCH_ENABLED: "false",
  NO_UPDATE_NOTIFIER: "1",
};
const wrangler = ["node_modules/wrangler/bin/wrangler.js"];

function run(cmd, args) {
  const r = spawnSync(cmd, args, { stdio: "inherit", env });
  if (r.status !== 0) {
    console.error(`\n${cmd} ${args.join(" ")} failed (exit ${r.status}).`);
    process.exit(r.status ?? 1);
  }
}

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

const varArgs = values.var.flatMap((v) => ["--var", v]);
const dev = spawn(
  process.execPath,
  [
    ...wrangler,
    "dev",
    "--local",
    "--port",
    values.port,
    "--ip",
    "127.0.0.1",
    "--persist-to",
    values["persist-to"],
    "--show-interactive-dev-session=false",
    ...varArgs,
  ],
  { stdio: "inherit", env },
);
for (const sig of ["SIGINT", "SIGTERM"]) process.on(sig, () => dev.kill(sig));
dev.on("exit", (code) => process.exit(code ?? 0));
