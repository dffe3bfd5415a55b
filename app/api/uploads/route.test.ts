import { existsSync } from "node:fs";
import path from "node:path";
import sharp from "sharp";
import { afterAll, beforeAll, expect, test } from "vitest";
import { GET as getMedia } from "@/app/api/media/[...path]/route";
import { MAX_IMAGE_BYTES, uploadResponseSchema } from "@/lib/contracts/api";
import { newGuest, openRouteDatabase, type RouteDb, TestBrowser } from "@/scripts/test-support/routes";
import { POST as upload } from "./route";

let route: RouteDb;
let png: Uint8Array;
beforeAll(async () => {
  route = await openRouteDatabase();
  png = new Uint8Array(
    await sharp({ create: { width: 64, height: 48, channels: 3, background: "#6b4fff" } })
      .png()
      .toBuffer(),
  );
});
afterAll(() => route.close());

function form(bytes: Uint8Array, name = "photo.png", type = "image/png"): FormData {
  const data = new FormData();
  data.set("file", new Blob([bytes as Uint8Array<ArrayBuffer>], { type }), name);
  return data;
}

test("an image lands in the user's private folder and is shown through a signed link", async () => {
  const { browser, userId } = await newGuest();
  const response = await browser.call(upload, "/api/uploads", { body: form(png) });
  expect(response.status).toBe(201);
  const { imageUrl, previewUrl } = uploadResponseSchema.parse(await response.json());
  expect(imageUrl).toMatch(new RegExp(`^inputs/${userId}/[0-9a-f-]{36}\\.png$`));
  expect(existsSync(path.join(route.dataDir, "media", imageUrl))).toBe(true);
  const url = new URL(previewUrl, "http://localhost");
  const preview = await browser.call(getMedia, url.pathname + url.search, {
    params: { path: url.pathname.replace("/api/media/", "").split("/") },
  });
  expect(preview.status).toBe(200);
  expect(preview.headers.get("content-type")).toBe("image/png");
  expect(new Uint8Array(await preview.arrayBuffer())).toEqual(png);
});

test("the type comes from the bytes, not the name: text called photo.jpg is refused", async () => {
  const { browser } = await newGuest();
  const fake = new TextEncoder().encode("this is not an image, just some text pretending ".repeat(4));
  const response = await browser.call(upload, "/api/uploads", {
    body: form(fake, "photo.jpg", "image/jpeg"),
  });
  expect(response.status).toBe(400);
  expect(await response.json()).toMatchObject({ error: { code: "validation_failed", field: "file" } });
});

test("a GIF is not an accepted type", async () => {
  const { browser } = await newGuest();
  const gif = new Uint8Array(
    await sharp({ create: { width: 8, height: 8, channels: 3, background: "#000" } })
      .gif()
      .toBuffer(),
  );
  const response = await browser.call(upload, "/api/uploads", { body: form(gif, "a.gif", "image/gif") });
  expect(response.status).toBe(400);
});

/** Vercel refuses request bodies over 4.5 MB before they reach a function. */
const VERCEL_BODY_LIMIT = 4.5 * 1000 * 1000;

test("more than 4 MB is 413 payload_too_large and nothing is stored", async () => {
  expect(MAX_IMAGE_BYTES).toBe(4 * 1024 * 1024);
  const { browser, userId } = await newGuest();
  const big = new Uint8Array(4 * 1024 * 1024 + 1);
  big.set(png.slice(0, 8));
  const response = await browser.call(upload, "/api/uploads", { body: form(big) });
  expect(response.status).toBe(413);
  expect(await response.json()).toMatchObject({ error: { code: "payload_too_large" } });
  expect(existsSync(path.join(route.dataDir, "media", "inputs", userId))).toBe(false);
});

test("the largest accepted upload, multipart and all, stays under Vercel's 4.5 MB body limit", async () => {
  const largest = new Uint8Array(MAX_IMAGE_BYTES);
  const body = new Uint8Array(
    await new Response(form(largest, "a-rather-long-file-name-for-a-photo.png")).arrayBuffer(),
  );
  expect(body.byteLength).toBeGreaterThan(MAX_IMAGE_BYTES);
  expect(body.byteLength).toBeLessThan(VERCEL_BODY_LIMIT);
});

test("no file, not multipart, or no session are refused", async () => {
  const { browser } = await newGuest();
  const empty = await browser.call(upload, "/api/uploads", { body: new FormData() });
  expect(empty.status).toBe(400);
  const notMultipart = await browser.call(upload, "/api/uploads", { json: { file: "x" } });
  expect(notMultipart.status).toBe(400);
  const anonymous = await new TestBrowser().call(upload, "/api/uploads", { body: form(png) });
  expect(anonymous.status).toBe(401);
});

test("a chunked body past the limit is refused without reading the rest, and closes the connection", async () => {
  const { browser, userId } = await newGuest();
  const boundary = "----rendio-test";
  const head = new TextEncoder().encode(
    `--${boundary}\r\nContent-Disposition: form-data; name="file"; filename="big.png"\r\n` +
      "Content-Type: image/png\r\n\r\n",
  );
  const chunk = new Uint8Array(64 * 1024);
  const total = 100 * 1024 * 1024;
  let pulled = 0;
  // A stream with no declared length, like a chunked upload: we count what the route reads.
  const body = new ReadableStream<Uint8Array>({
    start(controller) {
      controller.enqueue(head);
      pulled += head.byteLength;
    },
    pull(controller) {
      if (pulled >= total) return controller.close();
      pulled += chunk.byteLength;
      controller.enqueue(chunk);
    },
  });
  const response = await browser.call(upload, "/api/uploads", {
    body,
    headers: { "content-type": `multipart/form-data; boundary=${boundary}` },
  });
  expect(response.status).toBe(413);
  expect(response.headers.get("connection")).toBe("close");
  expect(await response.json()).toMatchObject({ error: { code: "payload_too_large" } });
  expect(pulled).toBeLessThan(MAX_IMAGE_BYTES + 256 * 1024);
  expect(existsSync(path.join(route.dataDir, "media", "inputs", userId))).toBe(false);
});

test("a declared length past the limit is refused before any of the body is read", async () => {
  const { browser } = await newGuest();
  let pulled = 0;
  const body = new ReadableStream<Uint8Array>({
    pull(controller) {
      pulled += 1;
      controller.enqueue(new Uint8Array(1024));
    },
  });
  const response = await browser.call(upload, "/api/uploads", {
    body,
    headers: {
      "content-type": "multipart/form-data; boundary=x",
      "content-length": String(50 * 1024 * 1024),
    },
  });
  expect(response.status).toBe(413);
  expect(response.headers.get("connection")).toBe("close");
  expect(pulled).toBeLessThanOrEqual(1);
});
