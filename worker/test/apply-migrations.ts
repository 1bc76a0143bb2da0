// Applies worker/migrations to the test D1 before each worker test file (workerd pool).
import { applyD1Migrations, env } from "cloudflare:test";

await applyD1Migrations(env.DB, env.TEST_MIGRATIONS);
