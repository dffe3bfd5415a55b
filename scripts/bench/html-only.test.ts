import http from "node:http";
import type { AddressInfo } from "node:net";
import { gunzipSync } from "node:zlib";
import { afterAll, beforeAll, describe, expect, test } from "vitest";
import { freePort } from "../test-support/free-port";
import { startHtmlOnly, withoutScripts } from "./html-only";
import type { Server } from "./servers";

// A document shaped as Next sends one: a stylesheet, script preloads, async chunks in the head,
// inline scripts (the theme, the RSC payload) in the body.
const page = [
  '<!DOCTYPE html><html lang="en"><head><meta charSet="utf-8"/>',
  '<link rel="stylesheet" href="/_next/static/chunks/app.css" data-precedence="next"/>',
  '<link rel="preload" as="script" fetchPriority="low" href="/_next/static/chunks/a.js"/>',
  '<link rel="modulepreload" href="/_next/static/chunks/m.js"/>',
  '<script src="/_next/static/chunks/a.js" async=""></script>',
  '<script nonce="n">document.documentElement.dataset.theme="dark"</script>',
  '</head><body><main id="main"><h1>Rendio</h1><img src="/thumbnails/a.webp" alt="A"/></main>',
  '<SCRIPT nonce="n">(self.__next_f=self.__next_f||[]).push([1,"\\u003c/div\\u003e"])</SCRIPT>',
  "</body></html>",
].join("");

describe("withoutScripts", () => {
  test("takes out every script element and script preload, in any case", () => {
    const html = withoutScripts(page);
    expect(html).not.toMatch(/<script/i);
    expect(html).not.toContain('as="script"');
    expect(html).not.toContain("modulepreload");
    expect(html).not.toContain("__next_f");
  });

  test("keeps the markup, the stylesheet and the pictures as sent", () => {
    expect(withoutScripts(page)).toBe(
      '<!DOCTYPE html><html lang="en"><head><meta charSet="utf-8"/>' +
        '<link rel="stylesheet" href="/_next/static/chunks/app.css" data-precedence="next"/>' +
        '</head><body><main id="main"><h1>Rendio</h1><img src="/thumbnails/a.webp" alt="A"/></main>' +
        "</body></html>",
    );
  });
});

describe("startHtmlOnly", () => {
  let app: http.Server;
  let reference: Server;
  const seen: { url?: string; cookie?: string }[] = [];

  beforeAll(async () => {
    // The app: the page for the guest's cookie only, and a stylesheet.
    app = http.createServer((request, reply) => {
      seen.push({ url: request.url, cookie: request.headers.cookie });
      if (request.url === "/" && request.headers.cookie === "session=guest") {
        reply.writeHead(200, { "content-type": "text/html" }).end(page);
      } else if (request.url === "/_next/static/chunks/app.css") {
        reply.writeHead(200, { "content-type": "text/css", "x-from": "app" }).end("main{color:red}");
      } else {
        reply.writeHead(404).end();
      }
    });
    await new Promise<void>((resolve) => app.listen(0, "127.0.0.1", resolve));
    const { port } = app.address() as AddressInfo;
    reference = await startHtmlOnly(await freePort(), {
      url: `http://127.0.0.1:${port}/`,
      cookie: "session=guest",
    });
  });

  afterAll(() => {
    reference?.stop();
    app?.close();
  });

  test("answers the guest's page without its scripts, read from the app once", async () => {
    const reads = seen.filter((request) => request.url === "/").length;
    const response = await fetch(`${reference.base}/`);
    expect(response.status).toBe(200);
    expect(response.headers.get("content-type")).toBe("text/html; charset=utf-8");
    expect(await response.text()).toBe(withoutScripts(page));
    expect(seen.filter((request) => request.url === "/").length).toBe(reads);
    expect(seen.find((request) => request.url === "/")?.cookie).toBe("session=guest");
  });

  test("compresses the document for a browser that accepts gzip", async () => {
    const raw = await new Promise<{ encoding?: string; body: Buffer }>((resolve, reject) => {
      http
        .get(`${reference.base}/`, { headers: { "accept-encoding": "gzip, deflate" } }, (response) => {
          const parts: Buffer[] = [];
          response.on("data", (part: Buffer) => parts.push(part));
          response.on("end", () =>
            resolve({ encoding: response.headers["content-encoding"], body: Buffer.concat(parts) }),
          );
        })
        .on("error", reject);
    });
    expect(raw.encoding).toBe("gzip");
    expect(gunzipSync(raw.body).toString()).toBe(withoutScripts(page));
  });

  test("passes every other request to the app, answer and headers as they are", async () => {
    const css = await fetch(`${reference.base}/_next/static/chunks/app.css`);
    expect(css.status).toBe(200);
    expect(css.headers.get("x-from")).toBe("app");
    expect(await css.text()).toBe("main{color:red}");
    expect((await fetch(`${reference.base}/thumbnails/missing.webp`)).status).toBe(404);
  });

  test("refuses to start when the app does not answer the page", async () => {
    const { port } = app.address() as AddressInfo;
    await expect(startHtmlOnly(await freePort(), { url: `http://127.0.0.1:${port}/` })).rejects.toThrow(
      "/ answered 404",
    );
  });
});
