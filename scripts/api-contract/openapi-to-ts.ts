/**
 * Turns the Worker's OpenAPI 3.1 document into TypeScript types for the app's API client:
 * `ApiSchemas` (the named component schemas) and `ApiPaths` (per path and method: path
 * parameters, query, JSON body and the JSON answer of each status). Handles the JSON Schema
 * the zod-openapi routes produce: $ref, anyOf/oneOf/allOf, enum/const, type lists (nullable),
 * objects (required, additionalProperties) and arrays. Pure: document in, source text out.
 */

type Json = null | boolean | number | string | Json[] | { [key: string]: Json };
type Schema = { [key: string]: Json };

export interface OpenApiDocument {
  paths: Record<string, Record<string, Operation>>;
  components?: { schemas?: Record<string, Schema> };
}

interface Operation {
  parameters?: Array<{ name: string; in: string; required?: boolean; schema?: Schema }>;
  requestBody?: { required?: boolean; content?: Record<string, { schema?: Schema }> };
  responses?: Record<string, { content?: Record<string, { schema?: Schema }> }>;
}

const METHODS = ["get", "post", "put", "patch", "delete"] as const;
const IDENT = /^[A-Za-z_$][A-Za-z0-9_$]*$/;

function key(name: string): string {
  return IDENT.test(name) ? name : JSON.stringify(name);
}

function pad(depth: number): string {
  return "  ".repeat(depth);
}

function isSchema(value: Json | undefined): value is Schema {
  return typeof value === "object" && value !== null && !Array.isArray(value);
}

function union(parts: string[]): string {
  const unique = [...new Set(parts)];
  if (unique.length === 0) return "never";
  return unique.length === 1 ? unique[0] : unique.map((p) => (p.includes("&") ? `(${p})` : p)).join(" | ");
}

function objectType(schema: Schema, depth: number): string {
  const props = isSchema(schema.properties) ? schema.properties : {};
  const required = new Set(Array.isArray(schema.required) ? schema.required.map(String) : []);
  const lines = Object.entries(props).map(([name, sub]) => {
    const optional = required.has(name) ? "" : "?";
    return `${pad(depth + 1)}${key(name)}${optional}: ${schemaToTs(isSchema(sub) ? sub : {}, depth + 1)};`;
  });
  const extra = schema.additionalProperties;
  if (extra === true || isSchema(extra)) {
    const value = isSchema(extra) ? schemaToTs(extra, depth + 1) : "unknown";
    if (lines.length === 0) return `Record<string, ${value}>`;
    lines.push(`${pad(depth + 1)}[key: string]: unknown;`);
  }
  if (lines.length === 0) return "Record<string, never>";
  return `{\n${lines.join("\n")}\n${pad(depth)}}`;
}

function singleType(type: string, schema: Schema, depth: number): string {
  switch (type) {
    case "string":
      return "string";
    case "number":
    case "integer":
      return "number";
    case "boolean":
      return "boolean";
    case "null":
      return "null";
    case "array": {
      const item = isSchema(schema.items) ? schemaToTs(schema.items, depth) : "unknown";
      return /^[\w.[\]"]+$/.test(item) ? `${item}[]` : `Array<${item}>`;
    }
    case "object":
      return objectType(schema, depth);
    default:
      throw new Error(`Unsupported JSON Schema type "${type}"`);
  }
}

/** The TypeScript type of one JSON Schema (as emitted by zod-openapi). */
export function schemaToTs(schema: Schema, depth = 0): string {
  if (typeof schema.$ref === "string") {
    const m = /^#\/components\/schemas\/(.+)$/.exec(schema.$ref);
    if (!m) throw new Error(`Unsupported $ref "${schema.$ref}"`);
    return `ApiSchemas[${JSON.stringify(m[1])}]`;
  }
  if ("const" in schema) return JSON.stringify(schema.const);
  if (Array.isArray(schema.enum)) return union(schema.enum.map((v) => JSON.stringify(v)));
  for (const combinator of ["anyOf", "oneOf"] as const) {
    const list = schema[combinator];
    if (Array.isArray(list)) return union(list.map((s) => schemaToTs(isSchema(s) ? s : {}, depth)));
  }
  if (Array.isArray(schema.allOf)) {
    return schema.allOf.map((s) => schemaToTs(isSchema(s) ? s : {}, depth)).join(" & ");
  }
  const type = schema.type;
  if (Array.isArray(type)) return union(type.map((t) => singleType(String(t), schema, depth)));
  if (typeof type === "string") return singleType(type, schema, depth);
  if (isSchema(schema.properties)) return objectType(schema, depth);
  return "unknown";
}

function jsonSchemaOf(content: Record<string, { schema?: Schema }> | undefined): Schema | undefined {
  return content?.["application/json"]?.schema;
}

function operationType(op: Operation, depth: number): string {
  const inner = pad(depth + 1);
  const params = (op.parameters ?? []).filter((p) => p.in === "path");
  const query = (op.parameters ?? []).filter((p) => p.in === "query");
  const fields = (list: typeof params) =>
    list.length === 0
      ? "Record<string, never>"
      : `{ ${list.map((p) => `${key(p.name)}${p.required ? "" : "?"}: ${schemaToTs(p.schema ?? {}, depth + 1)};`).join(" ")} }`;
  const body = jsonSchemaOf(op.requestBody?.content);
  const responses = Object.entries(op.responses ?? {}).map(([status, r]) => {
    const schema = jsonSchemaOf(r.content);
    const other = r.content && !schema ? "string" : "undefined";
    return `${pad(depth + 2)}${status}: ${schema ? schemaToTs(schema, depth + 2) : other};`;
  });
  return [
    "{",
    `${inner}params: ${fields(params)};`,
    `${inner}query: ${fields(query)};`,
    `${inner}body: ${body ? schemaToTs(body, depth + 1) : "undefined"};`,
    `${inner}responses: {`,
    ...responses,
    `${inner}};`,
    `${pad(depth)}}`,
  ].join("\n");
}

/** The generated module's source text. */
export function openApiToTs(doc: OpenApiDocument, header: string): string {
  const out: string[] = [header, "", "export interface ApiSchemas {"];
  for (const [name, schema] of Object.entries(doc.components?.schemas ?? {})) {
    out.push(`  ${key(name)}: ${schemaToTs(schema, 1)};`);
  }
  out.push("}", "", "export interface ApiPaths {");
  for (const [path, item] of Object.entries(doc.paths)) {
    out.push(`  ${JSON.stringify(path)}: {`);
    for (const method of METHODS) {
      const op = item[method];
      if (op) out.push(`    ${method}: ${operationType(op, 2)};`);
    }
    out.push("  };");
  }
  out.push("}", "");
  return out.join("\n");
}
