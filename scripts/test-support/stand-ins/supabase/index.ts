import { randomBytes } from "node:crypto";
import { createServer, type ServerResponse } from "node:http";
import type { AddressInfo } from "node:net";
import type { PGlite } from "@electric-sql/pglite";
import { pgliteDatabase, postgresDatabase } from "./database";
import { type AppleIdentity, createGoTrue, type GoTrueLimits, type MailMessage } from "./gotrue";
import {
  bearer,
  describeBody,
  json,
  jsonBody,
  type RecordedCall,
  readRequest,
  type StandInRequest,
  type StandInResponse,
} from "./http";
import { type AuthConfig, answerManagement, completeAuthConfig } from "./management";
import { answerPostgrest } from "./postgrest";
import { createStorage, type StoredObject } from "./storage";
import { createSigner } from "./tokens";

/**
 * A stand-in for a hosted Supabase project, which tests cannot reach: one real HTTP server on
 * 127.0.0.1 speaking the wire formats of the API gateway (`apikey` checked, secret key =
 * service_role), GoTrue at /auth/v1, PostgREST's `POST /rest/v1/rpc/<fn>`, Storage at
 * /storage/v1 and the Management API's `/v1/projects/{ref}/config/auth` — over a real
 * PostgreSQL (a server, or PGlite in the unit and route tests): users are rows of `auth.users`,
 * RPCs run our SQL functions under the API roles, buckets are rows of `storage.buckets`. It also
 * plays Apple's sign-in page (/__apple/authorize).
 *
 * What it is not: Supabase. Sessions, codes and stored objects live in memory; rate limits are
 * plain counters per client address; only the routes and fields this app uses exist, and each
 * module says what it leaves out. Wire details follow supabase/auth, supabase/storage and
 * supabase-js sources; see gotrue.ts, storage.ts and management.ts.
 */

export type SupabaseStandInOptions = {
  /**
   * A migrated database (supabase/local included) the stand-in may write `auth.users` in: a
   * PostgreSQL URL, or a PGlite the test owns (the stand-in leaves it open at close).
   */
  databaseUrl?: string;
  pglite?: PGlite;
  /** The app's URL: GoTrue's site_url, and `${siteUrl}/**` is the redirect allow list. */
  siteUrl?: string;
  /** Management API fields to override on top of a completely set-up project. */
  authConfig?: Partial<AuthConfig>;
  /** Access token lifetime (jwt_exp), so a test can let one expire. */
  accessTokenSeconds?: number;
  /** "IP address forwarding" (security_sb_forwarded_for_enabled); on by default. */
  ipForwarding?: boolean;
  /** Turns CAPTCHA on, accepting only this token as gotrue_meta_security.captcha_token. */
  captchaToken?: string;
  /** Small per-address limits for tests; none by default. */
  limits?: GoTrueLimits;
  /** Storage's global upload limit in bytes (Free plan: 50 MB, the default). */
  globalFileSizeLimit?: number;
  projectRef?: string;
  /** The Management API's personal access token (a random one by default). */
  managementToken?: string;
};

export type SupabaseStandIn = {
  /** The project URL (NEXT_PUBLIC_SUPABASE_URL), e.g. http://127.0.0.1:port. */
  url: string;
  publishableKey: string;
  secretKey: string;
  /** The settings that put the app in supabase mode against this project (with SESSION_SECRET, which that mode needs). */
  appSettings: Record<string, string>;
  projectRef: string;
  /** Base URL of the Management API (api.supabase.com on the real thing); here the same server. */
  managementUrl: string;
  managementToken: string;
  jwksUrl: string;
  /** The project's auth settings, as the Management API returns them; mutate to change GoTrue's behaviour. */
  authConfig: AuthConfig;
  /** Every request received, in order, with its headers. */
  calls: RecordedCall[];
  /** How many calls matched a method and a path prefix (e.g. "POST", "/storage/v1/object/sign/videos"). */
  count(method: string, pathPrefix?: string): number;
  /** Every email GoTrue "sent" (the codes a person would read). */
  mailbox: MailMessage[];
  lastCode(email: string): string | undefined;
  /** The identity Apple signs in next (default: a fresh identity with a private-relay email). */
  queueAppleIdentity(identity: AppleIdentity): void;
  /**
   * Follows an OAuth start URL (signInWithOAuth's or linkIdentity's `url`) through Apple and
   * GoTrue's callback, as a browser would, and returns where GoTrue finally redirects
   * (redirect_to with `?code=`, or with `error`, `error_code`, `error_description`).
   */
  followOAuth(startUrl: string): Promise<URL>;
  /** Stored objects by "bucket/key". */
  objects: Map<string, StoredObject>;
  /** The per-address limits in force; mutate to change them (resetRateLimits() zeroes the counts). */
  limits: GoTrueLimits;
  resetRateLimits(): void;
  sessionCount(userId: string): number;
  /** Ends a user's sessions in GoTrue, as a sign-out elsewhere does: their tokens meet session_not_found. */
  endSessions(userId: string): void;
  /**
   * A service failing: calls matching a method and a path prefix get GoTrue's 500
   * unexpected_failure until `restore()` is called.
   */
  breakCalls(method: string, pathPrefix: string): { restore(): void };
  close(): Promise<void>;
};

