/**
 * Starts a throwaway redis-server (the Debian package's /usr/bin/redis-server) on a free
 * port with persistence off, for tests; stop() kills exactly that process. Also a TCP
 * server that accepts connections and never answers, to play a hanging Redis.
 */
import { type ChildProcess, spawn } from "node:child_process";
import net from "node:net";
import { RespClient } from "./resp-client.ts";

export interface RunningRedis {
  port: number;
  stop(): Promise<void>;
}

/** A free TCP port on 127.0.0.1 (asks the OS, then releases it). */
export function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const srv = net.createServer();
    srv.once("error", reject);
    srv.listen(0, "127.0.0.1", () => {
      const { port } = srv.address() as net.AddressInfo;
      srv.close(() => resolve(port));
    });
  });
}

async function waitForPing(port: number, child: ChildProcess, deadlineMs: number): Promise<void> {
  const deadline = Date.now() + deadlineMs;
  let lastError: unknown;
  while (Date.now() < deadline) {
    if (child.exitCode !== null) throw new Error(`redis-server exited with code ${child.exitCode}`);
    try {
      const client = await RespClient.connect(port);
      const [pong] = await client.send([["PING"]]);
      client.close();
      if (pong === "PONG") return;
    } catch (err) {
      lastError = err;
    }
    await new Promise((r) => setTimeout(r, 50));
  }
  throw new Error(`redis-server did not answer PING on port ${port}: ${String(lastError)}`);
}

/** Starts redis-server (binary from REDIS_SERVER_BIN or PATH) and waits until it answers. */
export async function startRedisServer(): Promise<RunningRedis> {
  const port = await freePort();
  const bin = process.env.REDIS_SERVER_BIN ?? "redis-server";
  const args = ["--port", String(port), "--bind", "127.0.0.1", "--save", "", "--appendonly", "no"];
  const child = spawn(bin, args, { stdio: ["ignore", "pipe", "pipe"] });
  let output = "";
  child.stdout?.on("data", (d) => {
    output += String(d);
  });
  child.stderr?.on("data", (d) => {
    output += String(d);
  });
  const spawnError = new Promise<never>((_, reject) =>
    child.once("error", (err) =>
      reject(new Error(`cannot start ${bin} (apt-get install redis-server): ${err.message}`)),
    ),
  );
  try {
    await Promise.race([waitForPing(port, child, 10_000), spawnError]);
  } catch (err) {
    child.kill("SIGKILL");
    throw new Error(`${(err as Error).message}\n${output}`);
  }
  return {
    port,
    stop: () =>
      new Promise<void>((resolve) => {
        if (child.exitCode !== null) return resolve();
        child.once("exit", () => resolve());
        child.kill("SIGTERM");
      }),
  };
}

export interface HangingServer {
  port: number;
  stop(): Promise<void>;
}

/** Accepts TCP connections, reads everything, answers nothing. */
export async function startHangingServer(): Promise<HangingServer> {
  const sockets = new Set<net.Socket>();
  const srv = net.createServer((socket) => {
    sockets.add(socket);
    socket.on("data", () => {});
    socket.on("error", () => {});
    socket.on("close", () => sockets.delete(socket));
  });
  await new Promise<void>((resolve) => srv.listen(0, "127.0.0.1", resolve));
  const { port } = srv.address() as net.AddressInfo;
  return {
    port,
    stop: () =>
      new Promise<void>((resolve) => {
        for (const s of sockets) s.destroy();
        srv.close(() => resolve());
      }),
  };
}
