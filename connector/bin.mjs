#!/usr/bin/env node
// Entry for the `forex-ai-connector` bin: registers tsx so the TypeScript sources run as they are.
import { register } from "tsx/esm/api";

register();
const { processMain } = await import("./src/process-main.ts");
await processMain();
