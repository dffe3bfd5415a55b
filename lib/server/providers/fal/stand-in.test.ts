import { generateKeyPairSync } from "node:crypto";
import { createServer } from "node:http";
import type { AddressInfo } from "node:net";
import { afterAll, beforeAll, beforeEach, describe, expect, test } from "vitest";
import { type FalStandIn, startFalStandIn } from "@/scripts/test-support/stand-ins/fal";
import { falFailureCode } from "./errors";
import { createFalQueue, FalRequestError, falVideoOutput } from "./queue";
import { createJwksCache, type JwksCache, type VerifiedFalWebhook, verifyFalWebhook } from "./signature";

/**
 * The fal modules end to end against the fal stand-in: a job submitted once, polled, its video
 * fetched, its signed webhook verified by a real HTTP receiver using the stand-in's JWKS.
 */

const KEY = "stand-in-key:secret";
const ENDPOINT = "fal-ai/veo3.1/fast/image-to-video";
let fal: FalStandIn;
let clock = 0;
let jwks: JwksCache;

/** Our side of the webhook: verifies every delivery and answers 200, or 401 with the reason. */
const delivered: VerifiedFalWebhook[] = [];
const receiver = createServer(async (request, response) => {
  const chunks: Buffer[] = [];
  for await (const chunk of request) chunks.push(chunk as Buffer);
  const headers = new Headers();
  for (const [name, value] of Object.entries(request.headers))
    if (typeof value === "string") headers.set(name, value);
  try {
    delivered.push(await verifyFalWebhook({ headers, body: new Uint8Array(Buffer.concat(chunks)), jwks }));
    response.writeHead(200).end("ok");
  } catch (error) {
    response.writeHead(401).end((error as Error).message);
  }
});
let webhookUrl = "";

beforeAll(async () => {
  fal = await startFalStandIn({ key: KEY, userId: "fal-user-7" });
  await new Promise<void>((resolve) => receiver.listen(0, "127.0.0.1", resolve));
  webhookUrl = `http://127.0.0.1:${(receiver.address() as AddressInfo).port}/api/webhooks/fal?job=j-1`;
});
afterAll(async () => {
  await fal.close();
  await new Promise<void>((resolve) => receiver.close(() => resolve()));
});
beforeEach(() => {
  clock = 1_000_000;
  jwks = createJwksCache({ url: fal.jwksUrl, now: () => clock });
  delivered.length = 0;
  fal.calls.length = 0;
});

const queue = (options: { key?: string; submitTimeoutMs?: number } = {}) =>
  createFalQueue({ key: options.key ?? KEY, queueUrl: fal.url, submitTimeoutMs: options.submitTimeoutMs });
const input = { prompt: "A lighthouse", image_url: "https://media.example/x.jpg", duration: "8s" };

