/**
 * The local app server for the benchmarks: `node scripts/start.mjs --no-build --fresh` on a
 * port with its own state directory, and the wait for /api/v1/health to answer.
 */
import { type ChildProcess, spawn } from "node:child_process";

/** Resolves once GET {base}/api/v1/health answers 200; throws after `timeoutMs`. */
export async function waitForHealth(base: string, timeoutMs = 120_000): Promise<void> {
  const until = Date.now() + timeoutMs;
  while (Date.now() < until) {
    try {
      if ((await fetch(`${base}/api/v1/health`)).ok) return;
    } catch {
      // not up yet
    }
    await new Promise((r) => setTimeout(r, 250));
  }
  throw new Error(`The app server did not answer on ${base} within ${timeoutMs / 1000} s.`);
}

/** Starts the built app on `port` with fresh local state in `stateDir`, once it answers. */
export async function startAppServer(port: number, stateDir: string): Promise<ChildProcess> {
  const server = spawn(
    process.execPath,
    ["scripts/start.mjs", "--no-build", "--port", String(port), "--persist-to", stateDir, "--fresh"],
    { stdio: "ignore" },
  );
  try {
    await waitForHealth(`http://localhost:${port}`, 60_000);
  } catch (error) {
    server.kill();
    throw error;
  }
  return server;
}
