/**
 * The fake AI provider as a process for the Playwright run (playwright.config.ts starts it
 * before the Worker, whose AI_BASE_URL points at it), with its control endpoints on:
 *   GET  /__requests  the requests recorded so far (JSON)
 *   POST /__mode      body: a ProviderMode (JSON) to answer with from now on
 * Usage: tsx test/support/fake-ai-provider-main.ts --port 9808
 */
import { startFakeAiProvider } from "./fake-ai-provider.ts";

const port = Number(process.argv[process.argv.indexOf("--port") + 1]);
if (!Number.isInteger(port) || port <= 0) {
  console.error("fake-ai-provider-main: give --port N");
  process.exit(2);
}
const fake = await startFakeAiProvider({ port, control: true });
fake.setMode({ kind: "stream", pieces: ["The market is ", "in a range, ", "as the context says."] });
console.log(`fake AI provider on ${fake.url}`);
