import { randomBytes } from "node:crypto";
import { createServer, type IncomingMessage } from "node:http";
import type { AddressInfo } from "node:net";

/**
 * A stand-in for Cloudflare Turnstile's siteverify, which tests cannot reach: a real HTTP server
 * speaking its wire format. A POST carries `secret`, `response` and optionally `remoteip` and
 * `idempotency_key`, form-encoded or as JSON; the answer is always HTTP 200 JSON with `success`
 * and `error-codes`, plus challenge_ts, hostname, action and cdata on success. Tokens it issued
 * pass once (then "timeout-or-duplicate"); any other token is "invalid-input-response".
 */

export type SiteverifyCall = { contentType: string; form: Record<string, string> };

export type Siteverify = {
  url: string;
  calls: SiteverifyCall[];
  /** A token as the widget would hand it to the page. */
  issue(): string;
  /** "ok" answers; "slow" waits `delayMs` first; "down" drops the connection; "broken" answers HTML. */
  behaviour: "ok" | "slow" | "down" | "broken";
  delayMs: number;
  close(): Promise<void>;
};

export async function startSiteverify(secret: string): Promise<Siteverify> {
  const issued = new Set<string>();
  const spent = new Set<string>();
  const state: Siteverify = {
    url: "",
    calls: [],
    behaviour: "ok",
    delayMs: 0,
    issue() {
      const token = `0.${randomBytes(96).toString("base64url")}`;
      issued.add(token);
      return token;
    },
    close: () =>
      new Promise((resolve) => {
        server.closeAllConnections();
        server.close(() => resolve());
      }),
  };

  const server = createServer(async (request, response) => {
    if (request.method !== "POST" || request.url !== "/turnstile/v0/siteverify") {
      response.writeHead(405).end();
      return;
    }
    const contentType = request.headers["content-type"] ?? "";
    const form = await readForm(request, contentType);
    state.calls.push({ contentType, form });
    if (state.behaviour === "down") {
      request.socket.destroy();
      return;
    }
    if (state.behaviour === "broken") {
      response.writeHead(502, { "content-type": "text/html" }).end("<h1>Bad gateway</h1>");
      return;
    }
    if (state.behaviour === "slow") await new Promise((resolve) => setTimeout(resolve, state.delayMs));
    if (response.destroyed) return;
    response.writeHead(200, { "content-type": "application/json" });
    response.end(JSON.stringify(answer(form)));
  });

  function answer(form: Record<string, string>) {
    const refuse = (code: string) => ({ success: false, "error-codes": [code], messages: [] });
    if (!form.secret) return refuse("missing-input-secret");
    if (form.secret !== secret) return refuse("invalid-input-secret");
    const token = form.response;
    if (!token) return refuse("missing-input-response");
    if (token.length > 2048 || !issued.has(token)) return refuse("invalid-input-response");
    if (spent.has(token)) return refuse("timeout-or-duplicate");
    spent.add(token);
    return {
      success: true,
      "error-codes": [],
      challenge_ts: new Date().toISOString(),
      hostname: "localhost",
      action: "",
      cdata: "",
      metadata: { ephemeral_id: "x:stand-in" },
    };
  }

  await new Promise<void>((resolve) => server.listen(0, "127.0.0.1", resolve));
  state.url = `http://127.0.0.1:${(server.address() as AddressInfo).port}/turnstile/v0/siteverify`;
  return state;
}

async function readForm(request: IncomingMessage, contentType: string): Promise<Record<string, string>> {
  const chunks: Buffer[] = [];
  for await (const chunk of request) chunks.push(chunk as Buffer);
  const text = Buffer.concat(chunks).toString("utf8");
  if (contentType.startsWith("application/json")) {
    try {
      return JSON.parse(text) as Record<string, string>;
    } catch {
      return {};
    }
  }
  return Object.fromEntries(new URLSearchParams(text));
}
