import { randomBytes, randomUUID } from "node:crypto";
import { createServer, type Server } from "node:http";
import type { AddressInfo } from "node:net";
import { SignJWT } from "jose";
import Stripe from "stripe";
import { afterAll, beforeAll, expect, test, vi } from "vitest";
import { errorBodySchema } from "@/lib/contracts/api";
import { errorCatalogue, isErrorCode } from "@/lib/errors";
import { SESSION_COOKIE } from "@/lib/server/auth/local";
import { setStripeApiAddress } from "@/lib/server/payments/stripe";
import { type ApiRoute, type HttpMethod, loadApiRoutes } from "@/scripts/test-support/api-routes";
import { type FuzzCase, SAME_ORIGIN, sampleCases } from "@/scripts/test-support/fuzz-requests";
import { newGuest, newRegisteredUser } from "@/scripts/test-support/people";
import { openRouteDatabase, type RouteDb } from "@/scripts/test-support/routes";

/**
 * Fuzz: at least a thousand generated bad requests across every route module on disk and every
 * method it exports. None may answer 5xx, every error must be a catalogue error in the API's
 * shape, and afterwards balances, ledger, jobs, settings, idempotency records, push
 * subscriptions and the number of users are exactly as before. FUZZ_SEED reproduces a run.
 */

const SEED = Number(process.env.FUZZ_SEED ?? 20261201);
/** Cases per real handler, and per 405 handler (all alike, so a few suffice). */
const CASES_PER_HANDLER = 80;
const CASES_PER_NOT_ALLOWED = 3;
/**
 * Handlers that take no input: with a session (or none) and our origin, any request to them is a
 * valid one (make a guest, delete the account, sign out). Their bad requests come cross-site.
 */
const INPUTLESS = new Set(["POST /api/session/guest", "DELETE /api/me", "POST /api/auth/sign-out"]);

const webhookSecret = `whsec_${randomUUID().replaceAll("-", "")}`;
const stripe = new Stripe("sk_test_fuzz");
let route: RouteDb;
let stripeStandIn: Server;
let routes: ApiRoute[];
let cookies: Record<FuzzCase["session"], string | null>;
let foreignJobId: string;

beforeAll(async () => {
  const env = {
    STRIPE_SECRET_KEY: "sk_test_fuzz",
    STRIPE_WEBHOOK_SECRET: webhookSecret,
    CRON_SECRET: randomBytes(24).toString("hex"),
  };
  for (const [name, value] of Object.entries(env)) vi.stubEnv(name, value);
  route = await openRouteDatabase();
  for (const [name, value] of Object.entries(env)) vi.stubEnv(name, value);
  // Stripe's one call a refund makes (find the session of a payment) answers "none"; any other
  // call is a 404 in Stripe's wire format.
  stripeStandIn = createServer((request, response) => {
    response.setHeader("content-type", "application/json");
    if (request.method === "GET" && request.url?.startsWith("/v1/checkout/sessions")) {
      response.end(
        JSON.stringify({ object: "list", url: "/v1/checkout/sessions", has_more: false, data: [] }),
      );
      return;
    }
    response.statusCode = 404;
    response.end(
      JSON.stringify({ error: { type: "invalid_request_error", message: "Unrecognized request URL" } }),
    );
  });
  await new Promise<void>((resolve) => stripeStandIn.listen(0, "127.0.0.1", resolve));
  const { port } = stripeStandIn.address() as AddressInfo;
  setStripeApiAddress({ host: "127.0.0.1", port, protocol: "http" });

  const guest = await newGuest();
  const registered = await newRegisteredUser(route);
  const owner = await newRegisteredUser(route);
  const model = await route.db.query<{ id: string }>(
    "select id from public.models where slug = 'ltx-2-fast'",
  );
  const made = await route.db.query<{ r: { job: { id: string } } }>(
    "select public.generate_video(p_user_id => $1, p_idempotency_key => gen_random_uuid(), p_model_id => $2, p_prompt => 'owned by someone else') as r",
    [owner.userId, model.rows[0]?.id],
  );
  foreignJobId = made.rows[0]?.r.job.id as string;
  const forged = await new SignJWT({ role: "authenticated", is_anonymous: true })
    .setProtectedHeader({ alg: "HS256", typ: "JWT" })
    .setSubject(guest.userId)
    .setIssuer("rendio-local")
    .setAudience("authenticated")
    .setExpirationTime("1h")
    .sign(randomBytes(32));
  const cookieOf = (jar: Map<string, string>) => [...jar].map(([k, v]) => `${k}=${v}`).join("; ");
  cookies = {
    none: null,
    guest: cookieOf(guest.browser.cookies),
    registered: cookieOf(registered.browser.cookies),
    garbage: `${SESSION_COOKIE}=${randomBytes(40).toString("base64url")}`,
    forged: `${SESSION_COOKIE}=${forged}`,
  };
}, 180_000);

