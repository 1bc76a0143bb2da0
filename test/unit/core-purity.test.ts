/**
 * core/ must stay pure: no I/O, no clock, no randomness, no imports from outside core/.
 * The compiler already refuses DOM and Node globals there (core/tsconfig.json has no DOM
 * lib and no Node types); this test catches what the compiler cannot see: the clock,
 * randomness, and imports of runtime packages or of other layers.
 */
import { readdirSync, readFileSync, statSync } from "node:fs";
import { join, relative } from "node:path";
import { describe, expect, it } from "vitest";

const coreDir = join(import.meta.dirname, "../../core");

function sourceFiles(dir: string): string[] {
  return readdirSync(dir).flatMap((name) => {
    const path = join(dir, name);
    if (statSync(path).isDirectory()) return sourceFiles(path);
    return name.endsWith(".ts") && !name.endsWith(".test.ts") ? [path] : [];
  });
}

const forbidden: Array<[RegExp, string]> = [
  [/\bDate\.now\s*\(/, "Date.now() — pass a clock in"],
  [/\bnew Date\(\s*\)/, "new Date() — pass a clock in"],
  [/\bMath\.random\s*\(/, "Math.random() — pass a seeded random source in"],
  [/from\s+["'](node:|fs|path|os|dexie|hono|solid-js)/, "a runtime import"],
  [/from\s+["'](\.\.\/)+(app|worker|cli|connector)\//, "an import from outside core/"],
];

/** Lists every forbidden use in one source text, as "line: reason". */
function violations(text: string): string[] {
  const found: string[] = [];
  text.split("\n").forEach((line, i) => {
    const code = line.replace(/\/\/.*$/, "");
    for (const [pattern, reason] of forbidden) if (pattern.test(code)) found.push(`${i + 1}: ${reason}`);
  });
  return found;
}

describe("core purity", () => {
  it("the checker catches each forbidden use", () => {
    expect(violations("const t = Date.now();")).toHaveLength(1);
    expect(violations("const r = Math.random();")).toHaveLength(1);
    expect(violations('import { readFile } from "node:fs";')).toHaveLength(1);
    expect(violations("// Date.now() in a comment is fine")).toHaveLength(0);
  });

  it("no core module uses I/O, the clock or randomness", () => {
    const files = sourceFiles(coreDir);
    expect(files.length).toBeGreaterThan(0);
    const report = files.flatMap((file) =>
      violations(readFileSync(file, "utf8")).map((v) => `${relative(coreDir, file)}:${v}`),
    );
    expect(report).toEqual([]);
  });
});
