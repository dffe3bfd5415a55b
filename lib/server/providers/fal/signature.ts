import "server-only";
import { z } from "zod";
import { FalRequestError } from "./queue";

/**
 * fal's webhook signatures: Ed25519 over
 * `request_id + "\n" + user_id + "\n" + timestamp + "\n" + hex(sha256(raw body))`, the signature
 * hex in X-Fal-Webhook-Signature, the keys in fal's JWKS (OKP/Ed25519, `x` base64url, sometimes
 * `=`-padded). Any key of the set may have signed; a key we do not know yet means fal rotated, so
 * the set is fetched again once before refusing.
 */

/** How far a webhook's timestamp may be from our clock. */
export const MAX_SKEW_SECONDS = 300;
const DAY_MS = 24 * 60 * 60 * 1000;
/** A refresh asked sooner than this after the last fetch returns the keys already held. */
const MIN_REFRESH_INTERVAL_MS = 60_000;

export class WebhookSignatureError extends Error {
  override readonly name = "WebhookSignatureError";
}

export type JwksCache = {
  /** The keys, fetched when none are held or they are older than maxAgeMs. Throws FalRequestError. */
  keys(): Promise<CryptoKey[]>;
  /** Fetches the keys again, at most once a minute (else returns those held). Throws FalRequestError. */
  refresh(): Promise<CryptoKey[]>;
};

export type JwksCacheOptions = {
  /** https://rest.alpha.fal.ai/.well-known/jwks.json in production (config FAL_JWKS_URL). */
  url: string;
  timeoutMs?: number;
  maxAgeMs?: number;
  /** Milliseconds, like Date.now (tests move it). */
  now?: () => number;
};

const jwksSchema = z.object({
  keys: z.array(
    z.looseObject({ kty: z.string().optional(), crv: z.string().optional(), x: z.string().optional() }),
  ),
});

export function createJwksCache(options: JwksCacheOptions): JwksCache {
  const { url, timeoutMs = 10_000, maxAgeMs = DAY_MS, now = Date.now } = options;
  let held: { keys: CryptoKey[]; fetchedAt: number } | null = null;
  let inFlight: Promise<CryptoKey[]> | null = null;

  function fetchOnce(): Promise<CryptoKey[]> {
    inFlight ??= fetchKeys(url, timeoutMs)
      .then((keys) => {
        held = { keys, fetchedAt: now() };
        return keys;
      })
      .finally(() => {
        inFlight = null;
      });
    return inFlight;
  }

  return {
    keys() {
      if (held && now() - held.fetchedAt < maxAgeMs) return Promise.resolve(held.keys);
      return fetchOnce();
    },
    refresh() {
      if (held && now() - held.fetchedAt < MIN_REFRESH_INTERVAL_MS) return Promise.resolve(held.keys);
      return fetchOnce();
    },
  };
}

async function fetchKeys(url: string, timeoutMs: number): Promise<CryptoKey[]> {
  let response: Response;
  let text: string;
  try {
    response = await fetch(url, { signal: AbortSignal.timeout(timeoutMs) });
    text = await response.text();
  } catch (error) {
    const name = error instanceof Error ? error.name : "";
    if (name === "TimeoutError" || name === "AbortError") {
      throw new FalRequestError("timeout", `fal's JWKS did not come within ${timeoutMs} ms`);
    }
    throw new FalRequestError("network", "fal's JWKS could not be fetched");
  }
  if (!response.ok) {
    const kind = response.status >= 500 ? "unavailable" : "refused";
    throw new FalRequestError(kind, `fal's JWKS: HTTP ${response.status}`, response.status);
  }
  let parsed: z.infer<typeof jwksSchema>;
  try {
    parsed = jwksSchema.parse(JSON.parse(text));
  } catch {
    throw new FalRequestError("malformed", "fal's JWKS is not a key set", response.status);
  }
  const keys: CryptoKey[] = [];
  for (const jwk of parsed.keys) {
    if (jwk.kty !== "OKP" || jwk.crv !== "Ed25519" || !jwk.x) continue;
    const raw = base64UrlBytes(jwk.x);
    if (raw?.length !== 32) continue;
    keys.push(await crypto.subtle.importKey("raw", raw, { name: "Ed25519" }, false, ["verify"]));
  }
  if (keys.length === 0)
    throw new FalRequestError("malformed", "fal's JWKS has no Ed25519 key", response.status);
  return keys;
}

