/**
 * Calls from the Worker to a user's relay room. The room is always chosen by the verified
 * user id (checklist 20), never by anything the client sends.
 */
import type { Env } from "../env.ts";
import type { CloseFilter, InternalSubmit } from "./internal.ts";
import type { CommandRecord } from "./ports.ts";

export function relayStub(env: Env, userId: string): DurableObjectStub {
  return env.RELAY.get(env.RELAY.idFromName(`user:${userId}`));
}

export async function relayFetch(
  env: Env,
  userId: string,
  path: string,
  init: RequestInit = {},
): Promise<Response> {
  const headers = new Headers(init.headers);
  headers.set("X-Relay-User", userId);
  return relayStub(env, userId).fetch(`https://relay${path}`, { ...init, headers });
}

export async function relayJson<T>(env: Env, userId: string, path: string, body?: unknown): Promise<T> {
  const res = await relayFetch(
    env,
    userId,
    path,
    body === undefined
      ? {}
      : { method: "POST", body: JSON.stringify(body), headers: { "Content-Type": "application/json" } },
  );
  return (await res.json()) as T;
}

export type SubmitAnswer =
  | { ok: true; kind: "new" | "duplicate"; record: CommandRecord }
  | { ok: false; status: number; error: { code: string; message: string } };

export async function submitCommand(env: Env, userId: string, input: InternalSubmit): Promise<SubmitAnswer> {
  const res = await relayFetch(env, userId, "/command", {
    method: "POST",
    body: JSON.stringify(input),
    headers: { "Content-Type": "application/json" },
  });
  const body = (await res.json()) as {
    kind: "new" | "duplicate";
    record: CommandRecord;
    error: { code: string; message: string };
  };
  if (res.ok) return { ok: true, kind: body.kind, record: body.record };
  return { ok: false, status: res.status, error: body.error };
}

/** Closes matching sockets with 1008; best effort (a failure is logged, never thrown). */
export async function closeRelaySockets(
  env: Env,
  userId: string,
  filter: CloseFilter,
  reason: string,
): Promise<void> {
  try {
    await relayJson(env, userId, "/close", { filter, reason });
  } catch (err) {
    console.error(
      JSON.stringify({ level: "error", kind: "relay_close_failed", reason, message: String(err) }),
    );
  }
}
