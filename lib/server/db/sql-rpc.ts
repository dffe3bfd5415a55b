import type { z } from "zod";
import { assertIdentifier, definedArgs, parseResult, pgErrorFields, type Rpc, toAppError } from "./rpc";

/** Runs one parameterised statement as service_role and returns its single value. */
export type ServiceRoleQuery = (sql: string, params: unknown[]) => Promise<unknown>;

/** `select public.fn(p_a => $1, ...)`: objects go as JSON text, the rest as their text form. */
export function buildCall(fn: string, args: Record<string, unknown>): { sql: string; params: unknown[] } {
  assertIdentifier(fn);
  const entries = definedArgs(args);
  const placeholders = entries.map(([name], i) => `${name} => $${i + 1}`).join(", ");
  return {
    sql: `select public.${fn}(${placeholders}) as result`,
    params: entries.map(([, value]) => toParam(value)),
  };
}

function toParam(value: unknown): unknown {
  if (value === null) return null;
  if (typeof value === "object") return JSON.stringify(value);
  return String(value);
}

/** The Rpc port over any SQL connection (PGlite or a PostgreSQL server). */
export function sqlRpc(query: ServiceRoleQuery, close: () => Promise<void>): Rpc {
  return {
    async call<S extends z.ZodType>(fn: string, args: Record<string, unknown>, schema: S) {
      const { sql, params } = buildCall(fn, args);
      let value: unknown;
      try {
        value = await query(sql, params);
      } catch (error) {
        throw toAppError(pgErrorFields(error), error) ?? error;
      }
      return parseResult(fn, schema, value);
    },
    close,
  };
}
