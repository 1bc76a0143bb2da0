import { spawnSync } from "node:child_process";
import { existsSync } from "node:fs";
import { fileURLToPath } from "node:url";
import { cloudflareTest, readD1Migrations } from "@cloudflare/vitest-pool-workers";
import { defineConfig } from "vitest/config";

/**
 * wrangler.toml serves dist/app (the built PWA) as the Worker's static assets, and the
 * worker tests check that it is served (index.html, SPA fallback, manifest). On a fresh
 * clone with no build yet, the worker project builds it once, so `npm run test:worker`
 * works on its own; only the worker project does this (unit runs never build).
 */
function ensureAppBuild(): void {
  const root = fileURLToPath(new URL(".", import.meta.url));
  if (existsSync(`${root}dist/app/index.html`)) return;
  console.log("worker tests: no dist/app build yet; building the PWA once (vite build)...");
  const r = spawnSync(process.execPath, ["node_modules/vite/bin/vite.js", "build", "--logLevel", "warn"], {
    cwd: root,
    stdio: "inherit",
  });
  if (r.status !== 0)
    throw new Error(
      `worker tests: the PWA build failed (exit ${r.status ?? r.signal}); run npm run build to see why.`,
    );
}

// Two vitest projects: "unit" runs in Node (core, cli, app logic, connector);
// "worker" runs inside workerd through @cloudflare/vitest-pool-workers.
// A test may take up to 30 s: some start a Worker or redis-server, some hash a few dozen
// passwords (PBKDF2, 100k iterations each); on a busy 2-core machine the 5 s default
// failed tests that were only slow. No test asserts on time (benchmarks do that).
const TEST_TIMEOUT_MS = 30_000;
export default defineConfig({
  test: {
    projects: [
      {
        test: {
          name: "unit",
          environment: "node",
          testTimeout: TEST_TIMEOUT_MS,
          include: [
            "core/**/*.test.ts",
            "cli/**/*.test.ts",
            "app/src/**/*.test.ts",
            "connector/**/*.test.ts",
            "test/unit/**/*.test.ts",
          ],
        },
      },
      {
        plugins: [
          cloudflareTest(async () => {
            ensureAppBuild();
            return {
              main: "./worker/src/index.ts",
              wrangler: { configPath: "./wrangler.toml" },
              miniflare: {
                bindings: { TEST_MIGRATIONS: await readD1Migrations("./worker/migrations") },
              },
            };
          }),
        ],
        test: {
          name: "worker",
          testTimeout: TEST_TIMEOUT_MS,
          include: ["worker/**/*.test.ts"],
          setupFiles: ["./worker/test/apply-migrations.ts"],
        },
      },
    ],
  },
});
