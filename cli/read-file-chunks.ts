/**
 * Node side of market data imports: reads a price file as text chunks through a stream and
 * feeds them to the pure core parser, so big files never sit in memory as one string.
 */
import { createReadStream } from "node:fs";
import { basename, resolve } from "node:path";
import {
  createParser,
  type ParseProgress,
  type ParseResult,
  type ParserOptions,
} from "../core/market/index.ts";

/** Default read size: 1 MiB of text per chunk. */
export const CHUNK_SIZE = 1 << 20;

/** Yields the file's text in chunks (UTF-8; a character split between reads is kept whole). */
export async function* readTextChunks(path: string, chunkSize = CHUNK_SIZE): AsyncGenerator<string> {
  const stream = createReadStream(path, { encoding: "utf8", highWaterMark: chunkSize });
  for await (const chunk of stream) yield chunk as string;
}

/** Parses a file chunk by chunk; `onProgress` is called after each chunk. */
export async function parseFile(
  cwd: string,
  file: string,
  options: Omit<ParserOptions, "fileName"> = {},
  onProgress?: (progress: ParseProgress) => void,
): Promise<ParseResult> {
  const path = resolve(cwd, file);
  const parser = createParser({ ...options, fileName: basename(path) });
  try {
    for await (const chunk of readTextChunks(path)) {
      const progress = parser.feed(chunk);
      onProgress?.(progress);
    }
  } catch (error) {
    const code = (error as NodeJS.ErrnoException).code;
    if (code === "ENOENT") throw new Error(`cannot read "${file}": no such file (looked in ${path}).`);
    if (code === "EISDIR") throw new Error(`"${file}" is a directory; give a price file.`);
    throw error;
  }
  return parser.finish();
}