afterAll(async () => {
  setStripeApiAddress(undefined);
  await new Promise((resolve) => stripeStandIn.close(resolve));
  await route.close();
});

async function snapshot() {
  const rows = async (sql: string) => (await route.db.query(sql)).rows;
  return {
    users: await rows("select id, is_guest, email, credits, language, theme from public.users order by id"),
    authUsers: await rows("select count(*)::int as n from auth.users"),
    ledger: await rows("select * from public.credit_ledger order by id"),
    jobs: await rows("select * from public.video_jobs order by id"),
    idempotency: await rows(
      "select user_id, key, request_hash from public.idempotency_records order by 1, 2",
    ),
    push: await rows("select * from public.push_subscriptions order by 1"),
  };
}

function signature(c: FuzzCase, payload: string): string | null {
  const now = Math.floor(Date.now() / 1000);
  const timestamp = { none: 0, valid: now, future: now + 3600, old: now - 3600 }[c.signing];
  if (!timestamp) return null;
  return stripe.webhooks.generateTestHeaderString({ payload, secret: webhookSecret, timestamp });
}

const wellFormed = (s: string) =>
  s.replace(/[\uD800-\uDBFF](?![\uDC00-\uDFFF])|(?<![\uD800-\uDBFF])[\uDC00-\uDFFF]/g, "\uFFFD");

function toRequest(api: ApiRoute, method: HttpMethod, c: FuzzCase) {
  const params: Record<string, string | string[]> = {};
  let pathname = api.pattern;
  api.params.forEach((p, i) => {
    // A URL cannot carry a lone surrogate: the server would get U+FFFD in its place.
    const raw = c.params[i] ?? "";
    const value = Array.isArray(raw) ? raw.map(wellFormed) : wellFormed(raw);
    params[p.name] = value;
    const encoded = Array.isArray(value)
      ? value.map(encodeURIComponent).join("/")
      : encodeURIComponent(value);
    pathname = pathname.replace(/\[[^\]]+\]/, encoded);
  });
  const url = new URL(pathname, SAME_ORIGIN);
  for (const [name, value] of c.query) url.searchParams.append(name, value);

  const headers = new Headers();
  for (const [name, value] of c.headers) {
    try {
      headers.set(name, value);
    } catch {
      // Not sendable over HTTP at all: nothing a server could receive.
    }
  }
  const cookie = cookies[c.session];
  if (cookie) headers.set("cookie", cookie);
  const crossSite = INPUTLESS.has(`${method} ${api.pattern}`);
  const origin = crossSite ? "https://evil.example" : c.origin;
  if (origin !== null) headers.set("origin", origin);
  // A forwarded host equal to the Origin's host makes a request same-origin (a browser page on
  // another site cannot send that header); input-less handlers must stay cross-site.
  if (crossSite) headers.delete("x-forwarded-host");
  if (c.contentType) headers.set("content-type", c.contentType);

  const hasBody = method !== "GET" && method !== "HEAD" && c.body.kind !== "none";
  let body: BodyInit | undefined;
  if (hasBody && c.body.kind === "text") {
    body = c.body.text;
    const signed = signature(c, c.body.text);
    if (signed) headers.set("stripe-signature", signed);
  } else if (hasBody && c.body.kind === "bytes") {
    body = new Blob([new Uint8Array(c.body.bytes)]);
  }
  return { request: new Request(url, { method, headers, body }), params };
}

