/**
 * Development-only endpoints, answering 404 unless ENVIRONMENT=development:
 *   GET /api/v1/dev/outbox  emails kept by the console provider, newest first
 *   GET /api/v1/dev/crash   throws a plain Error (with fake secrets around it) so the
 *                           monitoring pipeline and the generic 500 body can be tested
 * Not part of the OpenAPI document on purpose.
 */
import { HttpError } from "../errors.ts";
import { createApi } from "../openapi.ts";
import { readOutbox } from "../services/email/outbox.ts";

const MAX_OUTBOX = 200;

/** Fake secrets the crash route plants; tests assert they never reach Sentry or the body. */
export const CRASH_FAKE_SECRETS = {
  token: "fake-token-Zq7vT2",
  password: "fake-password-Hk4w9",
  otp: "914273",
} as const;

export const devApi = createApi();

devApi.use("*", async (c, next) => {
  if (c.env.ENVIRONMENT !== "development") {
    throw new HttpError(404, "not_found", "No such API endpoint. See /api/v1/docs for the reference.");
  }
  await next();
});

devApi.get("/outbox", async (c) => {
  const requested = Number(c.req.query("limit") ?? 50);
  const limit = Number.isInteger(requested) && requested > 0 ? Math.min(requested, MAX_OUTBOX) : 50;
  return c.json({ messages: await readOutbox(c.env.DB, limit) });
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
