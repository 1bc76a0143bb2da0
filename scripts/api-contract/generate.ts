/**
 * Builds the app's API contract from the Worker itself: asks the real Hono app (in Node)
 * for /api/v1/openapi.json and turns it into app/src/adapters/api-contract.gen.ts.
 */
import { readFile, writeFile } from "node:fs/promises";
import { fileURLToPath, pathToFileURL } from "node:url";
import { type OpenApiDocument, openApiToTs } from "./openapi-to-ts.ts";

export const CONTRACT_FILE = fileURLToPath(
  new URL("../../app/src/adapters/api-contract.gen.ts", import.meta.url),
);

const HEADER = `/**
 * GENERATED from the Worker's OpenAPI document by scripts/api-contract/generate.ts
 * (run by \`npm run typecheck\` and \`npm run api:contract\`). Do not edit by hand: change the
 * route in worker/src/routes/ and regenerate. The app's API client (api-client.ts) is typed
 * from these declarations, so a contract change that the app does not follow fails the typecheck.
 */`;

interface WorkerApp {
  request(path: string, init: RequestInit, env: unknown): Response | Promise<Response>;
}

/** The OpenAPI document as the Worker serves it. */
export async function loadOpenApiDocument(): Promise<OpenApiDocument> {
  // Loaded by URL so this project's typecheck does not pull in the Worker's sources.
  const url = pathToFileURL(fileURLToPath(new URL("../../worker/src/app.ts", import.meta.url))).href;
  const { createApp } = (await import(url)) as { createApp(): WorkerApp };
  // The document needs no secrets; development mode lets the app answer without them.
  const res = await createApp().request("/api/v1/openapi.json", {}, { ENVIRONMENT: "development" });
  if (!res.ok) throw new Error(`The Worker answered ${res.status} for /api/v1/openapi.json`);
  return (await res.json()) as OpenApiDocument;
}

/** The contract module's source text. */
export async function generateApiContract(): Promise<string> {
  return openApiToTs(await loadOpenApiDocument(), HEADER);
}

/** Writes the contract; true when the file changed. */
export async function writeApiContract(): Promise<boolean> {
  const text = await generateApiContract();
  const old = await readFile(CONTRACT_FILE, "utf8").catch(() => "");
  if (old === text) return false;
  await writeFile(CONTRACT_FILE, text);
  return true;
}
