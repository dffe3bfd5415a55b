import { createServer, request, type Server, ServerResponse } from "node:http";
import type { AddressInfo } from "node:net";
import { afterAll, beforeAll, expect, test } from "vitest";
import { DECLARED_LENGTH_HEADER, restoreDeclaredLengths } from "./content-length";

// A real Node server answering as Next.js does: headers copied without Content-Length, then the
// body written in chunks after flushHeaders (or nothing, for HEAD).
let server: Server;
let port: number;

beforeAll(async () => {
  restoreDeclaredLengths();
  server = createServer((req, res) => {
    res.statusCode = 206;
    res.appendHeader("content-type", "video/mp4");
    if (req.url !== "/undeclared") res.appendHeader(DECLARED_LENGTH_HEADER, "10");
    if (req.url === "/encoded") res.appendHeader("content-encoding", "gzip");
    if (req.method === "HEAD") return res.end();
    res.flushHeaders();
    res.write(Buffer.alloc(4));
    res.end(Buffer.alloc(6));
  });
  await new Promise<void>((resolve) => server.listen(0, "127.0.0.1", resolve));
  port = (server.address() as AddressInfo).port;
});

afterAll(() => new Promise<void>((resolve) => server.close(() => resolve())));

function call(path: string, method = "GET") {
  return new Promise<{ headers: Record<string, string | string[] | undefined>; length: number }>(
    (resolve, reject) => {
      const req = request({ host: "127.0.0.1", port, path, method, agent: false }, (res) => {
        let length = 0;
        res.on("data", (chunk: Buffer) => {
          length += chunk.length;
        });
        res.on("end", () => resolve({ headers: res.headers, length }));
      });
      req.on("error", reject);
      req.end();
    },
  );
}

test("a declared length becomes Content-Length on a streamed answer, and the private header goes", async () => {
  const { headers, length } = await call("/");
  expect(headers["content-length"]).toBe("10");
  expect(headers["transfer-encoding"]).toBeUndefined();
  expect(headers[DECLARED_LENGTH_HEADER]).toBeUndefined();
  expect(length).toBe(10);
});

test("a HEAD answer carries the declared length", async () => {
  const { headers } = await call("/", "HEAD");
  expect(headers["content-length"]).toBe("10");
});

test("without a declaration, or with a re-encoded body, nothing changes", async () => {
  expect((await call("/undeclared")).headers["content-length"]).toBeUndefined();
  const encoded = await call("/encoded");
  expect(encoded.headers["content-length"]).toBeUndefined();
  expect(encoded.headers[DECLARED_LENGTH_HEADER]).toBeUndefined();
});

test("installing twice wraps once", () => {
  const hooked = ServerResponse.prototype.writeHead;
  restoreDeclaredLengths();
  expect(ServerResponse.prototype.writeHead).toBe(hooked);
});
