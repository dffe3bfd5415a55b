import { request as httpRequest } from "node:http";
import { expect, test } from "@playwright/test";
import { type OwnServer, startOwnServer } from "../scripts/test-support/e2e/server";

/**
 * scripts/serve.mjs answers the catalog (GET and HEAD /api/models and /api/models/:id) from the
 * app's memory before Next. On the wire that answer must be the one Next's route handler gives:
 * the same status, headers (names, values, order; all but Date) and body bytes, compressed or
 * not. The suite's server answers from memory; a server of its own with CATALOG_THROUGH_NEXT=1
 * leaves every request to Next. Plain HTTP, so only the desktop project runs it.
 */

let throughNext: OwnServer;

test.beforeAll(async () => {
  test.setTimeout(180_000);
  throughNext = await startOwnServer("catalog-next", { CATALOG_THROUGH_NEXT: "1" });
});

test.afterAll(async () => {
  await throughNext?.stop();
});

type Raw = { status: number; headers: string[]; body: Buffer };

const requestIdForm = (id: string | undefined) =>
  id && /^[0-9a-f-]{36}$/.test(id) ? "<uuid>" : `bad: ${id}`;

/** One request on its own connection, as sent: the answer's raw header lines and undecoded body. */
function ask(base: string, method: string, path: string, headers: Record<string, string>): Promise<Raw> {
  return new Promise((resolve, reject) => {
    const request = httpRequest(new URL(path, base), { method, headers, agent: false }, (response) => {
      const chunks: Buffer[] = [];
      response.on("data", (chunk: Buffer) => chunks.push(chunk));
      response.on("end", () => {
        const lines: string[] = [];
        for (let i = 0; i < response.rawHeaders.length; i += 2) {
          const name = response.rawHeaders[i] as string;
          // Each answer has its own request id: only its place and form are compared.
          const value =
            name.toLowerCase() === "x-request-id"
              ? requestIdForm(response.rawHeaders[i + 1])
              : response.rawHeaders[i + 1];
          if (name.toLowerCase() !== "date") lines.push(`${name}: ${value}`);
        }
        resolve({ status: response.statusCode ?? 0, headers: lines, body: Buffer.concat(chunks) });
      });
      response.on("error", reject);
    });
    request.on("error", reject);
    request.end();
  });
}

async function expectSameAnswer(base: string, method: string, path: string, headers: Record<string, string>) {
  const label = `${method} ${path} ${JSON.stringify(headers)}`;
  const fromMemory = await ask(base, method, path, headers);
  const fromNext = await ask(throughNext.url, method, path, headers);
  expect(fromMemory.status, label).toBe(fromNext.status);
  expect(fromMemory.headers, label).toEqual(fromNext.headers);
  expect(fromMemory.body.equals(fromNext.body), `body of ${label}`).toBe(true);
  return fromMemory;
}

const etagOf = (answer: Raw) => answer.headers.find((line) => line.startsWith("etag: "))?.slice(6) ?? "";

test("GET and HEAD /api/models: the same answer as Next's route, in every language and encoding", async ({
  baseURL,
}) => {
  const base = baseURL as string;
  const browser = { "accept-encoding": "gzip, deflate, br, zstd", "accept-language": "en-US,en;q=0.9" };
  const asked: Record<string, string>[] = [
    {},
    browser,
    { "accept-encoding": "gzip" },
    { "accept-encoding": "br" },
    { "accept-language": "tr-TR,tr;q=0.9", "accept-encoding": "gzip" },
    { "accept-language": "es" },
    { "accept-language": "de, es;q=0.4, tr;q=0.5" },
    { cookie: "NEXT_LOCALE=es", "accept-language": "tr" },
    { cookie: "NEXT_LOCALE=tr; theme=dark; NEXT_LOCALE=es", ...browser },
    { cookie: "NEXT_LOCALE=TR" },
    { cookie: "NEXT_LOCALE=xx", "accept-language": "es" },
    // Left to Next in the suite's server too: they must still come out the same.
    { "accept-encoding": "gzip;q=0, deflate" },
    { "accept-encoding": "identity" },
    { rsc: "1" },
  ];
  const paths = [
    "/api/models",
    "/api/models?locale=es",
    "/api/models?locale=xx&a=1",
    "/api/models?locale=tr",
  ];
  for (const path of paths) {
    for (const headers of asked) {
      await expectSameAnswer(base, "GET", path, headers);
      await expectSameAnswer(base, "HEAD", path, headers);
    }
  }
  const en = await expectSameAnswer(base, "GET", "/api/models", browser);
  expect(en.status).toBe(200);
  expect(en.headers).toContain("Content-Encoding: gzip");
  const es = await expectSameAnswer(base, "GET", "/api/models", { "accept-language": "es" });
  expect(etagOf(es)).not.toBe(etagOf(en));
});

