import { createServer, type IncomingMessage, type ServerResponse } from "node:http";
import type { AddressInfo } from "node:net";
import { afterAll, beforeAll, beforeEach, describe, expect, test } from "vitest";
import { createFalQueue, FalRequestError, falVideoOutput } from "./queue";

/**
 * The queue client against a server that answers whatever each test scripts, to cover answers
 * fal's stand-in would never give (broken JSON, a hang, odd headers). The normal flow against the
 * stand-in is in stand-in.test.ts.
 */

type Handler = (request: IncomingMessage, body: string, response: ServerResponse) => void;
let handler: Handler = () => {};
const seen: { method: string; url: string; headers: IncomingMessage["headers"]; body: string }[] = [];
const server = createServer(async (request, response) => {
  const chunks: Buffer[] = [];
  for await (const chunk of request) chunks.push(chunk as Buffer);
  const body = Buffer.concat(chunks).toString("utf8");
  seen.push({ method: request.method ?? "", url: request.url ?? "", headers: request.headers, body });
  handler(request, body, response);
});
let base = "";
beforeAll(async () => {
  await new Promise<void>((resolve) => server.listen(0, "127.0.0.1", resolve));
  base = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
});
afterAll(
  () =>
    new Promise<void>((resolve) => {
      server.closeAllConnections();
      server.close(() => resolve());
    }),
);
beforeEach(() => {
  seen.length = 0;
});

function answer(status: number, body: unknown, headers: Record<string, string> = {}) {
  handler = (_request, _body, response) => {
    const text = typeof body === "string" ? body : JSON.stringify(body);
    response.writeHead(status, { "content-type": "application/json", ...headers }).end(text);
  };
}

const queue = () => createFalQueue({ key: "k-123", queueUrl: `${base}/`, timeoutMs: 500 });
const requestUrl = () => `${base}/fal-ai/veo3.1/requests/r-1`;

async function failure(promise: Promise<unknown>): Promise<FalRequestError> {
  const error = await promise.then(
    () => null,
    (e: unknown) => e,
  );
  expect(error).toBeInstanceOf(FalRequestError);
  return error as FalRequestError;
}

