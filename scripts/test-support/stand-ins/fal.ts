import { spawn } from "node:child_process";
import { createHash, generateKeyPairSync, type KeyObject, randomUUID, sign } from "node:crypto";
import { existsSync, readFileSync, renameSync } from "node:fs";
import { createServer, type IncomingMessage, type ServerResponse } from "node:http";
import type { AddressInfo } from "node:net";
import { tmpdir } from "node:os";
import path from "node:path";

/**
 * A stand-in for fal.ai's queue, which tests cannot reach: a real HTTP server speaking its wire
 * format. `POST /{owner}/{app}[/{path}]?fal_webhook=…` queues a request and answers
 * `{status: "IN_QUEUE", request_id, gateway_request_id, response_url, status_url, cancel_url,
 * queue_position}`; those URLs name only owner/app, as fal's do. `GET …/requests/{id}/status` is
 * 202 while IN_QUEUE or IN_PROGRESS and 200 when COMPLETED; `GET …/requests/{id}` is the output
 * (`{video: {url, content_type, file_name, file_size}, seed}`) or a refusal (422 `{detail: […]}`);
 * `PUT …/requests/{id}/cancel` answers 202 CANCELLATION_REQUESTED, 400 ALREADY_COMPLETED or
 * 404 NOT_FOUND. Every queue call needs `Authorization: Key <key>` (401 otherwise).
 *
 * It also serves its Ed25519 public key at `/.well-known/jwks.json` (`x` `=`-padded, as fal's may
 * be), the finished videos at `/files/{id}.mp4` (a real 2 s MP4), and signs the webhooks it
 * delivers to the `fal_webhook` URL given at submit exactly as fal does.
 */

/** What happens to the next submit. */
export type FalScript =
  /** Queued; completes with a video. */
  | "complete"
  /** Queued and never moves on by itself (advance() still moves it). */
  | "hang"
  /** Completes, but the output has no video. */
  | "no-video"
  /** Completes, and fetching the result answers `status` with `{detail}` (a model refusal or infra error). */
  | { refuse: number; detail: unknown; retryable?: boolean; errorType?: string }
  /** The submit itself is answered with this status and body; no request is created. */
  | { rejectSubmit: number; body: unknown }
  /** The submit's connection is dropped before any answer; no request is created. */
  | "drop-submit"
  /** The request is created at once, but the answer comes after `ms` (a client may time out first). */
  | { slowSubmitMs: number };

export type FalState = "IN_QUEUE" | "IN_PROGRESS" | "COMPLETED";

export type FalStandInRequest = {
  requestId: string;
  endpointId: string;
  input: unknown;
  webhookUrl: string | null;
  script: FalScript;
  state: FalState;
  queuePosition: number;
  cancelled: boolean;
  outputExpired: boolean;
};

export type ReceivedCall = { method: string; path: string; authorization: string | null };

export type WebhookOverride = {
  /** Sent as JSON instead of the body fal would send. */
  body?: unknown;
  /** Sent as is (wins over `body`). */
  rawBody?: string;
  /** Replace or add headers after signing (e.g. a wrong signature). */
  headers?: Record<string, string>;
  /** Sign with this key instead of the stand-in's. */
  privateKey?: KeyObject;
  timestamp?: number;
  userId?: string;
  /** Deliver here instead of the submit's fal_webhook. */
  url?: string;
};

export type SignedWebhook = { url: string; headers: Record<string, string>; body: string };

export type FalStandInOptions = {
  /** The key callers must send as `Authorization: Key <key>`. */
  key: string;
  /** X-Fal-Webhook-User-Id of the webhooks (fal's account id). */
  userId?: string;
  /** Each status read moves the request one step on (IN_QUEUE → IN_PROGRESS → COMPLETED), except "hang". */
  autoProgress?: boolean;
  /** Deliver the webhook as soon as a request reaches COMPLETED. */
  autoWebhook?: boolean;
};

