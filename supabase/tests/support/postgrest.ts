import { buildCall } from "../../../lib/server/db/sql-rpc";

/**
 * Answers the way PostgREST does for `POST /rest/v1/rpc/<fn>`, from a SQL connection: named
 * arguments from the JSON body, the function's JSON result as the body, and PostgREST's error
 * format ({ code, message, details, hint }) with its status mapping. Shared by the injected
 * `fetch` below and the Supabase stand-in HTTP server (scripts/test-support/supabase). A test
 * double for Supabase's hosted HTTP API only; the adapter under test is the real one.
 */

export type SqlAsServiceRole = (sql: string, params: unknown[]) => Promise<unknown>;

export type RecordedRequest = { method: string; path: string; headers: Headers; body: unknown };

export type PostgrestAnswer = { status: number; body: unknown };

const postgrestError = (code: string, message: string) => ({ code, message, details: null, hint: null });

/** The answer to one request under /rest/v1 (after the API key was accepted). */
export async function answerPostgrest(
  method: string,
  pathname: string,
  body: unknown,
  query: SqlAsServiceRole,
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

export function postgrestFetch(options: {
  baseUrl: string;
  secretKey: string;
  query: SqlAsServiceRole;
  requests?: RecordedRequest[];
}): typeof fetch {
  return async (input, init) => {
    const request = new Request(input, init);
    const url = new URL(request.url);
    const text = await request.text();
    const body = text ? JSON.parse(text) : {};
    options.requests?.push({ method: request.method, path: url.pathname, headers: request.headers, body });

    if (url.origin !== new URL(options.baseUrl).origin) return reply(404, {});
    if (request.headers.get("apikey") !== options.secretKey) {
      return reply(401, postgrestError("PGRST301", "Invalid API key"));
    }
    const answer = await answerPostgrest(request.method, url.pathname, body, options.query);
    return reply(answer.status, answer.body);
  };
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

function reply(status: number, body: unknown): Response {
  return new Response(JSON.stringify(body), {
    status,
    headers: { "content-type": "application/json; charset=utf-8" },
  });
}
