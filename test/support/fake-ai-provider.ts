/**
 * A local HTTP server imitating the two AI provider APIs the Worker's proxy speaks:
 * OpenAI-compatible POST /v1/chat/completions and Anthropic-compatible POST /v1/messages.
 * It records every request (headers and body) and answers according to the current mode:
 * a streamed answer (SSE events cut mid-event across writes; optionally stalling before
 * the end, or reporting a provider error in the stream after some pieces), an error status with a
 * body that echoes secrets, or a hang that never answers.
 */
import http from "node:http";
import type net from "node:net";

export interface RecordedRequest {
  path: string;
  headers: http.IncomingHttpHeaders;
  body: string;
}

export type ProviderMode =
  | {
      kind: "stream";
      pieces: string[] /** Stop before the end and keep the connection open. */;
      stall?: boolean;
      /** After this many pieces, send the provider's in-stream error event and end. */
      errorAfter?: number;
    }
  | { kind: "status"; status: number; headers?: Record<string, string>; body: string }
  | { kind: "hang" };

export interface FakeAiProvider {
  /** Base URL to put in AI_BASE_URL. */
  url: string;
  requests: RecordedRequest[];
  setMode(mode: ProviderMode): void;
  close(): Promise<void>;
}

/** The provider's own in-stream error event (its text must never reach the browser). */
function errorEvent(path: string): string {
  if (path === "/v1/messages") {
    const data = { type: "error", error: { type: "overloaded_error", message: "Overloaded SECRET-DETAIL" } };
    return `event: error\r\ndata: ${JSON.stringify(data)}\r\n\r\n`;
  }
  return `data: ${JSON.stringify({ error: { message: "upstream failure SECRET-DETAIL", type: "server_error" } })}\n\n`;
}

/** The events up to and including the piece errorAfter-1, then the error event. */
function cutWithError(all: string[], pieces: number, errorAfter: number, path: string): string[] {
  const head = path === "/v1/messages" ? 3 : 1; // events before the first text piece
  return [...all.slice(0, head + Math.min(errorAfter, pieces)), errorEvent(path)];
}

function openAiEvents(pieces: string[]): string[] {
  const chunk = (delta: object, finish: string | null) =>
    `data: ${JSON.stringify({ id: "chatcmpl-1", object: "chat.completion.chunk", choices: [{ index: 0, delta, finish_reason: finish }] })}\n\n`;
  return [
    chunk({ role: "assistant", content: "" }, null),
    ...pieces.map((p) => chunk({ content: p }, null)),
    chunk({}, "stop"),
    "data: [DONE]\n\n",
  ];
}

function anthropicEvents(pieces: string[]): string[] {
  const ev = (type: string, data: object) =>
    `event: ${type}\r\ndata: ${JSON.stringify({ type, ...data })}\r\n\r\n`;
  return [
    ev("message_start", { message: { id: "msg_1", role: "assistant", content: [] } }),
    ev("content_block_start", { index: 0, content_block: { type: "text", text: "" } }),
    ev("ping", {}),
    ...pieces.map((text) => ev("content_block_delta", { index: 0, delta: { type: "text_delta", text } })),
    ev("content_block_stop", { index: 0 }),
    ev("message_delta", { delta: { stop_reason: "end_turn" }, usage: { output_tokens: 5 } }),
    ev("message_stop", {}),
  ];
}

const pause = (ms: number) => new Promise((r) => setTimeout(r, ms));

/** Writes each event in two halves so the proxy must reassemble events across chunks. */
async function streamEvents(res: http.ServerResponse, all: string[], stall = false): Promise<void> {
  res.writeHead(200, { "Content-Type": "text/event-stream", "Cache-Control": "no-cache" });
  const events = stall ? all.slice(0, -2) : all;
  for (const event of events) {
    const cut = Math.floor(event.length / 2);
    res.write(event.slice(0, cut));
    await pause(2);
    res.write(event.slice(cut));
  }
  if (!stall) res.end();
}

export interface FakeAiProviderOptions {
  /** fixed port (default: a free one) */
  port?: number;
  /** also answer GET /__requests (recorded requests) and POST /__mode (set the mode) */
  control?: boolean;
}

export async function startFakeAiProvider(options: FakeAiProviderOptions = {}): Promise<FakeAiProvider> {
  let mode: ProviderMode = { kind: "stream", pieces: ["Hello"] };
  const requests: RecordedRequest[] = [];
  const server = http.createServer((req, res) => {
    const chunks: Buffer[] = [];
    req.on("data", (c: Buffer) => chunks.push(c));
    req.on("end", () => {
      const path = req.url ?? "";
      if (options.control && path.startsWith("/__")) {
        if (path === "/__mode" && req.method === "POST")
          mode = JSON.parse(Buffer.concat(chunks).toString("utf8"));
        res.writeHead(200, { "Content-Type": "application/json" });
        res.end(path === "/__requests" ? JSON.stringify(requests) : "{}");
        return;
      }
      requests.push({ path, headers: req.headers, body: Buffer.concat(chunks).toString("utf8") });
      if (mode.kind === "hang") return;
      if (mode.kind === "status") {
        res.writeHead(mode.status, { "Content-Type": "application/json", ...mode.headers });
        res.end(mode.body);
        return;
      }
      const events =
        path === "/v1/chat/completions"
          ? openAiEvents(mode.pieces)
          : path === "/v1/messages"
            ? anthropicEvents(mode.pieces)
            : undefined;
      if (events && mode.errorAfter !== undefined)
        void streamEvents(res, cutWithError(events, mode.pieces.length, mode.errorAfter, path));
      else if (events) void streamEvents(res, events, mode.stall);
      else {
        res.writeHead(404, { "Content-Type": "application/json" });
        res.end('{"error":{"type":"not_found"}}');
      }
    });
  });
  await new Promise<void>((resolve) => server.listen(options.port ?? 0, "127.0.0.1", resolve));
  const port = (server.address() as net.AddressInfo).port;
  return {
    url: `http://127.0.0.1:${port}`,
    requests,
    setMode(next) {
      mode = next;
    },
    close: () =>
      new Promise<void>((resolve) => {
        server.closeAllConnections();
        server.close(() => resolve());
      }),
  };
}