describe("a job through the stand-in", () => {
  test("submitted once, polled to COMPLETED, its video fetched and its webhook verified", async () => {
    fal.script("complete");
    const submission = await queue().submit(ENDPOINT, input, webhookUrl);
    expect(fal.count("POST")).toBe(1);
    expect(fal.calls[0]?.authorization).toBe(`Key ${KEY}`);
    const request = fal.requests.get(submission.requestId);
    expect(request?.input).toStrictEqual(input);
    expect(request?.webhookUrl).toBe(webhookUrl);
    // The URLs name owner/app only, not the endpoint's sub-path.
    expect(submission.statusUrl).toBe(`${fal.url}/fal-ai/veo3.1/requests/${submission.requestId}/status`);
    expect(submission.responseUrl).toBe(`${fal.url}/fal-ai/veo3.1/requests/${submission.requestId}`);

    expect(await queue().status(submission.statusUrl)).toStrictEqual({
      state: "IN_QUEUE",
      position: submission.queuePosition,
    });
    fal.advance(submission.requestId, "IN_PROGRESS");
    expect(await queue().status(submission.statusUrl)).toStrictEqual({ state: "IN_PROGRESS" });
    fal.advance(submission.requestId, "COMPLETED");
    expect(await queue().status(submission.statusUrl)).toStrictEqual({ state: "COMPLETED" });

    const result = await queue().result(submission.responseUrl);
    if (!result.ok) throw new Error(`expected a video, got ${JSON.stringify(result)}`);
    expect(result.contentType).toBe("video/mp4");
    const file = await fetch(result.videoUrl);
    expect(file.status).toBe(200);
    const bytes = Buffer.from(await file.arrayBuffer());
    expect(bytes.length).toBe(result.fileSize);
    expect(bytes.subarray(4, 8).toString("latin1")).toBe("ftyp");
    // +faststart: the index (moov) comes before the media (mdat).
    expect(bytes.indexOf("moov")).toBeLessThan(bytes.indexOf("mdat"));

    const answer = await fal.deliverWebhook(submission.requestId);
    expect(answer).toStrictEqual({ status: 200, body: "ok" });
    expect(delivered).toHaveLength(1);
    const [webhook] = delivered;
    expect(webhook?.requestId).toBe(submission.requestId);
    expect(webhook?.userId).toBe("fal-user-7");
    expect(webhook?.body.status).toBe("OK");
    expect(falVideoOutput(webhook?.body.payload)?.videoUrl).toBe(result.videoUrl);

    expect(await queue().cancel(submission.cancelUrl)).toBe("ALREADY_COMPLETED");
    expect(fal.count("POST", "/fal-ai/")).toBe(1);
  });

  test("a model's refusal reads the same from the result and from the webhook", async () => {
    const detail = [{ loc: ["body", "prompt"], msg: "flagged", type: "content_policy_violation" }];
    fal.script({ refuse: 422, detail, retryable: false });
    const { requestId, responseUrl } = await queue().submit(ENDPOINT, input, webhookUrl);
    fal.advance(requestId, "COMPLETED");
    const result = await queue().result(responseUrl);
    expect(result).toStrictEqual({ ok: false, status: 422, detail, retryable: false, errorType: null });
    if (result.ok) return;
    expect(falFailureCode({ ...result })).toBe("content_rejected");

    expect((await fal.deliverWebhook(requestId)).status).toBe(200);
    const body = delivered[0]?.body;
    expect(body).toMatchObject({ status: "ERROR", error: "Invalid status code: 422", payload: { detail } });
    if (!body) return;
    expect(falFailureCode({ status: "ERROR", error: body.error, payload: body.payload })).toBe(
      "content_rejected",
    );
  });

  test("an infrastructure failure is retryable provider_error", async () => {
    fal.script({ refuse: 504, detail: "Request timed out", errorType: "request_timeout" });
    const { requestId, responseUrl } = await queue().submit(ENDPOINT, input, webhookUrl);
    fal.advance(requestId, "COMPLETED");
    const result = await queue().result(responseUrl);
    expect(result).toMatchObject({ ok: false, status: 504, retryable: true, errorType: "request_timeout" });
    if (!result.ok) expect(falFailureCode({ ...result })).toBe("provider_error");
  });

  test("an output without a video is a failure", async () => {
    fal.script("no-video");
    const { requestId, responseUrl } = await queue().submit(ENDPOINT, input, webhookUrl);
    fal.advance(requestId, "COMPLETED");
    expect(await queue().result(responseUrl)).toMatchObject({ ok: false, status: 200, retryable: false });
  });

  test("an expired output URL answers 404", async () => {
    const { requestId, responseUrl } = await queue().submit(ENDPOINT, input, webhookUrl);
    fal.advance(requestId, "COMPLETED");
    const result = await queue().result(responseUrl);
    if (!result.ok) throw new Error("expected a video");
    fal.expireOutput(requestId);
    expect((await fetch(result.videoUrl)).status).toBe(404);
  });

  test("cancel while queued, then the request is over; an unknown request is NOT_FOUND", async () => {
    fal.script("hang");
    const submission = await queue().submit(ENDPOINT, input, webhookUrl);
    expect(await queue().cancel(submission.cancelUrl)).toBe("CANCELLATION_REQUESTED");
    expect(await queue().status(submission.statusUrl)).toStrictEqual({ state: "COMPLETED" });
    expect(await queue().cancel(submission.cancelUrl)).toBe("ALREADY_COMPLETED");
    expect(await queue().cancel(submission.cancelUrl.replace(submission.requestId, "nope"))).toBe(
      "NOT_FOUND",
    );
  });
});

describe("the submit is sent once, whatever happens", () => {
  test("a wrong key is refused with 401 and queues nothing", async () => {
    const before = fal.requests.size;
    const error = await queue({ key: "wrong" })
      .submit(ENDPOINT, input, webhookUrl)
      .catch((e: unknown) => e);
    expect(error).toBeInstanceOf(FalRequestError);
    expect(error).toMatchObject({ kind: "refused", status: 401 });
    expect(fal.requests.size).toBe(before);
    expect(fal.calls[0]?.authorization).toBe("Key wrong");
  });

  test("a submit refused by fal is not retried", async () => {
    fal.script({
      rejectSubmit: 503,
      body: { detail: "Service unavailable", error_type: "runner_scheduling_failure" },
    });
    await expect(queue().submit(ENDPOINT, input, webhookUrl)).rejects.toMatchObject({ kind: "unavailable" });
    expect(fal.count("POST")).toBe(1);
  });

  test("a dropped connection is a network error, sent once", async () => {
    fal.script("drop-submit");
    await expect(queue().submit(ENDPOINT, input, webhookUrl)).rejects.toMatchObject({ kind: "network" });
    expect(fal.count("POST")).toBe(1);
  });

  test("a slow answer times out, sent once, although fal did queue it", async () => {
    fal.script({ slowSubmitMs: 1_500 });
    const before = fal.requests.size;
    await expect(queue({ submitTimeoutMs: 200 }).submit(ENDPOINT, input, webhookUrl)).rejects.toMatchObject({
      kind: "timeout",
    });
    expect(fal.count("POST")).toBe(1);
    expect(fal.requests.size).toBe(before + 1);
  });
});

