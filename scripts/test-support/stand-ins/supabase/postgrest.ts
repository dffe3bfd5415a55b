import { buildCall } from "../../../../lib/server/db/sql-rpc";

/**
 * The stand-in's PostgREST: answers `POST /rest/v1/rpc/<fn>` from a SQL connection, with named
 * arguments from the JSON body, the function's JSON result as the body, and PostgREST's error
 * format ({ code, message, details, hint }) with its status mapping.
 */

export type RunSql = (sql: string, params: unknown[]) => Promise<unknown>;

export type PostgrestAnswer = { status: number; body: unknown };

const postgrestError = (code: string, message: string) => ({ code, message, details: null, hint: null });

/** The answer to one request under /rest/v1 (after the API key was accepted). */
export async function answerPostgrest(
  method: string,
  pathname: string,
  body: unknown,
  query: RunSql,
): Promise<PostgrestAnswer> {
  const match = /^\/rest\/v1\/rpc\/([a-z_][a-z0-9_]*)$/.exec(pathname);
  if (!match || method !== "POST") return { status: 404, body: postgrestError("PGRST202", "Not found") };
  const fn = match[1] as string;
  try {
    const { sql, params } = buildCall(fn, (body ?? {}) as Record<string, unknown>);
    return { status: 200, body: await query(sql, params) };
  } catch (error) {
    const e = error as { code?: string; message?: string; detail?: string; hint?: string };
    return {
      status: statusFor(e.code ?? ""),
      body: { code: e.code ?? "", message: e.message ?? "", details: e.detail ?? null, hint: e.hint ?? null },
    };
  }
}

/** PostgREST's mapping from SQLSTATE to HTTP status (the cases our functions can produce). */
export function statusFor(sqlState: string): number {
  if (sqlState === "42883") return 404;
  if (sqlState === "42501") return 403;
  if (sqlState.startsWith("08")) return 503;
  if (sqlState.startsWith("23")) return 409;
  if (sqlState.startsWith("P0") || sqlState.startsWith("22")) return 400;
  return 500;
}
