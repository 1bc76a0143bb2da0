/**
 * Development-only endpoints, answering 404 unless ENVIRONMENT=development:
 *   GET /api/v1/dev/outbox  emails kept by the console provider, newest first. Reset links
 *                           are in there, so only for a local request (loopback client,
 *                           loopback Host, no proxy forwarding headers) or a signed-in
 *                           user, who sees only the emails sent to them (issue 13 item 11).
 *                           A browser gets a page saying it exists only in development.
 *   GET /api/v1/dev/crash   throws a plain Error (with fake secrets around it) so the
 *                           monitoring pipeline and the generic 500 body can be tested
 * Not part of the OpenAPI document on purpose.
 */
import type { Context } from "hono";
import { requireAuth } from "../auth/require-auth.ts";
import { findUserById } from "../auth/users.ts";
import type { AppBindings } from "../env.ts";
import { HttpError } from "../errors.ts";
import { createApi } from "../openapi.ts";
import { type OutboxMessage, readOutbox } from "../services/email/outbox.ts";
import { CRASH_FAKE_SECRETS } from "./dev-secrets.ts";

const LOOPBACK_IP = /^(127\.\d+\.\d+\.\d+|::1|::ffff:127\.\d+\.\d+\.\d+)$/;
const LOOPBACK_HOST = /^(localhost|127\.\d+\.\d+\.\d+|\[::1\])(:\d+)?$/i;

export const OUTBOX_NOTICE =
  "Development only: this outbox exists because the server runs with ENVIRONMENT=development and the console email provider. A deployed server sends real email and has no outbox.";

/** A request from this machine: loopback client and Host, and no proxy in between. */
export function isLocalRequest(c: Context<AppBindings>): boolean {
  const ip = c.req.header("CF-Connecting-IP")?.trim() ?? "";
  const host = c.req.header("Host") ?? new URL(c.req.url).host;
  const forwarded = c.req.header("X-Forwarded-For") ?? c.req.header("Forwarded");
  return LOOPBACK_IP.test(ip) && LOOPBACK_HOST.test(host) && !forwarded;
}

function escapeHtml(s: string): string {
  return s.replace(/[&<>"']/g, (ch) => `&#${ch.charCodeAt(0)};`);
}

function outboxPage(messages: OutboxMessage[]): string {
  const items = messages
    .map(
      (m) =>
        `<article><h2>${escapeHtml(m.subject)}</h2><p>To ${escapeHtml(m.to)}, ${escapeHtml(m.createdAt)}</p><pre>${escapeHtml(m.text)}</pre></article>`,
    )
    .join("");
  return `<!doctype html><html lang="en"><head><meta charset="utf-8"><title>Dev outbox</title></head><body><h1>Dev outbox</h1><p role="note"><strong>${escapeHtml(OUTBOX_NOTICE)}</strong></p>${items || "<p>No emails yet.</p>"}</body></html>`;
}

const MAX_OUTBOX = 200;

export { CRASH_FAKE_SECRETS } from "./dev-secrets.ts";

export const devApi = createApi();

devApi.use("*", async (c, next) => {
  if (c.env.ENVIRONMENT !== "development") {
    throw new HttpError(404, "not_found", "No such API endpoint. See /api/v1/docs for the reference.");
  }
  await next();
});

const signedIn = requireAuth();

devApi.get("/outbox", async (c) => {
  const requested = Number(c.req.query("limit") ?? 50);
  const limit = Number.isInteger(requested) && requested > 0 ? Math.min(requested, MAX_OUTBOX) : 50;
  let onlyTo: string | null = null;
  if (!isLocalRequest(c)) {
    if (!c.req.header("Authorization")) {
      throw new HttpError(
        401,
        "unauthorized",
        "The dev outbox answers only requests from this machine or a signed-in user (who sees their own emails).",
      );
    }
    await signedIn(c, async () => {});
    const user = await findUserById(c.env, c.get("auth").userId);
    onlyTo = user?.email ?? "";
  }
  const all = await readOutbox(c.env.DB, onlyTo === null ? limit : MAX_OUTBOX);
  const messages = (onlyTo === null ? all : all.filter((m) => m.to === onlyTo)).slice(0, limit);
  if ((c.req.header("Accept") ?? "").includes("text/html")) return c.html(outboxPage(messages));
  return c.json({ notice: OUTBOX_NOTICE, messages });
});

devApi.get("/crash", (c) => {
  // Pretend a signed-in user so the event's user context can be checked (id only).
  c.set("userId", "dev-crash-user");
  c.get("sentry")?.setExtras({
    login: { email: "crash@example.com", password: CRASH_FAKE_SECRETS.password },
    totp: { code: CRASH_FAKE_SECRETS.otp },
    session: { refreshToken: CRASH_FAKE_SECRETS.token },
  });
  throw new Error(
    `Deliberate crash for monitoring tests (Authorization: Bearer ${CRASH_FAKE_SECRETS.token})`,
  );
});
