#!/usr/bin/env node
// `npm run connector:package`: builds forex-ai-connector as one executable for this platform
// with Node's single executable applications: esbuild bundles the connector into one CommonJS
// file, `node --experimental-sea-config` turns it into a blob, postject injects the blob into
// a copy of this Node binary. Then it checks that the binary answers --version and --help.
// Output: dist/connector/forex-ai-connector (.exe on Windows).
import { execFileSync, spawnSync } from "node:child_process";
import { copyFileSync, mkdirSync, readFileSync, rmSync, writeFileSync } from "node:fs";
import { join, resolve } from "node:path";
import { build } from "esbuild";

const out = "dist/connector";
const exe = join(out, process.platform === "win32" ? "forex-ai-connector.exe" : "forex-ai-connector");
const bundle = join(out, "connector.cjs");
const blob = join(out, "sea-prep.blob");
const seaConfig = join(out, "sea-config.json");
const version = JSON.parse(readFileSync("package.json", "utf8")).version;

rmSync(out, { recursive: true, force: true });
mkdirSync(out, { recursive: true });

await build({
  entryPoints: ["connector/sea-entry.ts"],
  bundle: true,
  platform: "node",
  format: "cjs",
  target: "node20",
  outfile: bundle,
  // ws's optional native speed-ups are not bundled: a stub that throws makes ws use its
  // JavaScript fallback (a real require() in a single executable only loads built-ins).
  plugins: [
    {
      name: "optional-native-stub",
      setup(b) {
        b.onResolve({ filter: /^(bufferutil|utf-8-validate)$/ }, (args) => ({
          path: args.path,
          namespace: "stub",
        }));
        b.onLoad({ filter: /.*/, namespace: "stub" }, () => ({
          contents: 'throw new Error("optional native module not bundled");',
        }));
      },
    },
  ],
  logLevel: "warning",
  legalComments: "none",
});
console.log(`bundled ${bundle}`);

writeFileSync(seaConfig, JSON.stringify({ main: bundle, output: blob, disableExperimentalSEAWarning: true }));
execFileSync(process.execPath, ["--experimental-sea-config", seaConfig], { stdio: "inherit" });
copyFileSync(process.execPath, exe);
if (process.platform === "darwin") execFileSync("codesign", ["--remove-signature", exe]);
const postject = [
  "node_modules/postject/dist/cli.js",
  exe,
  "NODE_SEA_BLOB",
  blob,
  "--sentinel-fuse",
  "NODE_SEA_FUSE_fce680ab2cc467b6e072b8b5df1996b2",
  ...(process.platform === "darwin" ? ["--macho-segment-name", "NODE_SEA"] : []),
];
execFileSync(process.execPath, postject, { stdio: "inherit" });
if (process.platform === "darwin") execFileSync("codesign", ["--sign", "-", exe]);

// The check: the binary must run on its own and answer --version and --help.
const run = (arg) => spawnSync(resolve(exe), [arg], { encoding: "utf8", cwd: "/" });
const v = run("--version");
const h = run("--help");
const problems = [];
if (v.status !== 0 || v.stdout.trim() !== `forex-ai-connector ${version}` || v.stderr)
  problems.push(`--version printed ${JSON.stringify(v.stdout + v.stderr)} (exit ${v.status})`);
if (
  h.status !== 0 ||
  !/Usage: forex-ai-connector <command>/.test(h.stdout) ||
  !/\blink\b[\s\S]*\brun\b/.test(h.stdout)
)
  problems.push(`--help printed ${JSON.stringify(h.stdout + h.stderr)} (exit ${h.status})`);
if (problems.length) {
  console.error(`The built binary failed its check:\n  ${problems.join("\n  ")}`);
  process.exit(1);
}
rmSync(blob);
rmSync(seaConfig);
console.log(
  `built ${exe} (${process.platform}-${process.arch}); check passed: ${v.stdout.trim()}, --help lists the commands`,
);