test("If-None-Match: the same 304 (or 200) as Next's route", async ({ baseURL }) => {
  const base = baseURL as string;
  const en = await ask(base, "GET", "/api/models", {});
  const etag = etagOf(en);
  expect(etag).toMatch(/^"[\w-]{20,}"$/);
  for (const ifNoneMatch of [etag, `W/${etag}`, `"old", ${etag}`, "*", '"old"']) {
    for (const method of ["GET", "HEAD"]) {
      const answer = await expectSameAnswer(base, method, "/api/models", {
        "if-none-match": ifNoneMatch,
        "accept-encoding": "gzip",
      });
      expect(answer.status, ifNoneMatch).toBe(ifNoneMatch === '"old"' ? 200 : 304);
    }
  }
  // Another language's catalog is not the one the client has.
  const tr = await expectSameAnswer(base, "GET", "/api/models", {
    "if-none-match": etag,
    cookie: "NEXT_LOCALE=tr",
  });
  expect(tr.status).toBe(200);
});

test("/api/models/:id: the same answer as Next's route for a model by slug or id, and for what is not one", async ({
  baseURL,
}) => {
  const base = baseURL as string;
  const one = await ask(base, "GET", "/api/models/ltx-2-fast", {});
  expect(one.status).toBe(200);
  const { model } = JSON.parse(one.body.toString()) as { model: { id: string } };
  const paths = [
    "/api/models/ltx-2-fast",
    "/api/models/ltx-2-fast?locale=tr",
    `/api/models/${model.id}`,
    `/api/models/${model.id.toUpperCase()}?locale=es`,
    "/api/models/ltx%2D2-fast",
    "/api/models/LTX-2-FAST",
    "/api/models/no-such-model",
    "/api/models/ltx-2-fast/",
    "/api/models/",
  ];
  for (const path of paths) {
    const variants: Record<string, string>[] = [
      {},
      { "accept-encoding": "gzip, deflate, br", "accept-language": "es" },
    ];
    for (const headers of variants) {
      await expectSameAnswer(base, "GET", path, headers);
      await expectSameAnswer(base, "HEAD", path, headers);
    }
  }
  const etag = etagOf(one);
  expect(
    (await expectSameAnswer(base, "GET", "/api/models/ltx-2-fast", { "if-none-match": etag })).status,
  ).toBe(304);
  expect(
    (await expectSameAnswer(base, "GET", `/api/models/${model.id}`, { "if-none-match": etag })).status,
  ).toBe(304);
});

test("other methods on the catalog routes: the same 405 with Allow, and OPTIONS, as Next's route", async ({
  baseURL,
}) => {
  const base = baseURL as string;
  for (const path of ["/api/models", "/api/models/ltx-2-fast"]) {
    const options = await expectSameAnswer(base, "OPTIONS", path, {});
    expect(options.status).toBe(204);
    expect(options.headers).toContain("allow: GET, HEAD, OPTIONS");
    for (const method of ["POST", "PUT", "PATCH", "DELETE"]) {
      expect((await expectSameAnswer(base, method, path, {})).status).toBe(405);
    }
  }
});