// Paths a browser or a provider reaches without an apikey (the gateway lets them through).
const openPaths = [
  /^\/auth\/v1\/(authorize|callback|verify|\.well-known\/jwks\.json)\/?$/,
  /^\/storage\/v1\/object\/sign\//,
  /^\/storage\/v1\/object\/upload\/sign\//,
  /^\/__apple\//,
  /^\/v1\/projects\//,
];

export async function startSupabaseStandIn(options: SupabaseStandInOptions): Promise<SupabaseStandIn> {
  const db = options.pglite
    ? pgliteDatabase(options.pglite)
    : postgresDatabase(options.databaseUrl ?? fail("startSupabaseStandIn needs databaseUrl or pglite"));
  const signer = await createSigner();
  const secret = randomBytes(16).toString("hex");
  const publishableKey = `sb_publishable_${secret.slice(0, 16)}`;
  const secretKey = `sb_secret_${secret.slice(16)}`;
  const projectRef = options.projectRef ?? "standinprojectref000";
  const managementToken = options.managementToken ?? `sbp_${randomBytes(20).toString("hex")}`;
  let baseUrl = "";

  const authConfig: AuthConfig = {
    ...completeAuthConfig(options.siteUrl ?? "http://localhost:3000"),
    security_captcha_enabled: options.captchaToken !== undefined,
    ...(options.accessTokenSeconds !== undefined ? { jwt_exp: options.accessTokenSeconds } : {}),
    ...(options.ipForwarding !== undefined
      ? { security_sb_forwarded_for_enabled: options.ipForwarding }
      : {}),
    ...options.authConfig,
  };
  const limits: GoTrueLimits = { ...options.limits };
  const gotrue = createGoTrue({
    db,
    signer,
    config: authConfig,
    limits,
    captchaToken: options.captchaToken,
    secretKey,
    baseUrl: () => baseUrl,
  });
  const storage = createStorage({
    db,
    signer,
    secretKey,
    globalFileSizeLimit: options.globalFileSizeLimit ?? 50 * 1024 * 1024,
  });
  const calls: RecordedCall[] = [];
  const broken = new Set<string>();

  /** PostgREST: the role from the key and the bearer token, the claims in request.jwt.claims. */
  async function rest(request: StandInRequest, apiKey: "secret" | "publishable"): Promise<StandInResponse> {
    let role = apiKey === "secret" ? "service_role" : "anon";
    let claims: Record<string, unknown> = { role };
    const token = bearer(request);
    if (token && token !== secretKey && token !== publishableKey) {
      try {
        claims = await signer.verify(token);
        role = String(claims.role);
      } catch {
        return json(401, { code: "PGRST303", message: "JWT expired or invalid", details: null, hint: null });
      }
    }
    const answer = await answerPostgrest(
      request.method,
      request.url.pathname,
      jsonBody(request),
      (sql, params) =>
        db.transaction(async (query) => {
          await query("select set_config('request.jwt.claims', $1, true)", [JSON.stringify(claims)]);
          await query(`set local role ${role}`);
          return (await query<{ result: unknown }>(sql, params)).rows[0]?.result;
        }),
    );
    return json(answer.status, answer.body);
  }

  async function dispatch(request: StandInRequest, call: RecordedCall): Promise<StandInResponse> {
    const path = request.url.pathname;
    if (request.method === "OPTIONS") return { status: 200, body: "" };
    if ([...broken].some((b) => `${request.method} ${path}`.startsWith(b))) {
      return json(
        500,
        { code: "unexpected_failure", message: "Unexpected failure" },
        { "x-supabase-api-version": "2024-01-01" },
      );
    }
    const key = request.headers.get("apikey") ?? request.url.searchParams.get("apikey");
    const apiKey = key === secretKey ? "secret" : key === publishableKey ? "publishable" : undefined;
    if (!apiKey && !openPaths.some((p) => p.test(path))) {
      return key
        ? json(401, {
            message: "Invalid API key",
            hint: "Double check your Supabase `anon` or `service_role` API key.",
          })
        : json(401, {
            message: "No API key found in request",
            hint: "No `apikey` request header or url param was found.",
          });
    }
    if (path.startsWith("/auth/v1/")) {
      call.clientAddress = gotrue.clientAddress(request, apiKey ?? "publishable");
      return gotrue.handle(request, call.clientAddress);
    }
    if (path.startsWith("/rest/v1/")) return rest(request, apiKey ?? "publishable");
    if (path.startsWith("/storage/v1/")) return storage.handle(request);
    if (path.startsWith("/v1/projects/")) {
      return answerManagement(request, { projectRef, accessToken: managementToken, config: authConfig });
    }
    if (path === "/__apple/authorize") return gotrue.appleAuthorize(request);
    return json(404, { message: "no Route matched with those values" });
  }

  const server = createServer(async (incoming, response: ServerResponse) => {
    try {
      const request = await readRequest(incoming, baseUrl);
      const call: RecordedCall = {
        service: serviceOf(request.url.pathname),
        method: request.method,
        path: request.url.pathname,
        query: Object.fromEntries(request.url.searchParams),
        headers: Object.fromEntries(request.headers),
        body: describeBody(request),
      };
      calls.push(call);
      const answer = await dispatch(request, call);
      call.status = answer.status;
      response.writeHead(answer.status, {
        "access-control-allow-origin": "*",
        "access-control-allow-headers": "*",
        "access-control-allow-methods": "GET, POST, PUT, PATCH, DELETE, OPTIONS",
        "access-control-expose-headers": "*",
        ...answer.headers,
      });
      response.end(answer.body ?? "");
    } catch (error) {
      response.writeHead(500, { "content-type": "application/json" });
      response.end(JSON.stringify({ message: `stand-in failure: ${(error as Error).message}` }));
    }
  });
  await new Promise<void>((resolve) => server.listen(0, "127.0.0.1", resolve));
  baseUrl = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;

  return {
    url: baseUrl,
    publishableKey,
    secretKey,
    appSettings: {
      NEXT_PUBLIC_SUPABASE_URL: baseUrl,
      NEXT_PUBLIC_SUPABASE_PUBLISHABLE_KEY: publishableKey,
      SUPABASE_SECRET_KEY: secretKey,
      SESSION_SECRET: randomBytes(32).toString("base64url"),
    },
    projectRef,
    managementUrl: baseUrl,
    managementToken,
    jwksUrl: `${baseUrl}/auth/v1/.well-known/jwks.json`,
    authConfig,
    calls,
    count: (method, prefix = "/") =>
      calls.filter((c) => c.method === method && c.path.startsWith(prefix)).length,
    mailbox: gotrue.mailbox,
    lastCode: gotrue.lastCode,
    queueAppleIdentity: gotrue.queueAppleIdentity,
    followOAuth: async (startUrl) => {
      let url = new URL(startUrl);
      while (url.origin === baseUrl) {
        const response = await fetch(url, { redirect: "manual" });
        const location = response.headers.get("location");
        if (!location)
          throw new Error(`OAuth step ${url.pathname} answered ${response.status} without a redirect`);
        url = new URL(location, url);
      }
      return url;
    },
    objects: storage.objects,
    limits,
    resetRateLimits: gotrue.resetRateLimits,
    sessionCount: gotrue.sessionCount,
    endSessions: gotrue.endSessions,
    breakCalls: (method, pathPrefix) => {
      const key = `${method} ${pathPrefix}`;
      broken.add(key);
      return { restore: () => broken.delete(key) };
    },
    close: () =>
      new Promise<void>((resolve) => {
        server.closeAllConnections();
        server.close(() => {
          void db.close().then(() => resolve());
        });
      }),
  };
}

function fail(message: string): never {
  throw new Error(message);
}

function serviceOf(path: string): RecordedCall["service"] {
  if (path.startsWith("/auth/v1/")) return "auth";
  if (path.startsWith("/rest/v1/")) return "rest";
  if (path.startsWith("/storage/v1/")) return "storage";
  if (path.startsWith("/v1/projects/")) return "management";
  if (path.startsWith("/__apple/")) return "apple";
  return "other";
}

export type { AppleIdentity, AuthConfig, GoTrueLimits, MailMessage, RecordedCall, StoredObject };