type Finding = { at: string; index: number; status: number; problem: string };

/** Findings grouped by route, method and kind of problem, with the first case of each. */
function summarize(findings: Finding[]): string[] {
  const groups = new Map<string, Finding[]>();
  for (const f of findings) {
    const key = `${f.at}: ${f.problem.slice(0, 60)}`;
    groups.set(key, [...(groups.get(key) ?? []), f]);
  }
  return [...groups].map(
    ([key, all]) => `${key}… ×${all.length}, first case ${all[0]?.index}: ${all[0]?.problem.slice(0, 400)}`,
  );
}

async function check(at: string, method: HttpMethod, response: Response): Promise<string | null> {
  const status = response.status;
  if (status >= 500) return `answered ${status}: ${(await response.text()).slice(0, 300)}`;
  if (method === "HEAD") {
    await response.body?.cancel();
    return null;
  }
  const text = await response.text();
  if (status < 400) return null;
  if (status === 416 && at.startsWith("GET /api/media")) return null;
  let parsed: unknown;
  try {
    parsed = JSON.parse(text);
  } catch {
    return `${status} without a JSON body: ${text.slice(0, 120)}`;
  }
  const error = errorBodySchema.safeParse(parsed);
  if (!error.success) return `${status} body not in the error shape: ${text.slice(0, 200)}`;
  const code = error.data.error.code;
  if (!isErrorCode(code)) return `unknown error code ${code}`;
  if (errorCatalogue[code].status !== status) return `${code} answered ${status}`;
  if (status === 405 && !response.headers.get("allow")) return "405 without Allow";
  return null;
}

test("a thousand and more bad requests across every route: no 5xx, catalogue errors only, nothing changes", async () => {
  routes = await loadApiRoutes();
  expect(routes.length).toBeGreaterThanOrEqual(20);
  const before = await snapshot();
  const counts = new Map<string, Map<number, number>>();
  const findings: Finding[] = [];
  let total = 0;
  let seed = SEED;
  console.log(`[fuzz] seed ${SEED} (FUZZ_SEED=${SEED} reproduces this run)`);

  for (const api of routes) {
    for (const [method, handler] of Object.entries(api.handlers) as [
      HttpMethod,
      NonNullable<ApiRoute["handlers"][HttpMethod]>,
    ][]) {
      const at = `${method} ${api.pattern}`;
      const trivial = ["methodNotAllowed", "allowedMethods"].includes(handler.name);
      const many = trivial ? CASES_PER_NOT_ALLOWED : CASES_PER_HANDLER;
      const cases = sampleCases(api, [foreignJobId], seed++, many);
      const byStatus = counts.get(at) ?? new Map<number, number>();
      counts.set(at, byStatus);
      for (const [index, c] of cases.entries()) {
        const { request, params } = toRequest(api, method, c);
        let problem: string | null;
        let status = 0;
        try {
          const response = await handler(request, { params: Promise.resolve(params) });
          status = response.status;
          problem = await check(at, method, response);
        } catch (error) {
          problem = `threw ${error instanceof Error ? error.stack : String(error)}`;
        }
        total++;
        byStatus.set(status, (byStatus.get(status) ?? 0) + 1);
        if (problem) findings.push({ at, index, status, problem });
      }
    }
  }

  const table = [...counts].map(
    ([at, byStatus]) =>
      `${at.padEnd(44)} ${[...byStatus]
        .sort(([a], [b]) => a - b)
        .map(([s, n]) => `${s}×${n}`)
        .join(" ")}`,
  );
  console.log(`[fuzz] ${total} requests, ${counts.size} route methods\n${table.join("\n")}`);
  expect(summarize(findings), `seed ${SEED}: ${findings.length} findings`).toEqual([]);
  expect(total).toBeGreaterThanOrEqual(1000);
  expect(await snapshot()).toEqual(before);
}, 600_000);
