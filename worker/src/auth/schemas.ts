/**
 * Request/response schemas of the accounts API (zod-openapi): one source for validation,
 * TypeScript types and the OpenAPI document.
 */
import { z } from "@hono/zod-openapi";
import { passwordProblem } from "./password-policy.ts";

export const Email = z
  .email({ message: "Enter a valid email address." })
  .max(254)
  .openapi({ example: "ada@example.com" });

/** A new password: the policy runs as a field-level check so clients get `fields[].path`. */
export const NewPassword = z
  .string()
  .max(4096)
  .superRefine((value, ctx) => {
    const problem = passwordProblem(value);
    if (problem) ctx.addIssue({ code: "custom", message: problem });
  })
  .openapi({
    example: "correct horse battery staple",
    description: "8-128 characters, not a common password",
  });

export const AnyPassword = z.string().min(1, "Enter your password.").max(4096);
export const Code = z
  .string()
  .trim()
  .min(6, "Enter the 6-digit code or a recovery code.")
  .max(32)
  .openapi({ example: "123456", description: "6-digit TOTP code, or a recovery code where allowed" });

export const PublicUserSchema = z
  .object({
    id: z.string(),
    email: z.string(),
    displayName: z.string().nullable(),
    twoFactorEnabled: z.boolean(),
    createdAt: z.string(),
  })
  .openapi("User");

export const TokensSchema = z
  .object({
    accessToken: z.string(),
    expiresIn: z.number().int().openapi({ example: 900 }),
    user: PublicUserSchema,
  })
  .openapi("Tokens");

export const ChallengeSchema = z
  .object({ challenge: z.string(), twoFactorRequired: z.literal(true) })
  .openapi("TwoFactorChallenge");

export const ErrorSchema = z
  .object({
    error: z.object({
      code: z.string(),
      message: z.string(),
      requestId: z.string().optional(),
      fields: z.array(z.object({ path: z.string(), message: z.string() })).optional(),
    }),
  })
  .openapi("Error");

export const OkSchema = z.object({ ok: z.literal(true), message: z.string() }).openapi("Ok");

export function jsonBody<T extends z.ZodType>(schema: T) {
  return { body: { content: { "application/json": { schema } }, required: true as const } };
}

export function jsonResponse<T extends z.ZodType>(schema: T, description: string) {
  return { content: { "application/json": { schema } }, description };
}

export const errorResponse = (description: string) => jsonResponse(ErrorSchema, description);

export const BEARER = [{ bearerAuth: [] }];