describe("progress", () => {
  test("autoProgress moves a request on with each status read; a hanging one stays queued", async () => {
    const auto = await startFalStandIn({ key: KEY, autoProgress: true });
    try {
      const autoQueue = createFalQueue({ key: KEY, queueUrl: auto.url });
      const moving = await autoQueue.submit(ENDPOINT, input, webhookUrl);
      const states = [];
      for (let i = 0; i < 3; i++) states.push((await autoQueue.status(moving.statusUrl)).state);
      expect(states).toStrictEqual(["IN_QUEUE", "IN_PROGRESS", "COMPLETED"]);
      auto.script("hang");
      const stuck = await autoQueue.submit(ENDPOINT, input, webhookUrl);
      for (let i = 0; i < 3; i++) expect((await autoQueue.status(stuck.statusUrl)).state).toBe("IN_QUEUE");
    } finally {
      await auto.close();
    }
  });

  test("autoWebhook delivers the signed webhook when the request completes", async () => {
    const auto = await startFalStandIn({ key: KEY, autoWebhook: true });
    const autoJwks = createJwksCache({ url: auto.jwksUrl });
    const previous = jwks;
    jwks = autoJwks;
    try {
      const submission = await createFalQueue({ key: KEY, queueUrl: auto.url }).submit(
        ENDPOINT,
        input,
        webhookUrl,
      );
      auto.advance(submission.requestId, "COMPLETED");
      await expect.poll(() => delivered.length, { timeout: 5_000 }).toBe(1);
      expect(delivered[0]?.requestId).toBe(submission.requestId);
    } finally {
      jwks = previous;
      await auto.close();
    }
  });
});

describe("webhook signatures from the stand-in", () => {
  async function completed() {
    const { requestId } = await queue().submit(ENDPOINT, input, webhookUrl);
    fal.advance(requestId, "COMPLETED");
    return requestId;
  }

  test("a webhook signed with another key, a stale one, or a rewritten body is refused", async () => {
    const requestId = await completed();
    const forged = await fal.deliverWebhook(requestId, {
      privateKey: generateKeyPairSync("ed25519").privateKey,
    });
    expect(forged).toStrictEqual({ status: 401, body: "no fal key verifies the signature" });
    const stale = await fal.deliverWebhook(requestId, { timestamp: Math.floor(Date.now() / 1000) - 600 });
    expect(stale).toStrictEqual({ status: 401, body: "timestamp out of range" });
    const swapped = await fal.deliverWebhook(requestId, {
      headers: { "x-fal-webhook-user-id": "someone-else" },
    });
    expect(swapped.status).toBe(401);
    expect(delivered).toHaveLength(0);
  });

  test("signedWebhook gives the signed delivery without sending it, for a route handler test", async () => {
    const requestId = await completed();
    const { url, headers, body } = fal.signedWebhook(requestId);
    expect(url).toBe(webhookUrl);
    const request = new Request(url, { method: "POST", headers, body });
    const verified = await verifyFalWebhook({
      headers: request.headers,
      body: new Uint8Array(await request.arrayBuffer()),
      jwks,
    });
    expect(verified.body).toMatchObject({ requestId, status: "OK" });
    expect(fal.count("POST", "/api/")).toBe(0);
  });

  test("after fal rotates its key, the next webhook is verified by one JWKS refresh", async () => {
    const first = await completed();
    expect((await fal.deliverWebhook(first)).status).toBe(200);
    const jwksFetches = () => fal.count("GET", "/.well-known/jwks.json");
    expect(jwksFetches()).toBe(1);
    fal.rotateKey();
    clock += 61_000;
    const second = await completed();
    expect((await fal.deliverWebhook(second)).status).toBe(200);
    expect(jwksFetches()).toBe(2);
    expect(delivered.map((webhook) => webhook.requestId)).toStrictEqual([first, second]);
  });
});
