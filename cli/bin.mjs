#!/usr/bin/env node
// Entry for the `forex-ai` bin: registers tsx so the TypeScript sources run as they are.
import { register } from "tsx/esm/api";

register();
// A reader that stops early (`forex-ai ... | head`) is not an error: exit quietly.
process.stdout.on("error", (error) => {
  if (error.code === "EPIPE") process.exit(0);
  throw error;
});
const { main } = await import("./main.ts");
process.exitCode = await main(process.argv.slice(2), {
  stdout: (s) => process.stdout.write(s),
  stderr: (s) => process.stderr.write(s),
  cwd: process.cwd(),
});