describe("submit", () => {
  const accepted = () => ({
    status: "IN_QUEUE",
    request_id: "r-1",
    gateway_request_id: "r-1",
    response_url: requestUrl(),
    status_url: `${requestUrl()}/status`,
    cancel_url: `${requestUrl()}/cancel`,
    queue_position: 3,
  });

  test("POSTs the input as JSON with the key and the encoded webhook URL, and returns fal's URLs", async () => {
    answer(200, accepted());
    const webhook = "https://rendio.example/api/webhooks/fal?job=a&b=1";
    const submission = await queue().submit("fal-ai/veo3.1/fast", { prompt: "hi", duration: "8s" }, webhook);
    expect(submission).toStrictEqual({
      requestId: "r-1",
      responseUrl: requestUrl(),
      statusUrl: `${requestUrl()}/status`,
      cancelUrl: `${requestUrl()}/cancel`,
      queuePosition: 3,
    });
    expect(seen).toHaveLength(1);
    const [call] = seen;
    expect(call?.method).toBe("POST");
    expect(call?.url).toBe(`/fal-ai/veo3.1/fast?fal_webhook=${encodeURIComponent(webhook)}`);
    expect(new URL(call?.url ?? "", base).searchParams.get("fal_webhook")).toBe(webhook);
    expect(call?.headers.authorization).toBe("Key k-123");
    expect(call?.headers["content-type"]).toBe("application/json");
    expect(JSON.parse(call?.body ?? "")).toStrictEqual({ prompt: "hi", duration: "8s" });
  });

  test("a missing queue_position is null", async () => {
    const { queue_position: _, ...rest } = accepted();
    answer(200, rest);
    expect((await queue().submit("fal-ai/x", {}, "https://w.example/")).queuePosition).toBeNull();
  });

  test("a 4xx is refused with fal's detail, a 5xx unavailable, and neither is sent twice", async () => {
    const detail = [{ loc: ["body", "prompt"], msg: "field required", type: "missing" }];
    answer(422, { detail });
    const refused = await failure(queue().submit("fal-ai/x", {}, "https://w.example/"));
    expect(refused).toMatchObject({ kind: "refused", status: 422, detail });
    answer(503, { detail: "Runner unavailable", error_type: "runner_scheduling_failure" });
    expect(await failure(queue().submit("fal-ai/x", {}, "https://w.example/"))).toMatchObject({
      kind: "unavailable",
      status: 503,
      detail: "Runner unavailable",
    });
    answer(429, { detail: "Too many requests" });
    expect(await failure(queue().submit("fal-ai/x", {}, "https://w.example/"))).toMatchObject({
      kind: "refused",
    });
    expect(seen.filter((call) => call.method === "POST")).toHaveLength(3);
  });

  test("a 2xx that is not JSON, or lacks the URLs, is malformed", async () => {
    answer(200, "<html>ok</html>");
    expect((await failure(queue().submit("fal-ai/x", {}, "https://w.example/"))).kind).toBe("malformed");
    answer(200, { status: "IN_QUEUE", request_id: "r-1" });
    expect((await failure(queue().submit("fal-ai/x", {}, "https://w.example/"))).kind).toBe("malformed");
  });

  test("a redirect is not followed: the POST is never sent a second time", async () => {
    answer(307, "", { location: `${base}/elsewhere` });
    expect((await failure(queue().submit("fal-ai/x", {}, "https://w.example/"))).kind).toBe("network");
    expect(seen).toHaveLength(1);
  });

  test("no answer in time is a timeout, sent once; a closed port is a network error", async () => {
    handler = () => {}; // never answers
    const started = performance.now();
    const submitQueue = createFalQueue({ key: "k", queueUrl: base, timeoutMs: 5_000, submitTimeoutMs: 200 });
    expect((await failure(submitQueue.submit("fal-ai/x", {}, "https://w.example/"))).kind).toBe("timeout");
    expect(performance.now() - started).toBeLessThan(2_000);
    expect(seen).toHaveLength(1);
    const perCall = performance.now();
    const call = queue().submit("fal-ai/x", {}, "https://w.example/", { timeoutMs: 100 });
    expect((await failure(call)).kind).toBe("timeout");
    expect(performance.now() - perCall).toBeLessThan(400);
    const closed = createFalQueue({ key: "k", queueUrl: "http://127.0.0.1:9" });
    expect((await failure(closed.submit("fal-ai/x", {}, "https://w.example/"))).kind).toBe("network");
  });
});

describe("status", () => {
  test("reads IN_QUEUE with its position, IN_PROGRESS and COMPLETED, asking for no logs", async () => {
    answer(202, { status: "IN_QUEUE", queue_position: 2, request_id: "r-1" });
    expect(await queue().status(`${requestUrl()}/status`)).toStrictEqual({ state: "IN_QUEUE", position: 2 });
    expect(seen[0]?.url).toBe("/fal-ai/veo3.1/requests/r-1/status?logs=0");
    expect(seen[0]?.headers.authorization).toBe("Key k-123");
    answer(202, { status: "IN_PROGRESS", logs: null });
    expect(await queue().status(`${requestUrl()}/status?logs=1`)).toStrictEqual({ state: "IN_PROGRESS" });
    expect(seen[1]?.url).toBe("/fal-ai/veo3.1/requests/r-1/status?logs=0");
    answer(200, { status: "COMPLETED", logs: null, metrics: { inference_time: 12.5 } });
    expect(await queue().status(`${requestUrl()}/status`)).toStrictEqual({ state: "COMPLETED" });
  });

  test("an unknown status or a 404 throws", async () => {
    answer(200, { status: "EXPLODED" });
    expect((await failure(queue().status(`${requestUrl()}/status`))).kind).toBe("malformed");
    answer(404, { detail: "Request not found" });
    expect(await failure(queue().status(`${requestUrl()}/status`))).toMatchObject({
      kind: "refused",
      status: 404,
    });
  });
});

