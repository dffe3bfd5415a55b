// Home as the server sends it, but without its scripts: a reference with no goal. Lighthouse runs
// it beside the real Home, so a reader can tell what Home's markup, stylesheet and pictures cost
// on their own from what the page's JavaScript (the framework, the hydration, our islands) adds.
//
// The document is read once from the app, for the bench's guest, and answered from memory; every
// other request (stylesheet, pictures, manifest) goes through to the app, so both pages load the
// same files from the same server.
import http from "node:http";
import { gzipSync } from "node:zlib";
import type { Server } from "./servers";

/** The document with every script element and script preload taken out; all else as sent. */
export function withoutScripts(html: string): string {
  return html
    .replace(/<script\b[^>]*>[\s\S]*?<\/script>/gi, "")
    .replace(/<link\b[^>]*\bas="script"[^>]*>/gi, "")
    .replace(/<link\b[^>]*\brel="modulepreload"[^>]*>/gi, "");
}

/** Serves `withoutScripts(app's page)` at `/` on `port`, and passes every other request to the app. */
export async function startHtmlOnly(port: number, page: { url: string; cookie?: string }): Promise<Server> {
  const app = new URL(page.url);
  const response = await fetch(app, { headers: page.cookie ? { cookie: page.cookie } : {} });
  if (!response.ok) throw new Error(`${app.pathname} answered ${response.status}`);
  const document = withoutScripts(await response.text());
  // Compressed once, as the app compresses its own documents.
  const compressed = gzipSync(document);
  const server = http.createServer((request, reply) => {
    if (request.url === "/") {
      const gzip = /\bgzip\b/.test(request.headers["accept-encoding"] ?? "");
      reply.writeHead(200, {
        "content-type": "text/html; charset=utf-8",
        "cache-control": "no-store",
        ...(gzip ? { "content-encoding": "gzip" } : {}),
      });
      reply.end(gzip ? compressed : document);
      return;
    }
    const upstream = http.request(
      {
        host: app.hostname,
        port: app.port,
        path: request.url,
        method: request.method,
        headers: request.headers,
      },
      (answer) => {
        reply.writeHead(answer.statusCode ?? 502, answer.headers);
        answer.pipe(reply);
      },
    );
    upstream.on("error", () => {
      reply.writeHead(502);
      reply.end();
    });
    request.pipe(upstream);
  });
  await new Promise<void>((resolve, reject) => {
    server.once("error", reject);
    server.listen(port, "127.0.0.1", resolve);
  });
  return {
    base: `http://127.0.0.1:${port}`,
    stop: () => {
      server.closeAllConnections();
      server.close();
    },
  };
}
