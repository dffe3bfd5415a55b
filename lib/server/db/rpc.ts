import type { z } from "zod";
import { AppError, isErrorCode } from "../../errors";

/**
 * The Rpc port: the one way the server talks to the database. Every business rule is a SQL
 * function (supabase/schemas); an adapter calls it by name with named arguments and the
 * result is parsed with the caller's zod schema. The server calls it only through the typed
 * functions of ./functions; the SQL tests call it by name.
 */
export interface Rpc {
  call<S extends z.ZodType>(fn: string, args: Record<string, unknown>, schema: S): Promise<z.output<S>>;
  close(): Promise<void>;
}

const identifier = /^[a-z_][a-z0-9_]{0,62}$/;

export function assertIdentifier(name: string): void {
  if (!identifier.test(name)) throw new Error(`Not a valid SQL identifier: ${JSON.stringify(name)}`);
}

/** The arguments that were given (undefined ones take the SQL default). */
export function definedArgs(args: Record<string, unknown>): [string, unknown][] {
  const entries = Object.entries(args).filter(([, value]) => value !== undefined);
  for (const [name] of entries) assertIdentifier(name);
  return entries;
}

/** A database error as the SQL functions raise it: SQLSTATE, message, detail. */
export type DbErrorFields = { sqlState?: string; message?: string; detail?: string; network?: boolean };

/** Maps a raised P0001 to its catalogue error; an unreachable database to service_unavailable. */
export function toAppError(fields: DbErrorFields, cause?: unknown): AppError | undefined {
  if (fields.sqlState === "P0001" && isErrorCode(fields.message)) {
    const detail = fields.detail || undefined;
    if (fields.message === "rate_limited") {
      return new AppError("rate_limited", { retryAfterSeconds: Math.max(1, Number(detail) || 1) });
    }
    return new AppError(fields.message, { field: detail });
  }
  // A data exception (class 22) is an argument the function could not even accept, such as
  // "abc" for a uuid: bad input, not a bug.
  if (fields.sqlState?.startsWith("22")) {
    return new AppError("validation_failed");
  }
  if (fields.network || (fields.sqlState && /^(08|57P|53)/.test(fields.sqlState))) {
    const error = new AppError("service_unavailable");
    error.cause = cause;
    return error;
  }
  return undefined;
}

/** Parses a function's result; a shape that drifted from the schema is a bug, said plainly. */
export function parseResult<S extends z.ZodType>(fn: string, schema: S, value: unknown): z.output<S> {
  const parsed = schema.safeParse(value);
  if (!parsed.success) {
    const issues = parsed.error.issues.map((i) => `${i.path.join(".") || "(root)"}: ${i.message}`).join("; ");
    throw new Error(`rpc ${fn} returned an unexpected shape: ${issues}`);
  }
  return parsed.data;
}

/** The fields of an error thrown by pg or PGlite. */
export function pgErrorFields(error: unknown): DbErrorFields {
  if (typeof error !== "object" || error === null) return {};
  const e = error as { code?: unknown; message?: unknown; detail?: unknown };
  const code = typeof e.code === "string" ? e.code : undefined;
  return {
    sqlState: code && /^[0-9A-Z]{5}$/.test(code) ? code : undefined,
    message: typeof e.message === "string" ? e.message : undefined,
    detail: typeof e.detail === "string" ? e.detail : undefined,
    network: code !== undefined && /^(ECONN|ETIMEDOUT|ENOTFOUND|EPIPE|EAI_AGAIN)/.test(code),
  };
}