export type FalStandIn = {
  /** The queue base (queueUrl of createFalQueue), e.g. http://127.0.0.1:port. */
  url: string;
  jwksUrl: string;
  userId: string;
  /** Every HTTP request received, in order. */
  calls: ReceivedCall[];
  /** Every request queued, by id. */
  requests: Map<string, FalStandInRequest>;
  /** The outcomes of the next submits, in order; an empty script means "complete". */
  script(...outcomes: FalScript[]): void;
  /** How many calls matched a method (and a path prefix). */
  count(method: string, pathPrefix?: string): number;
  advance(requestId: string, to: FalState): void;
  /** The webhook fal would send now (moves the request to COMPLETED first); resolves to our server's answer. */
  deliverWebhook(requestId: string, override?: WebhookOverride): Promise<{ status: number; body: string }>;
  /**
   * The same webhook, signed but not sent (moves the request to COMPLETED): for a test that calls
   * the route handler itself, e.g. `new Request(url, { method: "POST", headers, body })`.
   */
  signedWebhook(requestId: string, override?: WebhookOverride): SignedWebhook;
  /** The request's video file now answers 404, as an expired fal CDN URL does. */
  expireOutput(requestId: string): void;
  /** A new signing key; the JWKS serves it (and the old one too when `keepOld`). */
  rotateKey(options?: { keepOld?: boolean }): void;
  readonly privateKey: KeyObject;
  close(): Promise<void>;
};

const json = (
  response: ServerResponse,
  status: number,
  body: unknown,
  headers: Record<string, string> = {},
) => {
  response.writeHead(status, { "content-type": "application/json", ...headers }).end(JSON.stringify(body));
};

