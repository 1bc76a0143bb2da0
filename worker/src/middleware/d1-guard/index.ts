/**
 * D1 outage -> 503 (checklist 39). Each API request sees its DB binding through a thin
 * wrapper that marks every failure coming out of D1 (the binding itself, prepare, bind,
 * first/all/run/raw, batch, exec). The error handler answers a marked failure with
 * 503 `database_unavailable` and Retry-After, unless it is a plain SQL error (constraint,
 * syntax: a bug, still a generic 500). The original error is rethrown unchanged, so code
 * that inspects D1 errors keeps working.
 */
import type { MiddlewareHandler } from "hono";
import type { AppBindings } from "../../env.ts";

const fromD1 = new WeakSet<object>();
const guarded = new WeakMap<D1Database, D1Database>();
const originals = new WeakMap<object, D1PreparedStatement>();
/** SQL errors that mean a bug in a query, not an unavailable database. */
const SQL_BUG =
  /SQLITE_(ERROR|CONSTRAINT|MISMATCH|RANGE|TOOBIG)|syntax error|no such (table|column)|constraint failed/i;

export const DB_RETRY_AFTER_S = 5;

function mark(err: unknown): unknown {
  if (err !== null && typeof err === "object") fromD1.add(err);
  return err;
}

/** True when err came out of D1 and is not an SQL bug: answer 503. */
export function isDatabaseUnavailable(err: unknown): boolean {
  if (err === null || typeof err !== "object" || !fromD1.has(err)) return false;
  return !SQL_BUG.test(String((err as Error).message ?? ""));
}

function sync<T>(fn: () => T): T {
  try {
    return fn();
  } catch (err) {
    throw mark(err);
  }
}

async function later<T>(fn: () => Promise<T>): Promise<T> {
  try {
    return await fn();
  } catch (err) {
    throw mark(err);
  }
}

function guardStatement(stmt: D1PreparedStatement): D1PreparedStatement {
  const wrapper = {
    bind: (...values: unknown[]) => guardStatement(sync(() => stmt.bind(...values))),
    first: (column?: string) => later(() => (column === undefined ? stmt.first() : stmt.first(column))),
    all: () => later(() => stmt.all()),
    run: () => later(() => stmt.run()),
    raw: (options?: { columnNames?: boolean }) =>
      later(() => stmt.raw(options as { columnNames: true }) as Promise<unknown[]>),
  };
  originals.set(wrapper, stmt);
  return wrapper as unknown as D1PreparedStatement;
}

/** The binding wrapped so its failures are recognisable (one wrapper per binding). */
export function guardDb(db: D1Database): D1Database {
  if (db === null || typeof db !== "object") return db;
  const known = guarded.get(db);
  if (known) return known;
  const wrapper = {
    prepare: (query: string) => guardStatement(sync(() => db.prepare(query))),
    batch: (statements: D1PreparedStatement[]) =>
      later(() => db.batch(statements.map((s) => originals.get(s) ?? s))),
    exec: (query: string) => later(() => db.exec(query)),
    dump: () => later(() => db.dump()),
    withSession: (...args: Parameters<D1Database["withSession"]>) => sync(() => db.withSession(...args)),
  } as unknown as D1Database;
  guarded.set(db, wrapper);
  return wrapper;
}

export function d1Guard(): MiddlewareHandler<AppBindings> {
  return async (c, next) => {
    c.env = { ...c.env, DB: guardDb(c.env.DB) };
    await next();
  };
}
