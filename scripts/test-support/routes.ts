import { randomBytes, randomInt, randomUUID } from "node:crypto";
import { mkdtempSync, readFileSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import path from "node:path";
import type { PGlite } from "@electric-sql/pglite";
import { inject, vi } from "vitest";
import { parseCookieHeader } from "../../lib/server/auth/cookies";
import { SOCKET_HEADER, SOCKET_TOKEN } from "../../lib/server/client-address";
import { openPglite, pgliteRpc } from "../../lib/server/db/pglite";
import type { Rpc } from "../../lib/server/db/rpc";
import { checkAnswer } from "./openapi";

/**
 * Route-handler tests: the real handlers, called with real Requests, over a fresh migrated
 * PGlite (copied from the suite's template) that becomes this process's database, with media
 * and secrets in a temporary DATA_DIR.
 */

declare module "vitest" {
  export interface ProvidedContext {
    pgliteTemplate: string;
  }
}

type Holder = {
  __rendioRpc?: Promise<Rpc>;
  __rendioLocalRunner?: { cancel(jobId: string): void; whenIdle(): Promise<void> };
  __rendioBackground?: boolean;
};

export type RouteDb = { db: PGlite; dataDir: string; close(): Promise<void> };

export async function openRouteDatabase(): Promise<RouteDb> {
  const dataDir = mkdtempSync(path.join(tmpdir(), "rendio-routes-"));
  vi.stubEnv("DATA_DIR", dataDir);
  vi.stubEnv("DATABASE_URL", "");
  vi.stubEnv("NEXT_PUBLIC_SUPABASE_URL", "");
  vi.stubEnv("SESSION_SECRET", "");
  const db = await openPglite({ loadDataDir: new Blob([readFileSync(inject("pgliteTemplate"))]) });
  const holder = globalThis as Holder;
  holder.__rendioRpc = Promise.resolve(pgliteRpc(db));
  return {
    db,
    dataDir,
    async close() {
      // Renders this file's jobs started stop with it, as they would with its own process (test
      // files share one: see scripts/test-support/fresh-file.ts); they would go on using CPU and
      // then this database and DATA_DIR, both gone.
      const runner = holder.__rendioLocalRunner;
      if (runner) {
        const { rows } = await db.query<{ id: string }>(
          "select id from public.video_jobs where status in ('pending', 'processing')",
        );
        for (const { id } of rows) runner.cancel(id);
        await runner.whenIdle();
      }
      holder.__rendioRpc = undefined;
      holder.__rendioLocalRunner = undefined;
      await db.close();
      rmSync(dataDir, { recursive: true, force: true });
      vi.unstubAllEnvs();
    },
  };
}

type Params = Record<string, string | string[]>;
// biome-ignore lint/suspicious/noExplicitAny: each route types its own params
type Handler = (request: Request, context: { params: Promise<any> }) => Promise<Response>;

/** A random IPv4 address, in a random /24 of 10.0.0.0/8. */
export function randomAddress(): string {
  const byte = () => randomInt(1, 255);
  return `10.${byte()}.${byte()}.${byte()}`;
}

/**
 * Plays scripts/serve.mjs for route handlers: the process's socket token, and the stamp the
 * server writes on every request saying which address and scheme the connection had.
 */
export function socketStamp(address: string, scheme: "http" | "https"): Record<string, string> {
  const holder = globalThis as { [SOCKET_TOKEN]?: string };
  holder[SOCKET_TOKEN] ??= randomBytes(32).toString("base64url");
  return { [SOCKET_HEADER]: `${holder[SOCKET_TOKEN]} ${scheme} ${address}` };
}

/**
 * A browser's cookie jar in front of route handlers: keeps what Set-Cookie sets. It connects
 * from `address` (by default its own random one) through the app's server (socketStamp).
 */
export class TestBrowser {
  readonly cookies = new Map<string, string>();

  constructor(
    readonly origin = "http://localhost:3000",
    readonly address = randomAddress(),
  ) {}

  async call(
    handler: Handler,
    pathname: string,
    init: {
      method?: string;
      json?: unknown;
      body?: BodyInit;
      headers?: Record<string, string>;
      params?: Params;
    } = {},
  ): Promise<Response> {
    const scheme = new URL(this.origin).protocol === "https:" ? "https" : "http";
    const headers = new Headers({ ...socketStamp(this.address, scheme), ...init.headers });
    if (this.cookies.size) headers.set("cookie", [...this.cookies].map(([k, v]) => `${k}=${v}`).join("; "));
    if (init.json !== undefined) headers.set("content-type", "application/json");
    const method = init.method ?? (init.json !== undefined || init.body !== undefined ? "POST" : "GET");
    if (method !== "GET" && !headers.has("origin")) headers.set("origin", this.origin);
    const request = new Request(new URL(pathname, this.origin), {
      method,
      headers,
      body: init.json !== undefined ? JSON.stringify(init.json) : init.body,
      // A stream body (a chunked upload) needs it; other bodies ignore it.
      duplex: "half",
    } as RequestInit);
    const response = await handler(request, { params: Promise.resolve(init.params ?? {}) });
    await checkAnswer(method, request.url ? new URL(request.url).pathname : pathname, response);
    for (const line of response.headers.getSetCookie()) {
      const [pair] = line.split(";");
      const [cookie] = parseCookieHeader(pair ?? "");
      if (!cookie) continue;
      if (/max-age=0/i.test(line)) this.cookies.delete(cookie.name);
      else this.cookies.set(cookie.name, encodeURIComponent(cookie.value));
    }
    return response;
  }
}

/** Starts a guest in `browser` (a new one by default): the browser, now holding its session, and the user's id. */
export async function newGuest(
  browser = new TestBrowser(),
): Promise<{ browser: TestBrowser; userId: string }> {
  const { POST } = await import("../../app/api/session/guest/route");
  const response = await browser.call(POST, "/api/session/guest", {
    json: {},
    headers: { "x-forwarded-for": randomUUID() },
  });
  if (response.status !== 201)
    throw new Error(`starting a guest: ${response.status} ${await response.text()}`);
  return { browser, userId: (await response.json()).user.id };
}

/** Polls until `check` returns a value (jobs finish in the background). */
export async function eventually<T>(check: () => Promise<T | undefined>, timeoutMs = 20_000): Promise<T> {
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    const value = await check();
    if (value !== undefined) return value;
    if (Date.now() > deadline) throw new Error("timed out waiting");
    await new Promise((resolve) => setTimeout(resolve, 200));
  }
}

/**
 * Rate limits count in fixed one-minute windows (check_rate_limit): a test that fills one and
 * expects the next request refused waits, when late in a minute, for the next to begin, so its
 * requests never straddle two windows.
 */
export async function waitForFreshMinute(atMostSecond = 40): Promise<void> {
  const second = new Date().getUTCSeconds();
  if (second > atMostSecond) await new Promise((resolve) => setTimeout(resolve, (61 - second) * 1000));
}