export async function startFalStandIn(options: FalStandInOptions): Promise<FalStandIn> {
  const video = await sampleVideo();
  const pending: FalScript[] = [];
  let keys = [generateKeyPairSync("ed25519")];
  let submitted = 0;

  const state: FalStandIn = {
    url: "",
    jwksUrl: "",
    userId: options.userId ?? "stand-in-user",
    calls: [],
    requests: new Map(),
    script: (...outcomes) => void pending.push(...outcomes),
    count: (method, prefix = "/") =>
      state.calls.filter((call) => call.method === method && call.path.startsWith(prefix)).length,
    advance(requestId, to) {
      const request = known(requestId);
      request.state = to;
      if (to === "COMPLETED") onCompleted(request);
    },
    deliverWebhook: (requestId, override) => deliver(known(requestId), override ?? {}),
    signedWebhook: (requestId, override) => signed(known(requestId), override ?? {}),
    expireOutput(requestId) {
      known(requestId).outputExpired = true;
    },
    rotateKey(rotation) {
      const next = generateKeyPairSync("ed25519");
      keys = rotation?.keepOld ? [next, ...keys] : [next];
    },
    get privateKey() {
      return (keys[0] as { privateKey: KeyObject }).privateKey;
    },
    close: () =>
      new Promise((resolve) => {
        server.closeAllConnections();
        server.close(() => resolve());
      }),
  };

  function known(requestId: string): FalStandInRequest {
    const request = state.requests.get(requestId);
    if (!request) throw new Error(`stand-in: no request ${requestId}`);
    return request;
  }

  function onCompleted(request: FalStandInRequest) {
    if (options.autoWebhook && request.webhookUrl) void deliver(request, {}).catch(() => {});
  }

  const base = () => state.url;
  const requestUrl = (request: FalStandInRequest) => {
    const [owner, app] = request.endpointId.split("/");
    return `${base()}/${owner}/${app}/requests/${request.requestId}`;
  };
  const urls = (request: FalStandInRequest) => ({
    request_id: request.requestId,
    response_url: requestUrl(request),
    status_url: `${requestUrl(request)}/status`,
    cancel_url: `${requestUrl(request)}/cancel`,
  });

  /** The output a completed request gives: [HTTP status, body, headers]. */
  function output(request: FalStandInRequest): [number, unknown, Record<string, string>] {
    if (request.cancelled) return [400, { detail: "Request was cancelled" }, {}];
    const script = request.script;
    if (script === "no-video") return [200, { seed: 42 }, {}];
    if (typeof script === "object" && "refuse" in script) {
      const headers: Record<string, string> = {};
      if (script.retryable !== undefined) headers["x-fal-retryable"] = String(script.retryable);
      if (script.errorType) headers["x-fal-error-type"] = script.errorType;
      const body = script.errorType
        ? { detail: script.detail, error_type: script.errorType }
        : { detail: script.detail };
      return [script.refuse, body, headers];
    }
    const file = `${request.requestId}.mp4`;
    const videoOut = {
      url: `${base()}/files/${file}`,
      content_type: "video/mp4",
      file_name: file,
      file_size: video.length,
    };
    return [200, { video: videoOut, seed: 42 }, {}];
  }

  function webhookBody(request: FalStandInRequest) {
    const [status, body] = output(request);
    const ids = { request_id: request.requestId, gateway_request_id: request.requestId };
    if (status >= 200 && status < 300) return { ...ids, status: "OK", payload: body };
    return { ...ids, status: "ERROR", error: `Invalid status code: ${status}`, payload: body };
  }

  function signed(request: FalStandInRequest, override: WebhookOverride): SignedWebhook {
    if (request.state !== "COMPLETED") request.state = "COMPLETED";
    const url = override.url ?? request.webhookUrl;
    if (!url) throw new Error(`stand-in: request ${request.requestId} has no webhook URL`);
    const body = override.rawBody ?? JSON.stringify(override.body ?? webhookBody(request));
    const timestamp = String(override.timestamp ?? Math.floor(Date.now() / 1000));
    const userId = override.userId ?? state.userId;
    const bodyHash = createHash("sha256").update(body).digest("hex");
    const message = Buffer.from(`${request.requestId}\n${userId}\n${timestamp}\n${bodyHash}`, "utf8");
    const signature = sign(null, message, override.privateKey ?? state.privateKey).toString("hex");
    const headers = {
      "content-type": "application/json",
      "x-fal-webhook-request-id": request.requestId,
      "x-fal-webhook-user-id": userId,
      "x-fal-webhook-timestamp": timestamp,
      "x-fal-webhook-signature": signature,
      ...override.headers,
    };
    return { url, headers, body };
  }

  async function deliver(request: FalStandInRequest, override: WebhookOverride) {
    const { url, headers, body } = signed(request, override);
    const response = await fetch(url, { method: "POST", headers, body, signal: AbortSignal.timeout(15_000) });
    return { status: response.status, body: await response.text() };
  }

  async function submit(incoming: IncomingMessage, response: ServerResponse, url: URL) {
    const text = await readBody(incoming);
    const script = pending.shift() ?? "complete";
    if (script === "drop-submit") {
      incoming.socket.destroy();
      return;
    }
    if (typeof script === "object" && "rejectSubmit" in script) {
      json(response, script.rejectSubmit, script.body);
      return;
    }
    let input: unknown;
    try {
      input = JSON.parse(text);
    } catch {
      json(response, 422, { detail: [{ loc: ["body"], msg: "Invalid JSON", type: "json_invalid" }] });
      return;
    }
    const endpointId = url.pathname.slice(1);
    const request: FalStandInRequest = {
      requestId: randomUUID(),
      endpointId,
      input,
      webhookUrl: url.searchParams.get("fal_webhook"),
      script,
      state: "IN_QUEUE",
      queuePosition: submitted++ % 3,
      cancelled: false,
      outputExpired: false,
    };
    state.requests.set(request.requestId, request);
    if (typeof script === "object" && "slowSubmitMs" in script) await sleep(script.slowSubmitMs);
    if (response.destroyed) return;
    json(response, 200, {
      status: "IN_QUEUE",
      ...urls(request),
      gateway_request_id: request.requestId,
      queue_position: request.queuePosition,
    });
  }

  function status(request: FalStandInRequest, response: ServerResponse, logs: boolean) {
    const common = { ...urls(request), logs: logs ? [] : null };
    if (request.state === "IN_QUEUE") {
      json(response, 202, { status: "IN_QUEUE", ...urls(request), queue_position: request.queuePosition });
    } else if (request.state === "IN_PROGRESS") {
      const progressLogs = [
        { message: "Generating", level: "INFO", source: "USER", timestamp: new Date().toISOString() },
      ];
      json(response, 202, { status: "IN_PROGRESS", ...common, logs: logs ? progressLogs : null });
    } else {
      json(response, 200, { status: "COMPLETED", ...common, metrics: { inference_time: 1.5 } });
    }
    if (options.autoProgress && request.script !== "hang" && request.state !== "COMPLETED") {
      state.advance(request.requestId, request.state === "IN_QUEUE" ? "IN_PROGRESS" : "COMPLETED");
    }
  }

  function result(request: FalStandInRequest, response: ServerResponse) {
    if (request.state !== "COMPLETED") {
      json(response, 400, { detail: "Request is still in progress" });
      return;
    }
    const [code, body, headers] = output(request);
    json(response, code, body, headers);
  }

  function cancel(request: FalStandInRequest, response: ServerResponse) {
    if (request.state === "COMPLETED") {
      json(response, 400, { status: "ALREADY_COMPLETED" });
      return;
    }
    request.cancelled = true;
    request.state = "COMPLETED";
    json(response, 202, { status: "CANCELLATION_REQUESTED" });
  }

  const server = createServer(async (incoming, response) => {
    const url = new URL(incoming.url ?? "/", "http://stand-in");
    const method = incoming.method ?? "GET";
    state.calls.push({ method, path: url.pathname, authorization: incoming.headers.authorization ?? null });

    if (method === "GET" && url.pathname === "/.well-known/jwks.json") {
      json(response, 200, { keys: keys.map(({ publicKey }, index) => publicJwk(publicKey, index)) });
      return;
    }
    const file = url.pathname.match(/^\/files\/([\w-]+)\.mp4$/);
    if (method === "GET" && file) {
      const request = state.requests.get(file[1] as string);
      if (!request || request.outputExpired) {
        response.writeHead(404, { "content-type": "text/plain" }).end("Not Found");
        return;
      }
      response
        .writeHead(200, { "content-type": "video/mp4", "content-length": String(video.length) })
        .end(video);
      return;
    }

    if (incoming.headers.authorization !== `Key ${options.key}`) {
      await readBody(incoming);
      json(response, 401, { detail: "Authentication is required to access this resource." });
      return;
    }

    const route = url.pathname.match(/^\/([^/]+)\/([^/]+)\/requests\/([^/]+)(\/status|\/cancel)?$/);
    if (route) {
      const [, owner, app, requestId, action] = route;
      const request = state.requests.get(requestId as string);
      if (!request || request.endpointId.split("/").slice(0, 2).join("/") !== `${owner}/${app}`) {
        if (action === "/cancel") json(response, 404, { status: "NOT_FOUND" });
        else json(response, 404, { detail: "Request not found" });
        return;
      }
      if (method === "GET" && action === "/status")
        return status(request, response, url.searchParams.get("logs") === "1");
      if (method === "GET" && !action) return result(request, response);
      if (method === "PUT" && action === "/cancel") return cancel(request, response);
      json(response, 405, { detail: "Method Not Allowed" });
      return;
    }
    if (method === "POST" && /^\/[^/]+\/[^/]+/.test(url.pathname)) return submit(incoming, response, url);
    json(response, 404, { detail: "Not Found" });
  });

  await new Promise<void>((resolve) => server.listen(0, "127.0.0.1", resolve));
  state.url = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
  state.jwksUrl = `${state.url}/.well-known/jwks.json`;
  return state;
}