describe("result", () => {
  test("a video output", async () => {
    answer(200, {
      video: {
        url: "https://v3.fal.media/files/a.mp4",
        content_type: "video/mp4",
        file_name: "a.mp4",
        file_size: 1234,
      },
      seed: 7,
    });
    expect(await queue().result(requestUrl())).toStrictEqual({
      ok: true,
      videoUrl: "https://v3.fal.media/files/a.mp4",
      contentType: "video/mp4",
      fileSize: 1234,
    });
    expect(seen[0]?.method).toBe("GET");
    expect(seen[0]?.url).toBe("/fal-ai/veo3.1/requests/r-1");
  });

  test("a video without content type or size", async () => {
    answer(200, { video: { url: "https://v3.fal.media/files/a.mp4" } });
    expect(await queue().result(requestUrl())).toMatchObject({ ok: true, contentType: null, fileSize: null });
  });

  test("a model's refusal is not retryable, and says so", async () => {
    const detail = [{ loc: ["body", "prompt"], msg: "flagged", type: "content_policy_violation" }];
    answer(422, { detail }, { "x-fal-retryable": "false" });
    expect(await queue().result(requestUrl())).toStrictEqual({
      ok: false,
      status: 422,
      detail,
      retryable: false,
      errorType: null,
    });
  });

  test("an infrastructure error carries its type and retryability", async () => {
    answer(
      504,
      { detail: "Request timed out", error_type: "request_timeout" },
      { "x-fal-error-type": "request_timeout" },
    );
    expect(await queue().result(requestUrl())).toStrictEqual({
      ok: false,
      status: 504,
      detail: "Request timed out",
      retryable: true,
      errorType: "request_timeout",
    });
    answer(503, { detail: "Runner gone", error_type: "runner_disconnected" }, { "x-fal-retryable": "false" });
    expect(await queue().result(requestUrl())).toMatchObject({
      retryable: false,
      errorType: "runner_disconnected",
    });
    answer(500, "<h1>oops</h1>");
    expect(await queue().result(requestUrl())).toStrictEqual({
      ok: false,
      status: 500,
      detail: null,
      retryable: true,
      errorType: null,
    });
  });

  test("a 2xx without video.url is a failure that retrying will not fix", async () => {
    answer(200, { images: [{ url: "https://v3.fal.media/files/a.png" }] });
    expect(await queue().result(requestUrl())).toStrictEqual({
      ok: false,
      status: 200,
      detail: { images: [{ url: "https://v3.fal.media/files/a.png" }] },
      retryable: false,
      errorType: null,
    });
    answer(200, { video: { url: "not a url" } });
    expect(await queue().result(requestUrl())).toMatchObject({ ok: false, retryable: false });
  });

  test("a 2xx that is not JSON, or no answer, throws", async () => {
    answer(200, "video bytes");
    expect((await failure(queue().result(requestUrl()))).kind).toBe("malformed");
    handler = () => {};
    expect((await failure(queue().result(requestUrl()))).kind).toBe("timeout");
  });
});

describe("cancel", () => {
  test("PUTs to the cancel URL and returns fal's status, whatever the HTTP status", async () => {
    answer(202, { status: "CANCELLATION_REQUESTED" });
    expect(await queue().cancel(`${requestUrl()}/cancel`)).toBe("CANCELLATION_REQUESTED");
    expect(seen[0]).toMatchObject({ method: "PUT", url: "/fal-ai/veo3.1/requests/r-1/cancel" });
    answer(400, { status: "ALREADY_COMPLETED" });
    expect(await queue().cancel(`${requestUrl()}/cancel`)).toBe("ALREADY_COMPLETED");
    answer(404, { status: "NOT_FOUND" });
    expect(await queue().cancel(`${requestUrl()}/cancel`)).toBe("NOT_FOUND");
  });

  test("an answer without a status throws", async () => {
    answer(401, { detail: "No key" });
    expect(await failure(queue().cancel(`${requestUrl()}/cancel`))).toMatchObject({
      kind: "refused",
      status: 401,
    });
    answer(202, {});
    expect((await failure(queue().cancel(`${requestUrl()}/cancel`))).kind).toBe("malformed");
  });
});

test("falVideoOutput reads a webhook payload's video", () => {
  expect(falVideoOutput({ video: { url: "https://v3.fal.media/files/b.mp4", file_size: 9 } })).toStrictEqual({
    videoUrl: "https://v3.fal.media/files/b.mp4",
    contentType: null,
    fileSize: 9,
  });
  expect(falVideoOutput(null)).toBeNull();
  expect(falVideoOutput({ detail: [] })).toBeNull();
});
