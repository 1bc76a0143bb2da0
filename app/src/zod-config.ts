/*
 * Zod without its eval fast path: zod 4 probes `new Function` once to speed up object
 * parsing, which the app's Content Security Policy (no 'unsafe-eval'; checklist 35)
 * refuses and reports as a violation. Imported first by main.tsx.
 */
import { config } from "zod";

config({ jitless: true });
