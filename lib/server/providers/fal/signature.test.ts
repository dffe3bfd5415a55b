import { createHash, generateKeyPairSync, type KeyObject, sign } from "node:crypto";
import { createServer } from "node:http";
import type { AddressInfo } from "node:net";
import { afterAll, beforeAll, beforeEach, describe, expect, test } from "vitest";
import { FalRequestError } from "./queue";
import { createJwksCache, type JwksCache, verifyFalWebhook, WebhookSignatureError } from "./signature";

const USER = "fal-user-1";
const REQUEST = "764cabcf-b745-4b3e-ae38-1200304cf45b";
const NOW = 1_780_000_000;

/** A real JWKS server: serves `served` (x `=`-padded) and counts fetches. */
let served: KeyObject[] = [];
let fetches = 0;
let jwksStatus = 200;
const server = createServer((_request, response) => {
  fetches++;
  const keys = served.map((key) => {
    const { x } = key.export({ format: "jwk" }) as { x: string };
    return { kty: "OKP", crv: "Ed25519", x: `${x}=`, use: "sig" };
  });
  response.writeHead(jwksStatus, { "content-type": "application/json" }).end(JSON.stringify({ keys }));
});
let jwksUrl = "";
beforeAll(async () => {
  await new Promise<void>((resolve) => server.listen(0, "127.0.0.1", resolve));
  jwksUrl = `http://127.0.0.1:${(server.address() as AddressInfo).port}/.well-known/jwks.json`;
});
afterAll(() => new Promise<void>((resolve) => server.close(() => resolve())));

const keyA = generateKeyPairSync("ed25519");
const keyB = generateKeyPairSync("ed25519");
let clock = 0;
let jwks: JwksCache;
beforeEach(() => {
  served = [keyA.publicKey];
  fetches = 0;
  jwksStatus = 200;
  clock = 1_000_000;
  jwks = createJwksCache({ url: jwksUrl, now: () => clock });
});

const body = (requestId = REQUEST) =>
  new TextEncoder().encode(
    JSON.stringify({
      request_id: requestId,
      gateway_request_id: requestId,
      status: "OK",
      payload: { video: { url: "https://v3.fal.media/files/x.mp4" } },
    }),
  );

/** Headers as fal sends them, signed with `privateKey` over `signed` (default: the body sent). */
function signedHeaders(
  raw: Uint8Array,
  options: { privateKey?: KeyObject; timestamp?: number; requestId?: string } = {},
) {
  const requestId = options.requestId ?? REQUEST;
  const timestamp = String(options.timestamp ?? NOW);
  const hash = createHash("sha256").update(raw).digest("hex");
  const message = Buffer.from(`${requestId}\n${USER}\n${timestamp}\n${hash}`);
  const signature = sign(null, message, options.privateKey ?? keyA.privateKey).toString("hex");
  return new Headers({
    "X-Fal-Webhook-Request-Id": requestId,
    "X-Fal-Webhook-User-Id": USER,
    "X-Fal-Webhook-Timestamp": timestamp,
    "X-Fal-Webhook-Signature": signature,
  });
}

async function refusal(promise: Promise<unknown>): Promise<string> {
  const error = await promise.then(
    () => null,
    (e: unknown) => e,
  );
  expect(error).toBeInstanceOf(WebhookSignatureError);
  return (error as Error).message;
}

