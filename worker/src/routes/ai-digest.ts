/**
 * /api/v1/ai/digest: emails the signed-in user a digest of their newest AI alerts, when
 * they opted in (setting `emailAiDigest`). Trades never leave the device, so the app
 * builds the digest (alert messages with their figures) and posts it; the Worker only
 * checks the opt-in, caps and validates it, and sends it through the email service.
 * "data" rate class; at most MAX_LINES lines of MAX_LINE characters.
 */
import { createRoute, z } from "@hono/zod-openapi";
import { requireAuth } from "../auth/require-auth.ts";
import { BEARER, errorResponse, jsonBody, jsonResponse } from "../auth/schemas.ts";
import { readSettings } from "../auth/settings-store.ts";
import { findUserById } from "../auth/users.ts";
import { HttpError } from "../errors.ts";
import { rateLimit } from "../middleware/rate-limit/index.ts";
import { createApi } from "../openapi.ts";
import { getEmailService } from "../services/email/index.ts";

const MAX_LINES = 30;
const MAX_LINE = 400;

const DigestSchema = z
  .object({
    period: z.string().trim().min(1).max(60).openapi({ example: "week to 2024-03-08" }),
    summary: z.string().trim().max(MAX_LINE).optional(),
    lines: z
      .array(z.string().trim().min(1).max(MAX_LINE, `Each line is at most ${MAX_LINE} characters.`))
      .max(MAX_LINES, `At most ${MAX_LINES} lines.`),
  })
  .openapi("AiDigest");

const digestRoute = createRoute({
  method: "post",
  path: "/digest",
  tags: ["ai"],
  summary: "Email me this AI digest (only when the emailAiDigest setting is on)",
  security: BEARER,
  middleware: [requireAuth(), rateLimit("data")] as const,
  request: jsonBody(DigestSchema),
  responses: {
    200: jsonResponse(z.object({ sent: z.literal(true) }).openapi("AiDigestSent"), "Sent"),
    400: errorResponse("Validation failed (see fields)"),
    401: errorResponse("Not signed in"),
    409: errorResponse("The digest is not switched on in Settings"),
    502: errorResponse("The email provider failed"),
  },
});

export const aiDigestApi = createApi().openapi(digestRoute, async (c) => {
  const { userId } = c.get("auth");
  const { settings } = await readSettings(c.env, userId);
  if (settings.emailAiDigest !== true) {
    throw new HttpError(
      409,
      "ai_digest_off",
      'The AI digest is off: turn on "Email me a weekly digest" in Settings (AI supervisor) and save.',
    );
  }
  const user = await findUserById(c.env, userId);
  if (!user) throw new HttpError(401, "unauthorized", "Sign in again.");
  const body = c.req.valid("json");
  try {
    await getEmailService(c.env).send({
      to: user.email,
      template: "ai-digest",
      data: { period: body.period, summary: body.summary ?? "", lines: body.lines.join("\n") },
    });
  } catch {
    throw new HttpError(502, "email_failed", "The digest could not be emailed right now. Try again later.");
  }
  return c.json({ sent: true as const }, 200);
});
