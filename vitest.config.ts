import { mkdirSync } from "node:fs";
import { cloudflareTest, readD1Migrations } from "@cloudflare/vitest-pool-workers";
import { defineConfig } from "vitest/config";

// wrangler.toml serves dist/app as the Worker's static assets and wrangler refuses a missing
// assets folder. The worker tests do not need the built PWA, so on a fresh clone (no
// `npm run build` yet) an empty folder is enough: `npm run test:worker` works on its own.
mkdirSync(new URL("./dist/app", import.meta.url), { recursive: true });

// Two vitest projects: "unit" runs in Node (core, cli, app logic, connector);
// "worker" runs inside workerd through @cloudflare/vitest-pool-workers.
export default defineConfig({
  test: {
    projects: [
      {
        test: {
          name: "unit",
          environment: "node",
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
          cloudflareTest(async () => ({
            main: "./worker/src/index.ts",
            wrangler: { configPath: "./wrangler.toml" },
            miniflare: {
              bindings: { TEST_MIGRATIONS: await readD1Migrations("./worker/migrations") },
            },
          })),
        ],
        test: {
          name: "worker",
          include: ["worker/**/*.test.ts"],
          setupFiles: ["./worker/test/apply-migrations.ts"],
        },
      },
    ],
  },
});
