/**
 * The app's API contract (app/src/adapters/api-contract.gen.ts) is generated from the
 * Worker's real OpenAPI document by `npm run typecheck` (so a route change the app does not
 * follow fails the typecheck); here the generator covers every route, and the JSON Schema ->
 * TypeScript step is checked on hand-written schemas
 * whose TypeScript equivalents are written out by hand below (the reference).
 */
import { describe, expect, it } from "vitest";
import { generateApiContract } from "../../scripts/api-contract/generate.ts";
import { openApiToTs, schemaToTs } from "../../scripts/api-contract/openapi-to-ts.ts";

describe("API contract", () => {
  it("covers every documented route of the Worker, with its bodies", async () => {
    const text = await generateApiContract();
    for (const path of ["/health", "/auth/login", "/users/sessions/{id}", "/totp/verify", "/ai/status"])
      expect(text).toContain(`"${path}": {`);
    expect(text).toMatch(
      /"\/auth\/login": \{\n {4}post: \{[\s\S]*?body: \{\n {8}email: string;\n {8}password: string;/,
    );
  });
});

describe("schemaToTs", () => {
  it("objects: required and optional fields, nullable, enums, const, arrays, records", () => {
    const schema = {
      type: "object",
      properties: {
        id: { type: "string" },
        n: { type: "integer" },
        name: { type: ["string", "null"] },
        side: { type: "string", enum: ["buy", "sell"] },
        ok: { const: true },
        tags: { type: "array", items: { type: "string" } },
        extra: { type: "object", additionalProperties: {} },
      },
      required: ["id", "n", "name", "side", "ok"],
    };
    expect(schemaToTs(schema)).toBe(
      [
        "{",
        "  id: string;",
        "  n: number;",
        "  name: string | null;",
        '  side: "buy" | "sell";',
        "  ok: true;",
        "  tags?: string[];",
        "  extra?: Record<string, unknown>;",
        "}",
      ].join("\n"),
    );
  });

  it("refs, unions and intersections", () => {
    expect(schemaToTs({ $ref: "#/components/schemas/User" })).toBe('ApiSchemas["User"]');
    expect(schemaToTs({ anyOf: [{ $ref: "#/components/schemas/A" }, { type: "null" }] })).toBe(
      'ApiSchemas["A"] | null',
    );
    expect(
      schemaToTs({ allOf: [{ $ref: "#/components/schemas/A" }, { $ref: "#/components/schemas/B" }] }),
    ).toBe('ApiSchemas["A"] & ApiSchemas["B"]');
    expect(() => schemaToTs({ $ref: "https://example.com/x" })).toThrow(/Unsupported \$ref/);
  });

  it("operations: path parameters, query, body and one answer per status", () => {
    const text = openApiToTs(
      {
        paths: {
          "/items/{id}": {
            delete: {
              parameters: [
                { name: "id", in: "path", required: true, schema: { type: "string" } },
                { name: "force", in: "query", schema: { type: "boolean" } },
              ],
              responses: {
                "204": {},
                "404": { content: { "application/json": { schema: { type: "string" } } } },
              },
            },
          },
        },
      },
      "// header",
    );
    expect(text).toContain(
      [
        '  "/items/{id}": {',
        "    delete: {",
        "      params: { id: string; };",
        "      query: { force?: boolean; };",
        "      body: undefined;",
        "      responses: {",
        "        204: undefined;",
        "        404: string;",
        "      };",
        "    };",
        "  };",
      ].join("\n"),
    );
  });
});
