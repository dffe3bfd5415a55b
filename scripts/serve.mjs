// The app's HTTP server (npm start, npm run dev): Next.js through its custom-server API, plus one
// thing `next start` cannot do. Route handlers never see the socket, and Next fills
// X-Forwarded-For from it only when the client sent none, so the client's own address is out of
// their reach. This server writes what it saw of the connection into a private header, replacing
// anything a client sent there, with a per-process token proving the value is its own. The app
// reads it in lib/server/client-address.ts (SOCKET_HEADER, SOCKET_TOKEN: keep the names equal).
//
// It also answers the catalog (GET and HEAD /api/models and /api/models/:id) from the app's memory
// before Next, with the bytes and headers Next would send: Next's route handling costs several
// times the answer itself. The app hands over that answer at start (lib/server/catalog-http.ts,
// CATALOG_FIRST: keep the names equal); whatever it declines (an unknown model, other methods…)
// goes to Next. Not under --dev (hot reloading), nor with CATALOG_THROUGH_NEXT=1, which leaves
// every request to Next (e2e/http-catalog.spec.ts compares the two).
//
// Usage: node scripts/serve.mjs [--dev] [-p PORT] [-H HOSTNAME]   (PORT defaults to $PORT, 3000)
import { randomBytes, randomUUID } from "node:crypto";
import { createServer } from "node:http";
import { parseArgs } from "node:util";

const SOCKET_HEADER = "x-rendio-socket";
const SOCKET_TOKEN = Symbol.for("rendio.socketToken");
const CATALOG_FIRST = Symbol.for("rendio.catalogFirst");

const { values } = parseArgs({
  options: {
    dev: { type: "boolean", default: false },
    port: { type: "string", short: "p" },
    hostname: { type: "string", short: "H" },
  },
});
const dev = values.dev;
const port = Number(values.port ?? process.env.PORT ?? 3000);
const hostname = values.hostname;
// As `next start` and `next dev` do; must be set before Next loads.
process.env.NODE_ENV ??= dev ? "development" : "production";

const catalogFirst = !dev && process.env.CATALOG_THROUGH_NEXT !== "1";

const token = randomBytes(32).toString("base64url");
globalThis[SOCKET_TOKEN] = token;

/** Replaces whatever the client sent in SOCKET_HEADER with "<token> <scheme> <peer address>". */
function stamp(request) {
  const scheme = request.socket.encrypted ? "https" : "http";
  request.headers[SOCKET_HEADER] = `${token} ${scheme} ${request.socket.remoteAddress ?? ""}`;
}

// A method the platform's Request refuses to carry: Next would fail on it before any route runs
// and answer a plain-text 500. It is answered here, in the API's own error shape. (CONNECT and
// TRACK never get this far: Node's HTTP parser refuses them.)
const REFUSED_METHODS = new Set(["TRACE"]);

function refuseMethod(response) {
  answerError(response, 405, "method_not_allowed", "This method is not allowed here.", {
    allow: "GET, HEAD, POST, PUT, PATCH, DELETE, OPTIONS",
  });
}

/**
 * A path whose percent-encoding does not decode (`/api/jobs/%`) makes Next fail while matching
 * routes and answer a plain-text 500; it can name nothing, so it is refused here: 404 not_found
 * in the API's shape under /api, 400 elsewhere.
 */
function refuseUndecodablePath(request, response) {
  const pathname = (request.url ?? "/").split("?")[0] ?? "/";
  try {
    decodeURIComponent(pathname);
    return false;
  } catch {
    if (/^\/api(\/|$)/.test(pathname)) answerError(response, 404, "not_found", "Not found.");
    else answerError(response, 400, "validation_failed", "This address is malformed.");
    return true;
  }
}

/**
 * An answer in the API's error shape (lib/errors.ts), for requests that never reach Next. It
 * carries a request id as every answer does (a new one: these requests reach no log).
 */
function answerError(response, status, code, message, headers = {}) {
  const body = JSON.stringify({ error: { code, message } });
  response.writeHead(status, {
    ...headers,
    "content-type": "application/json",
    "cache-control": "no-store",
    "content-length": Buffer.byteLength(body),
    "x-request-id": randomUUID(),
  });
  response.end(body);
}

/**
 * How long a closing connection keeps reading (and dropping) what the client still sends. Node
 * closes a socket as soon as the last answer is written; a client still uploading a refused
 * body (a 413 sent early) then gets a reset, which can destroy the answer before it reads it.
 * Lingering instead, as Apache and nginx do, lets it read the answer and stop.
 */
const LINGER_MS = 5_000;

/** Replaces Node's "close once written" for this socket with a lingering close. */
function lingerOnClose(socket) {
  socket.destroySoon = function lingeringClose() {
    if (this.writable) this.end();
    const timer = setTimeout(() => this.destroy(), LINGER_MS);
    timer.unref();
    this.once("close", () => clearTimeout(timer));
    this.once("end", () => this.destroy());
    this.resume();
  };
}

/** Sends the catalog's answer from memory, or hands the request to Next when it has none. */
async function answerCatalog(request, response) {
  let answer;
  try {
    answer = await globalThis[CATALOG_FIRST]?.(request.method, request.url, request.headers);
  } catch (error) {
    logError("the catalog's answer from memory failed; Next answers", error);
  }
  if (!answer) return handleByNext(request, response);
  response.writeHead(answer.status, answer.headers);
  response.end(answer.body);
}

/** A JSON line on stderr, as the app's own error lines (lib/server/log/logger.ts) look. */
function logError(msg, error) {
  const err =
    error instanceof Error ? { type: error.name, message: error.message, stack: error.stack } : error;
  process.stderr.write(`${JSON.stringify({ level: "error", time: new Date().toISOString(), err, msg })}\n`);
}

function handleByNext(request, response) {
  stamp(request);
  return handle(request, response);
}

const { default: next } = await import("next");
const app = next({ dev, hostname: hostname ?? "localhost", port });
const handle = app.getRequestHandler();
await app.prepare();

const server = createServer((request, response) => {
  if (REFUSED_METHODS.has(request.method ?? "")) return refuseMethod(response);
  if (refuseUndecodablePath(request, response)) return;
  if (catalogFirst && request.url?.startsWith("/api/models")) return answerCatalog(request, response);
  handleByNext(request, response);
});
server.on("connection", lingerOnClose);
// An idle kept-alive connection stays open 65 s, not Node's 5 s: a client or proxy that reuses one
// just as the server drops it gets ECONNRESET (proxies and load balancers idle out at about 60 s).
server.keepAliveTimeout = 65_000;
server.headersTimeout = 66_000;
if (dev) {
  // Hot reloading's WebSocket.
  const upgrade = app.getUpgradeHandler();
  server.on("upgrade", (request, socket, head) => {
    stamp(request);
    upgrade(request, socket, head);
  });
}
server.listen(port, hostname, () => {
  console.log(`Rendio ${dev ? "dev" : "production"} server on http://${hostname ?? "localhost"}:${port}`);
});
for (const signal of ["SIGINT", "SIGTERM"]) {
  process.on(signal, () => {
    server.close();
    app.close().finally(() => process.exit(0));
  });
}
