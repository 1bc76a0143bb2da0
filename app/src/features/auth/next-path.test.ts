import { describe, expect, it } from "vitest";
import { safeNext } from "./next-path.ts";

describe("safeNext", () => {
  it("keeps in-app paths", () => {
    expect(safeNext("/security")).toBe("/security");
    expect(safeNext(["/settings", "/x"])).toBe("/settings");
  });

  it("refuses other origins and odd values", () => {
    for (const v of [
      "https://evil.example",
      "//evil.example",
      "/\\evil.example",
      "javascript:alert(1)",
      "/a\nb",
      "",
    ]) {
      expect(safeNext(v, "/home")).toBe("/home");
    }
    expect(safeNext(undefined)).toBe("/");
  });
});