/** The public key as a JWK whose `x` keeps its `=` padding, which fal's keys may carry. */
function publicJwk(publicKey: KeyObject, index: number) {
  const { x } = publicKey.export({ format: "jwk" }) as { x: string };
  const padded = x.padEnd(Math.ceil(x.length / 4) * 4, "=");
  return { kty: "OKP", crv: "Ed25519", x: padded, kid: `stand-in-${index}`, use: "sig", alg: "EdDSA" };
}

async function readBody(incoming: IncomingMessage): Promise<string> {
  const chunks: Buffer[] = [];
  for await (const chunk of incoming) chunks.push(chunk as Buffer);
  return Buffer.concat(chunks).toString("utf8");
}

const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

let cached: Promise<Buffer> | undefined;

/**
 * A real 2 s 320x180 H.264/AAC MP4 (test pattern and a tone), made once with the static ffmpeg and
 * kept in the temp directory for later runs.
 */
export function sampleVideo(): Promise<Buffer> {
  cached ??= makeSampleVideo();
  return cached;
}

async function makeSampleVideo(): Promise<Buffer> {
  const target = path.join(tmpdir(), "rendio-fal-stand-in-v1.mp4");
  if (existsSync(target)) return readFileSync(target);
  const ffmpeg = (await import("@ffmpeg-installer/ffmpeg")).default.path;
  const partial = `${target}.${process.pid}.${randomUUID()}.mp4`;
  const args = [
    ...["-hide_banner", "-loglevel", "error", "-y"],
    ...["-f", "lavfi", "-i", "testsrc=size=320x180:rate=24:duration=2"],
    ...["-f", "lavfi", "-i", "sine=frequency=440:duration=2"],
    ...["-c:v", "libx264", "-pix_fmt", "yuv420p", "-c:a", "aac", "-shortest"],
    ...["-movflags", "+faststart", partial],
  ];
  await new Promise<void>((resolve, reject) => {
    const child = spawn(ffmpeg, args, { stdio: ["ignore", "ignore", "pipe"] });
    let stderr = "";
    child.stderr.on("data", (chunk) => {
      stderr += chunk;
    });
    child.on("error", reject);
    child.on("close", (code) =>
      code === 0 ? resolve() : reject(new Error(`ffmpeg failed (${code}): ${stderr}`)),
    );
  });
  // Renamed into place so a concurrent run never reads half a file.
  renameSync(partial, target);
  return readFileSync(target);
}
