/**
 * /api/v1/ai: the AI supervisor's chat proxy (checklist 31). POST /chat streams the
 * provider's answer as normalised server-sent events; GET /status says whether a
 * provider is configured. The key stays server side: it only ever goes to the provider,
 * in the provider's own header. Signed-in users only; chat is in the "ml" rate class,
 * its body is capped (AI_MAX_REQUEST_BYTES, 413) before parsing and maxTokens is
 * clamped to AI_MAX_TOKENS.
 */
import { createRoute, z } from "@hono/zod-openapi";
import type { MiddlewareHandler } from "hono";
import { requireAuth } from "../auth/require-auth.ts";
import { BEARER, errorResponse, jsonBody, jsonResponse } from "../auth/schemas.ts";
import type { AppBindings } from "../env.ts";
import { bodyLimit } from "../middleware/body-limit/index.ts";
import { rateLimit } from "../middleware/rate-limit/index.ts";
import { createApi } from "../openapi.ts";
import { aiLimits, aiNotConfigured, openChatStream, readAiConfig } from "../services/ai/index.ts";

const tags = ["ai"];

const MessageSchema = z.object({
  role: z.enum(["user", "assistant"]),
  content: z.string().min(1, "A message cannot be empty."),
});

const ChatSchema = z
  .object({
    messages: z.array(MessageSchema).min(1, "Send at least one message.").max(200),
    system: z.string().optional(),
    maxTokens: z.number().int().min(1).optional().openapi({
      description: "Upper bound on the answer's length; clamped to the server cap (AI_MAX_TOKENS)",
    }),
    context: z
      .string()
      .optional()
      .openapi({ description: "Compact context built locally (market analysis, trade history)" }),
  })
  .superRefine((body, ctx) => {
    const last = body.messages.length - 1;
    if (last >= 0 && body.messages[last].role !== "user")
      ctx.addIssue({
        code: "custom",
        path: ["messages", last, "role"],
        message: "The last message must be the user's.",
      });
  })
  .openapi("AiChatRequest");

const StatusSchema = z
  .object({
    configured: z.boolean(),
    provider: z.enum(["openai", "anthropic"]).optional(),
    model: z.string().optional(),
    maxTokens: z.number().int(),
    maxRequestBytes: z.number().int(),
  })
  .openapi("AiStatus");

/** 503 before anything else is spent when no provider is configured. */
function requireConfigured(): MiddlewareHandler<AppBindings> {
  return async (c, next) => {
    const result = readAiConfig(c.env);
    if (!result.ok) {
      console.warn(
        JSON.stringify({
          level: "warn",
          event: "ai_not_configured",
          requestId: c.get("requestId"),
          problem: result.problem,
        }),
      );
      throw aiNotConfigured();
    }
    await next();
  };
}

const chatRoute = createRoute({
  method: "post",
  path: "/chat",
  tags,
  summary: "Chat with the AI supervisor (streamed as server-sent events)",
  description:
    'Answers `text/event-stream` with `data: {"type":"delta","text":...}` events, then `data: {"type":"done","stopReason":"end"|"max_tokens"|"other"}` or, if the provider fails mid-answer, `data: {"type":"error","code","message"}`.',
  security: BEARER,
  middleware: [
    requireAuth(),
    requireConfigured(),
    rateLimit("ml"),
    bodyLimit({
      maxBytes: (c) => aiLimits(c.env).maxRequestBytes,
      hint: "Shorten the conversation or the context.",
    }),
  ] as const,
  request: jsonBody(ChatSchema),
  responses: {
    200: { content: { "text/event-stream": { schema: z.string() } }, description: "The streamed answer" },
    400: errorResponse("Validation failed (see fields)"),
    401: errorResponse("Not signed in"),
    413: errorResponse("Body larger than AI_MAX_REQUEST_BYTES"),
    429: errorResponse("Too many AI requests (10 per minute, 100 per hour)"),
    502: errorResponse("The AI provider refused our key, rejected the request or is unavailable"),
    503: errorResponse("No AI provider configured, or the provider is rate limiting us (Retry-After)"),
  },
});

const statusRoute = createRoute({
  method: "get",
  path: "/status",
  tags,
  summary: "Whether an AI provider is configured (never shows the key)",
  security: BEARER,
  middleware: [requireAuth(), rateLimit("data")] as const,
  responses: {
    200: jsonResponse(StatusSchema, "Configuration summary"),
    401: errorResponse("Not signed in"),
  },
});

export const aiApi = createApi()
  .openapi(chatRoute, async (c) => {
    const result = readAiConfig(c.env);
    if (!result.ok) throw aiNotConfigured();
    const { config } = result;
    const body = c.req.valid("json");
    const chat = {
      messages: body.messages,
      system: body.system,
      context: body.context,
      maxTokens: Math.min(body.maxTokens ?? config.maxTokens, config.maxTokens),
    };
    const stream = await openChatStream(config, chat, c.get("requestId"));
    return c.body(stream, 200, {
      "Content-Type": "text/event-stream; charset=utf-8",
      "Cache-Control": "no-store",
      "X-Accel-Buffering": "no",
    });
  })
  .openapi(statusRoute, (c) => {
    const result = readAiConfig(c.env);
    const limits = aiLimits(c.env);
    if (!result.ok) return c.json({ configured: false, ...limits }, 200);
    return c.json(
      { configured: true, provider: result.config.provider, model: result.config.model, ...limits },
      200,
    );
  });