describe("verifyFalWebhook", () => {
  test("a webhook fal signed passes, with its ids and parsed body", async () => {
    const raw = body();
    const verified = await verifyFalWebhook({
      headers: signedHeaders(raw),
      body: raw,
      jwks,
      nowSeconds: NOW + 10,
    });
    expect(verified).toMatchObject({ requestId: REQUEST, userId: USER, timestamp: NOW });
    expect(verified.body).toStrictEqual({
      requestId: REQUEST,
      gatewayRequestId: REQUEST,
      status: "OK",
      payload: { video: { url: "https://v3.fal.media/files/x.mp4" } },
      error: null,
      payloadError: null,
    });
    expect(fetches).toBe(1);
  });

  test("a tampered body is refused", async () => {
    const headers = signedHeaders(body());
    const tampered = new TextEncoder().encode(new TextDecoder().decode(body()).replace("x.mp4", "y.mp4"));
    expect(await refusal(verifyFalWebhook({ headers, body: tampered, jwks, nowSeconds: NOW }))).toMatch(
      /no fal key/,
    );
  });

  test("a signature by a key not in the JWKS is refused, after one refresh", async () => {
    const raw = body();
    const headers = signedHeaders(raw, { privateKey: keyB.privateKey });
    await jwks.keys();
    clock += 61_000; // the cached set is still fresh, but a refresh is allowed again
    expect(await refusal(verifyFalWebhook({ headers, body: raw, jwks, nowSeconds: NOW }))).toMatch(
      /no fal key/,
    );
    expect(fetches).toBe(2);
  });

  test("a timestamp more than 300 s away either way is refused; 300 s is accepted", async () => {
    const raw = body();
    const stale = signedHeaders(raw, { timestamp: NOW - 301 });
    expect(await refusal(verifyFalWebhook({ headers: stale, body: raw, jwks, nowSeconds: NOW }))).toMatch(
      /timestamp/,
    );
    const future = signedHeaders(raw, { timestamp: NOW + 301 });
    expect(await refusal(verifyFalWebhook({ headers: future, body: raw, jwks, nowSeconds: NOW }))).toMatch(
      /timestamp/,
    );
    const edge = signedHeaders(raw, { timestamp: NOW - 300 });
    await expect(verifyFalWebhook({ headers: edge, body: raw, jwks, nowSeconds: NOW })).resolves.toBeTruthy();
  });

  test("each missing header is refused", async () => {
    const raw = body();
    for (const name of ["request-id", "user-id", "timestamp", "signature"]) {
      const headers = signedHeaders(raw);
      headers.delete(`x-fal-webhook-${name}`);
      expect(await refusal(verifyFalWebhook({ headers, body: raw, jwks, nowSeconds: NOW }))).toContain(name);
    }
  });

  test("a signature that is not 64 bytes of hex, and a timestamp that is not a number, are refused", async () => {
    const raw = body();
    const notHex = signedHeaders(raw);
    notHex.set("x-fal-webhook-signature", "zz".repeat(64));
    expect(await refusal(verifyFalWebhook({ headers: notHex, body: raw, jwks, nowSeconds: NOW }))).toMatch(
      /hex/,
    );
    const short = signedHeaders(raw);
    short.set("x-fal-webhook-signature", "ab".repeat(32));
    expect(await refusal(verifyFalWebhook({ headers: short, body: raw, jwks, nowSeconds: NOW }))).toMatch(
      /hex/,
    );
    const odd = signedHeaders(raw);
    odd.set("x-fal-webhook-timestamp", "1.5e9");
    expect(await refusal(verifyFalWebhook({ headers: odd, body: raw, jwks, nowSeconds: NOW }))).toMatch(
      /timestamp/,
    );
  });

  test("a request id header that is not the signed one, or not the body's, is refused", async () => {
    const raw = body();
    const swapped = signedHeaders(raw);
    swapped.set("x-fal-webhook-request-id", "another-request");
    expect(await refusal(verifyFalWebhook({ headers: swapped, body: raw, jwks, nowSeconds: NOW }))).toMatch(
      /no fal key/,
    );
    // Correctly signed for another request id than the body names.
    const other = signedHeaders(raw, { requestId: "another-request" });
    expect(await refusal(verifyFalWebhook({ headers: other, body: raw, jwks, nowSeconds: NOW }))).toMatch(
      /request id/,
    );
  });

  test("a signed body that is not a fal webhook is refused", async () => {
    const raw = new TextEncoder().encode("not json");
    expect(
      await refusal(verifyFalWebhook({ headers: signedHeaders(raw), body: raw, jwks, nowSeconds: NOW })),
    ).toMatch(/not a fal webhook/);
  });

  test("a rotated key is picked up by the one refresh, then served from the cache", async () => {
    await jwks.keys();
    served = [keyB.publicKey];
    clock += 61_000;
    const raw = body();
    const headers = signedHeaders(raw, { privateKey: keyB.privateKey });
    await expect(verifyFalWebhook({ headers, body: raw, jwks, nowSeconds: NOW })).resolves.toBeTruthy();
    expect(fetches).toBe(2);
    await verifyFalWebhook({ headers, body: raw, jwks, nowSeconds: NOW });
    expect(fetches).toBe(2);
  });

  test("any key of the set may have signed", async () => {
    served = [keyB.publicKey, keyA.publicKey];
    const raw = body();
    await expect(
      verifyFalWebhook({ headers: signedHeaders(raw), body: raw, jwks, nowSeconds: NOW }),
    ).resolves.toBeTruthy();
    expect(fetches).toBe(1);
  });
});

describe("createJwksCache", () => {
  test("keys are fetched once and kept for maxAgeMs (24 h by default)", async () => {
    const first = await jwks.keys();
    expect(first).toHaveLength(1);
    clock += 24 * 60 * 60 * 1000 - 1;
    await jwks.keys();
    expect(fetches).toBe(1);
    clock += 1;
    await jwks.keys();
    expect(fetches).toBe(2);
  });

  test("a shorter maxAgeMs is respected", async () => {
    const short = createJwksCache({ url: jwksUrl, maxAgeMs: 5_000, now: () => clock });
    await short.keys();
    clock += 4_999;
    await short.keys();
    expect(fetches).toBe(1);
    clock += 1;
    await short.keys();
    expect(fetches).toBe(2);
  });

  test("a flood of bad signatures refetches at most once a minute", async () => {
    const raw = body();
    const headers = signedHeaders(raw, { privateKey: keyB.privateKey });
    for (let i = 0; i < 20; i++) {
      await refusal(verifyFalWebhook({ headers, body: raw, jwks, nowSeconds: NOW }));
    }
    expect(fetches).toBe(1);
    clock += 60_000;
    await refusal(verifyFalWebhook({ headers, body: raw, jwks, nowSeconds: NOW }));
    expect(fetches).toBe(2);
  });

  test("concurrent first uses share one fetch", async () => {
    await Promise.all([jwks.keys(), jwks.keys(), jwks.refresh()]);
    expect(fetches).toBe(1);
  });

  test("an unreachable or broken JWKS is a FalRequestError, not a signature refusal", async () => {
    jwksStatus = 503;
    const raw = body();
    const error = await verifyFalWebhook({
      headers: signedHeaders(raw),
      body: raw,
      jwks,
      nowSeconds: NOW,
    }).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(FalRequestError);
    expect((error as FalRequestError).kind).toBe("unavailable");
    const down = createJwksCache({ url: "http://127.0.0.1:9/jwks.json", now: () => clock });
    await expect(down.keys()).rejects.toMatchObject({ kind: "network" });
    served = [];
    jwksStatus = 200;
    await expect(createJwksCache({ url: jwksUrl }).keys()).rejects.toMatchObject({ kind: "malformed" });
  });
});
