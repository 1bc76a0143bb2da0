/**
 * OpenAPIHono factory shared by all sub-apps: request validation failures become
 * 400 `{error: {code: "validation_failed", message, fields: [{path, message}]}}`.
 */
import { OpenAPIHono } from "@hono/zod-openapi";
import type { AppBindings } from "./env.ts";
import { HttpError } from "./errors.ts";

export function createApi(): OpenAPIHono<AppBindings> {
  return new OpenAPIHono<AppBindings>({
    defaultHook: (result) => {
      if (result.success) return;
      const fields = result.error.issues.map((issue) => ({
        path: issue.path.map(String).join(".") || "(body)",
        message: issue.message,
      }));
      const summary = fields.map((f) => `${f.path}: ${f.message}`).join("; ");
      throw new HttpError(400, "validation_failed", `Invalid request: ${summary}`, { fields });
    },
  });
}
