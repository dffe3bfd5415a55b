import { createServer, type IncomingMessage, type Server, type ServerResponse } from "node:http";
import type { AddressInfo } from "node:net";
import { afterAll, beforeAll, beforeEach, expect, test } from "vitest";
import { SAVED_COPY_HEADER } from "../contracts/worker-messages";
import { createApiClient, isSavedCopy } from "./client";
import { ApiError } from "./errors";
import { literal, object } from "./shapes";

// The client against a real HTTP server whose answers each test scripts.
type Reply = (req: IncomingMessage, res: ServerResponse) => void;
let replies: Reply[] = [];
let seen: { method?: string; headers: IncomingMessage["headers"] }[] = [];
let server: Server;
let baseUrl: string;

beforeAll(async () => {
  server = createServer((req, res) => {
    seen.push({ method: req.method, headers: req.headers });
    const reply = replies.shift() ?? ((_, r) => r.writeHead(500).end());
    reply(req, res);
  });
  await new Promise<void>((resolve) => server.listen(0, "127.0.0.1", resolve));
  baseUrl = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
});
afterAll(() => new Promise<void>((resolve) => server.close(() => resolve())));
beforeEach(() => {
  replies = [];
  seen = [];
});

const send =
  (status: number, body: unknown, headers: Record<string, string> = {}): Reply =>
  (_, res) =>
    res.writeHead(status, { "content-type": "application/json", ...headers }).end(JSON.stringify(body));
const ok = object<{ ok: true }>({ ok: literal(true) });
const client = (timeoutMs = 2000) => createApiClient({ baseUrl, timeoutMs, random: () => 0 });
const failure = (promise: Promise<unknown>) =>
  promise.then(
    () => undefined,
    (e: unknown) => e as ApiError,
  );

test("a GET is retried on 503 and succeeds", async () => {
  replies = [send(503, {}), send(502, {}), send(200, { ok: true })];
  expect(await client().request("/x", ok)).toEqual({ ok: true });
  expect(seen).toHaveLength(3);
});

test("at most 3 retries, then the catalogue error", async () => {
  replies = Array.from({ length: 5 }, () =>
    send(503, { error: { code: "service_unavailable", message: "down" } }),
  );
  const error = await failure(client().request("/x", ok));
  expect(error).toBeInstanceOf(ApiError);
  expect(error?.code).toBe("service_unavailable");
  expect(seen).toHaveLength(4);
});

test("a POST without an Idempotency-Key is never retried", async () => {
  replies = [send(503, {}), send(200, { ok: true })];
  await failure(client().request("/x", ok, { method: "POST", body: {} }));
  expect(seen).toHaveLength(1);
});

test("a POST with an Idempotency-Key is retried with the same key", async () => {
  replies = [send(500, {}), send(200, { ok: true })];
  await client().request("/x", ok, { method: "POST", body: {}, idempotencyKey: "k-1" });
  expect(seen.map((s) => s.headers["idempotency-key"])).toEqual(["k-1", "k-1"]);
});

test("429 waits for Retry-After before retrying", async () => {
  replies = [
    send(429, { error: { code: "rate_limited", message: "slow" } }, { "retry-after": "1" }),
    send(200, { ok: true }),
  ];
  const started = Date.now();
  await client().request("/x", ok);
  expect(Date.now() - started).toBeGreaterThanOrEqual(950);
});

test("402 is insufficient_credits, not a network error, and is not retried", async () => {
  replies = [send(402, { error: { code: "insufficient_credits", message: "no" } })];
  const error = await failure(client().request("/x", ok, { method: "POST", body: {}, idempotencyKey: "k" }));
  expect(error?.code).toBe("insufficient_credits");
  expect(error?.messageKey).toBe("errors.insufficient_credits");
  expect(seen).toHaveLength(1);
});

test("a 400 keeps the field the server named", async () => {
  replies = [send(400, { error: { code: "validation_failed", message: "bad", field: "prompt" } })];
  const error = await failure(client().request("/x", ok, { method: "POST", body: {} }));
  expect({ code: error?.code, field: error?.field }).toEqual({ code: "validation_failed", field: "prompt" });
});

test("an answer without our error body still maps by status", async () => {
  replies = [(_, res) => res.writeHead(404, { "content-type": "text/html" }).end("<h1>nope</h1>")];
  expect((await failure(client().request("/x", ok, { method: "POST" })))?.code).toBe("not_found");
});

test("a body that does not match the schema is an error, not bad data", async () => {
  replies = [send(200, { ok: "yes" })];
  expect((await failure(client().request("/x", ok)))?.code).toBe("internal");
});

test("no answer in time is a timeout", async () => {
  replies = Array.from({ length: 4 }, () => () => undefined); // never answers
  const error = await failure(client(200).request("/x", ok, { method: "POST" }));
  expect(error?.code).toBe("timeout");
});

test("an unreachable server is a network error", async () => {
  const offline = createApiClient({ baseUrl: "http://127.0.0.1:1", timeoutMs: 1000, random: () => 0 });
  expect((await failure(offline.request("/x", ok, { method: "POST" })))?.code).toBe("network_error");
});

test("an answer the worker marked as its saved copy is known as one; a network answer is not", async () => {
  replies = [send(200, { ok: true }, { [SAVED_COPY_HEADER]: "1" }), send(200, { ok: true })];
  const saved = await client().request("/x", ok);
  const fresh = await client().request("/x", ok);
  expect(saved).toEqual(fresh);
  expect(isSavedCopy(saved)).toBe(true);
  expect(isSavedCopy(fresh)).toBe(false);
  expect(isSavedCopy(null)).toBe(false);
});
