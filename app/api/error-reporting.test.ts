import { afterAll, beforeAll, expect, test, vi } from "vitest";
import { runInRequest } from "@/lib/server/log/request-context";
import { newRegisteredUser } from "@/scripts/test-support/people";
import { eventually, openRouteDatabase, type RouteDb } from "@/scripts/test-support/routes";
import { type SentryReceiver, startSentryReceiver } from "@/scripts/test-support/stand-ins/sentry-receiver";
import { POST as createJob } from "./jobs/route";

/**
 * With SENTRY_DSN set, a real server fault (the database lost a function the route needs) is
 * reported to Sentry once, tagged with the request's id and route and its user's id, and nothing
 * secret the request carried (cookie, Authorization, prompt) or the user's email is in it. The
 * stand-in is Sentry's ingestion only: a local server speaking its envelope protocol.
 */

let receiver: SentryReceiver;
let route: RouteDb;

beforeAll(async () => {
  receiver = await startSentryReceiver();
  route = await openRouteDatabase();
  vi.stubEnv("SENTRY_DSN", receiver.dsn);
});
afterAll(async () => {
  const Sentry = await import("@sentry/nextjs");
  await Sentry.close(2000);
  await route.close();
  await receiver.close();
});

test("a 500 arrives once with its request id, route and user, scrubbed", async () => {
  const { browser, userId, email } = await newRegisteredUser(route);
  const model = await route.db.query<{ id: string }>(
    "select id from public.models where slug = 'ltx-2-fast'",
  );
  await route.db.exec("alter function public.generate_video rename to generate_video_lost");
  const prompt = "a lighthouse only this test knows";
  const context = { requestId: "req-sentry-1", route: "/api/jobs", method: "POST", userId };

  const response = await runInRequest(context, () =>
    browser.call(createJob, "/api/jobs", {
      json: { modelId: model.rows[0]?.id, prompt, settings: {} },
      headers: { "idempotency-key": crypto.randomUUID(), authorization: "Bearer sk_test_not_for_sentry" },
    }),
  );
  expect(response.status).toBe(500);
  expect((await response.json()).error.code).toBe("internal");
  // The answer echoes the request's id; the report carries that one.
  const requestId = response.headers.get("x-request-id");
  expect(requestId).toMatch(/^[0-9a-f-]{36}$/);

  const [event] = await eventually(async () =>
    receiver.events().length > 0 ? receiver.events() : undefined,
  );
  await new Promise((resolve) => setTimeout(resolve, 1500));
  expect(receiver.events()).toHaveLength(1);
  expect(event).toMatchObject({
    level: "error",
    release: "rendio-web@0.1.0",
    tags: { request_id: requestId, route: "/api/jobs", method: "POST" },
    user: { id: userId },
    extra: { what: "unexpected error" },
  });
  expect(JSON.stringify(event)).toMatch(/generate_video/);

  const sent = receiver.envelopes.map((envelope) => envelope.raw).join("\n");
  const sessionCookie = [...browser.cookies.values()][0] as string;
  for (const secret of [sessionCookie, "sk_test_not_for_sentry", "Bearer", email, prompt]) {
    expect(sent).not.toContain(secret);
  }
  await route.db.exec("alter function public.generate_video_lost rename to generate_video");
});

test("what Next catches in a page (onRequestError) is reported once, with the page's route template", async () => {
  vi.stubEnv("NEXT_RUNTIME", "nodejs");
  const { onRequestError } = await import("@/instrumentation");
  const error = new Error("render failed for mia@example.com");
  const request = {
    path: "/jobs/42?email=mia@example.com",
    method: "GET",
    headers: { cookie: "rendio_session=session-secret-value" },
  };
  const context = {
    routerKind: "App Router",
    routePath: "/jobs/[id]",
    routeType: "render",
    revalidateReason: undefined,
  } as const;
  await onRequestError(error, request, context);
  await onRequestError(error, request, context);

  const matching = () => receiver.events().filter((event) => JSON.stringify(event).includes("render failed"));
  await eventually(async () => (matching().length > 0 ? true : undefined), 60_000);
  await new Promise((resolve) => setTimeout(resolve, 1500));
  expect(matching()).toHaveLength(1);
  expect(matching()[0]).toMatchObject({ tags: { route: "/jobs/[id]" }, extra: { kind: "render" } });
  const sent = JSON.stringify(matching());
  expect(sent).toContain("render failed for [email]");
  for (const secret of ["mia@example.com", "rendio_session", "session-secret-value"])
    expect(sent).not.toContain(secret);
});
