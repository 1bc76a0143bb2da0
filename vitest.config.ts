import { cloudflareTest, readD1Migrations } from "@cloudflare/vitest-pool-workers";
import { defineConfig } from "vitest/config";

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
