/**
 * The AI supervisor's fields inside the user's settings document: `drawdownLimitPct`
 * (number 0.5..100, or null for no limit) and `emailAiDigest` (boolean). Checked when
 * settings are saved; the rest of the document is the app's business.
 */
import type { z } from "@hono/zod-openapi";

export const DRAWDOWN_LIMIT = { min: 0.5, max: 100 } as const;

export function checkAiSettings(settings: Record<string, unknown>, ctx: z.RefinementCtx): void {
  const dd = settings.drawdownLimitPct;
  if (
    dd !== undefined &&
    dd !== null &&
    !(typeof dd === "number" && dd >= DRAWDOWN_LIMIT.min && dd <= DRAWDOWN_LIMIT.max)
  ) {
    ctx.addIssue({
      code: "custom",
      path: ["drawdownLimitPct"],
      message: `drawdownLimitPct must be a number from ${DRAWDOWN_LIMIT.min} to ${DRAWDOWN_LIMIT.max}, or null for no limit.`,
    });
  }
  const digest = settings.emailAiDigest;
  if (digest !== undefined && typeof digest !== "boolean") {
    ctx.addIssue({
      code: "custom",
      path: ["emailAiDigest"],
      message: "emailAiDigest must be true or false.",
    });
  }
}
