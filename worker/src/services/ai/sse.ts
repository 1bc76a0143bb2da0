/**
 * Minimal server-sent-events codec: an incremental reader for provider streams (any
 * chunking, LF or CRLF line ends, multi-line data, comments ignored) and the encoder of
 * the normalised `data: {json}` events sent to the browser.
 */
import type { AiStreamEvent, SseEvent } from "./types.ts";

export interface SseReader {
  /** Feed decoded text; returns the events completed by it. */
  push(text: string): SseEvent[];
  /** End of stream: returns a last event not followed by a blank line, if any. */
  flush(): SseEvent[];
}

function parseBlock(block: string): SseEvent | null {
  let event: string | undefined;
  const data: string[] = [];
  for (const line of block.split("\n")) {
    if (!line || line.startsWith(":")) continue;
    const colon = line.indexOf(":");
    const field = colon === -1 ? line : line.slice(0, colon);
    let value = colon === -1 ? "" : line.slice(colon + 1);
    if (value.startsWith(" ")) value = value.slice(1);
    if (field === "event") event = value;
    else if (field === "data") data.push(value);
  }
  return data.length ? { event, data: data.join("\n") } : null;
}

export function createSseReader(): SseReader {
  let buffer = "";
  const take = (final: boolean): SseEvent[] => {
    buffer = buffer.replace(/\r\n?/g, "\n");
    const blocks = buffer.split("\n\n");
    buffer = final ? "" : (blocks.pop() ?? "");
    return blocks.map(parseBlock).filter((e): e is SseEvent => e !== null);
  };
  return {
    push(text) {
      buffer += text;
      return take(false);
    },
    flush: () => take(true),
  };
}

const encoder = new TextEncoder();

/** `data: {...}\n\n` for each event, as bytes. */
export function encodeEvents(events: AiStreamEvent[]): Uint8Array {
  return encoder.encode(events.map((e) => `data: ${JSON.stringify(e)}\n\n`).join(""));
}
