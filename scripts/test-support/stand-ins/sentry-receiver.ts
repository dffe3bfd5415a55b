import { randomBytes } from "node:crypto";
import { createServer, type IncomingMessage, type ServerResponse } from "node:http";
import type { AddressInfo } from "node:net";
import { promisify } from "node:util";
import { brotliDecompress, gunzip, inflate } from "node:zlib";

/**
 * A stand-in for Sentry's ingestion, which tests cannot reach: a real HTTP server speaking its
 * envelope protocol. `POST /api/<project>/envelope/` with the key in `X-Sentry-Auth` or the
 * `sentry_key` query parameter; the body (gzip, deflate or br when Content-Encoding says so) is an
 * envelope: a JSON header line, then items, each a JSON item header line and a payload of
 * `length` bytes (or up to the next newline when it has none). The answer is Sentry's: 200 with
 * `{"id": <event id>}`, 401 without a key, 403 for another key or project, 400 for a malformed
 * envelope, and CORS headers for browsers.
 */

export type EnvelopeItem = { header: Record<string, unknown>; payload: unknown; raw: string };
export type Envelope = { header: Record<string, unknown>; items: EnvelopeItem[]; raw: string };

export type SentryReceiver = {
  /** The DSN pointing here: http://<key>@127.0.0.1:<port>/<project>. */
  dsn: string;
  origin: string;
  envelopes: Envelope[];
  /** Payloads of the `event` items received so far (errors; not sessions or client reports). */
  events(): Array<Record<string, unknown>>;
  close(): Promise<void>;
};

const decoders: Record<string, (body: Buffer) => Promise<Buffer>> = {
  gzip: promisify(gunzip),
  deflate: promisify(inflate),
  br: promisify(brotliDecompress),
};

export async function startSentryReceiver(project = "4242"): Promise<SentryReceiver> {
  const key = randomBytes(16).toString("hex");
  const envelopes: Envelope[] = [];
  const server = createServer((request, response) => {
    void answer(request, response, { key, project, envelopes }).catch(() => {
      if (!response.headersSent) reply(response, 500, { detail: "internal error" });
    });
  });
  await new Promise<void>((resolve) => server.listen(0, "127.0.0.1", resolve));
  const { port } = server.address() as AddressInfo;
  const origin = `http://127.0.0.1:${port}`;
  return {
    dsn: `http://${key}@127.0.0.1:${port}/${project}`,
    origin,
    envelopes,
    events: () =>
      envelopes.flatMap((envelope) =>
        envelope.items
          .filter((item) => item.header.type === "event")
          .map((item) => item.payload as Record<string, unknown>),
      ),
    close: () =>
      new Promise((resolve) => {
        server.closeAllConnections();
        server.close(() => resolve());
      }),
  };
}

type State = { key: string; project: string; envelopes: Envelope[] };

async function answer(request: IncomingMessage, response: ServerResponse, state: State): Promise<void> {
  const url = new URL(request.url ?? "/", "http://receiver");
  if (request.method === "OPTIONS") return reply(response, 200, null);
  const match = /^\/api\/([^/]+)\/envelope\/$/.exec(url.pathname);
  if (!match) return reply(response, 404, { detail: "not found" });
  if (request.method !== "POST") return reply(response, 405, { detail: "method not allowed" });
  const key = url.searchParams.get("sentry_key") ?? authKey(request.headers["x-sentry-auth"]);
  if (!key) return reply(response, 401, { detail: "missing authorization information" });
  if (key !== state.key || match[1] !== state.project) return reply(response, 403, { detail: "invalid key" });
  const body = await decode(await readBody(request), String(request.headers["content-encoding"] ?? ""));
  const envelope = parseEnvelope(body);
  if (!envelope) return reply(response, 400, { detail: "invalid envelope" });
  state.envelopes.push(envelope);
  reply(response, 200, { id: envelope.header.event_id ?? null });
}

function authKey(header: string | string[] | undefined): string | null {
  const value = Array.isArray(header) ? header[0] : header;
  return /sentry_key=([^,\s]+)/.exec(value ?? "")?.[1] ?? null;
}

function reply(response: ServerResponse, status: number, body: unknown): void {
  response.writeHead(status, {
    "access-control-allow-origin": "*",
    "access-control-allow-headers": "content-type, x-sentry-auth",
    "access-control-expose-headers": "x-sentry-error, x-sentry-rate-limits, retry-after",
    ...(body === null ? {} : { "content-type": "application/json" }),
  });
  response.end(body === null ? undefined : JSON.stringify(body));
}

async function readBody(request: IncomingMessage): Promise<Buffer> {
  const chunks: Buffer[] = [];
  for await (const chunk of request) chunks.push(chunk as Buffer);
  return Buffer.concat(chunks);
}

async function decode(body: Buffer, encoding: string): Promise<Buffer> {
  const decoder = decoders[encoding.trim().toLowerCase()];
  return decoder ? decoder(body) : body;
}

/** The envelope in `body`, or null when it is not one. */
export function parseEnvelope(body: Buffer): Envelope | null {
  try {
    let at = body.indexOf(0x0a);
    const header = JSON.parse(body.subarray(0, at < 0 ? body.length : at).toString("utf8"));
    const items: EnvelopeItem[] = [];
    while (at >= 0 && at + 1 < body.length) {
      const start = at + 1;
      const end = body.indexOf(0x0a, start);
      if (end < 0) return null;
      const itemHeader = JSON.parse(body.subarray(start, end).toString("utf8"));
      const length = typeof itemHeader.length === "number" ? itemHeader.length : undefined;
      const payloadEnd = length === undefined ? nextNewline(body, end + 1) : end + 1 + length;
      if (payloadEnd > body.length) return null;
      const raw = body.subarray(end + 1, payloadEnd).toString("utf8");
      items.push({ header: itemHeader, payload: parsePayload(raw, itemHeader), raw });
      at = payloadEnd < body.length && body[payloadEnd] === 0x0a ? payloadEnd : -1;
    }
    return { header, items, raw: body.toString("utf8") };
  } catch {
    return null;
  }
}

function nextNewline(body: Buffer, from: number): number {
  const end = body.indexOf(0x0a, from);
  return end < 0 ? body.length : end;
}

function parsePayload(raw: string, header: Record<string, unknown>): unknown {
  const json = header.content_type === undefined || header.content_type === "application/json";
  if (!json) return raw;
  try {
    return JSON.parse(raw);
  } catch {
    return raw;
  }
}