/** base64url, with or without `=` padding; null when it is not base64url. */
function base64UrlBytes(text: string): Uint8Array<ArrayBuffer> | null {
  const unpadded = text.replace(/=+$/, "");
  if (!/^[A-Za-z0-9_-]*$/.test(unpadded)) return null;
  return new Uint8Array(Buffer.from(unpadded, "base64url"));
}

export type FalWebhookBody = {
  requestId: string;
  gatewayRequestId: string | null;
  status: "OK" | "ERROR";
  /** The model's output (`{video: {...}}`) when OK; fal's error body (`{detail}`) or null when ERROR. */
  payload: unknown;
  /** e.g. "Invalid status code: 422". */
  error: string | null;
  /** Set when the output was not JSON (then payload is null). */
  payloadError: string | null;
};

export type VerifiedFalWebhook = {
  requestId: string;
  userId: string;
  timestamp: number;
  body: FalWebhookBody;
};

export type VerifyOptions = {
  headers: Headers;
  /** The raw body, exactly as received (read it before any JSON parsing). */
  body: Uint8Array;
  jwks: JwksCache;
  nowSeconds?: number;
};

const webhookBodySchema = z.object({
  request_id: z.string().min(1),
  gateway_request_id: z.string().nullish(),
  status: z.enum(["OK", "ERROR"]),
  payload: z.unknown(),
  error: z.string().nullish(),
  payload_error: z.string().nullish(),
});

/**
 * Checks a webhook from fal and returns who it is for and its parsed body. Throws
 * WebhookSignatureError (short reason in `message`) when it is not fal's or too old, and
 * FalRequestError when fal's keys cannot be fetched (answer 5xx so fal sends it again).
 */
export async function verifyFalWebhook(options: VerifyOptions): Promise<VerifiedFalWebhook> {
  const { headers, body, jwks } = options;
  const requestId = header(headers, "x-fal-webhook-request-id");
  const userId = header(headers, "x-fal-webhook-user-id");
  const timestampText = header(headers, "x-fal-webhook-timestamp");
  const signatureHex = header(headers, "x-fal-webhook-signature");

  if (!/^\d{1,12}$/.test(timestampText)) throw new WebhookSignatureError("timestamp is not a number");
  const timestamp = Number(timestampText);
  const nowSeconds = options.nowSeconds ?? Math.floor(Date.now() / 1000);
  if (Math.abs(nowSeconds - timestamp) > MAX_SKEW_SECONDS)
    throw new WebhookSignatureError("timestamp out of range");
  if (!/^[0-9a-fA-F]{128}$/.test(signatureHex))
    throw new WebhookSignatureError("signature is not 64 bytes of hex");

  const signature = new Uint8Array(Buffer.from(signatureHex, "hex"));
  const bodyHash = Buffer.from(await crypto.subtle.digest("SHA-256", new Uint8Array(body))).toString("hex");
  const message = new TextEncoder().encode(`${requestId}\n${userId}\n${timestampText}\n${bodyHash}`);

  if (!(await anyVerifies(await jwks.keys(), signature, message))) {
    if (!(await anyVerifies(await jwks.refresh(), signature, message))) {
      throw new WebhookSignatureError("no fal key verifies the signature");
    }
  }

  const parsed = webhookBodySchema.safeParse(parseJson(body));
  if (!parsed.success) throw new WebhookSignatureError("body is not a fal webhook");
  if (parsed.data.request_id !== requestId)
    throw new WebhookSignatureError("request id differs from the header");
  const data = parsed.data;
  return {
    requestId,
    userId,
    timestamp,
    body: {
      requestId: data.request_id,
      gatewayRequestId: data.gateway_request_id ?? null,
      status: data.status,
      payload: data.payload ?? null,
      error: data.error ?? null,
      payloadError: data.payload_error ?? null,
    },
  };
}

function header(headers: Headers, name: string): string {
  const value = headers.get(name)?.trim();
  if (!value) throw new WebhookSignatureError(`missing ${name}`);
  return value;
}

async function anyVerifies(
  keys: CryptoKey[],
  signature: Uint8Array<ArrayBuffer>,
  message: Uint8Array<ArrayBuffer>,
) {
  for (const key of keys) {
    if (await crypto.subtle.verify({ name: "Ed25519" }, key, signature, message)) return true;
  }
  return false;
}

function parseJson(body: Uint8Array): unknown {
  try {
    return JSON.parse(new TextDecoder().decode(body));
  } catch {
    return undefined;
  }
}
