import type { IncomingMessage } from "node:http";

/** One request as the stand-in's services see it (the body already read). */
export type StandInRequest = {
  method: string;
  url: URL;
  headers: Headers;
  body: Buffer;
  /** The TCP peer's address, as the Supabase gateway would see it. */
  remoteAddress: string;
};

/** What a service answers; the server writes it. */
export type StandInResponse = {
  status: number;
  headers?: Record<string, string>;
  body?: string | Uint8Array;
};

/** Every request received, with its headers, for assertions (e.g. `apikey`, `sb-forwarded-for`). */
export type RecordedCall = {
  service: "auth" | "rest" | "storage" | "management" | "apple" | "other";
  method: string;
  /** Path without the query, e.g. /auth/v1/signup. */
  path: string;
  query: Record<string, string>;
  /** Lower-cased header names. */
  headers: Record<string, string>;
  /** The body as text (binary bodies as `<n bytes>`). */
  body: string;
  /** The address GoTrue attributed the request to (Sb-Forwarded-For or the TCP peer); auth only. */
  clientAddress?: string;
  status?: number;
};

export async function readRequest(incoming: IncomingMessage, base: string): Promise<StandInRequest> {
  const chunks: Buffer[] = [];
  for await (const chunk of incoming) chunks.push(chunk as Buffer);
  const headers = new Headers();
  for (const [name, value] of Object.entries(incoming.headers)) {
    if (value === undefined) continue;
    for (const v of Array.isArray(value) ? value : [value]) headers.append(name, v);
  }
  return {
    method: incoming.method ?? "GET",
    url: new URL(incoming.url ?? "/", base),
    headers,
    body: Buffer.concat(chunks),
    remoteAddress: incoming.socket.remoteAddress ?? "127.0.0.1",
  };
}

export function json(status: number, body: unknown, headers: Record<string, string> = {}): StandInResponse {
  return {
    status,
    headers: { "content-type": "application/json; charset=utf-8", ...headers },
    body: JSON.stringify(body),
  };
}

export function redirect(location: string): StandInResponse {
  return { status: 302, headers: { location }, body: "" };
}

/** The JSON body, or undefined when it is absent or not JSON. */
export function jsonBody(request: StandInRequest): Record<string, unknown> | undefined {
  if (request.body.length === 0) return undefined;
  try {
    const value = JSON.parse(request.body.toString("utf8"));
    return value && typeof value === "object" ? (value as Record<string, unknown>) : undefined;
  } catch {
    return undefined;
  }
}

export function bearer(request: StandInRequest): string | undefined {
  const match = /^Bearer\s+(.+)$/i.exec(request.headers.get("authorization") ?? "");
  return match?.[1]?.trim();
}

export function describeBody(request: StandInRequest): string {
  const type = request.headers.get("content-type") ?? "";
  if (request.body.length === 0) return "";
  if (/json|text|x-www-form-urlencoded/.test(type)) return request.body.toString("utf8");
  return `<${request.body.length} bytes>`;
}
