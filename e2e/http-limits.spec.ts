import { Agent, request as httpRequest, type IncomingHttpHeaders } from "node:http";
import { connect } from "node:net";
import { expect, test } from "@playwright/test";
import sharp from "sharp";
import { type OwnServer, residentBytes, startOwnServer } from "../scripts/test-support/e2e/server";

/**
 * The server over plain HTTP, as clients meet it through `next start` (no browser): bounded
 * uploads, what a keep-alive client sees after a 413, and the headers media responses carry.
 * It runs its own server because the memory figure needs the server's process.
 */

const MB = 1024 * 1024;
const BOUNDARY = "----rendio-limits";

let server: OwnServer;
let cookie: string;

test.beforeAll(async () => {
  test.setTimeout(180_000);
  server = await startOwnServer("limits");
  const guest = await fetch(`${server.url}/api/session/guest`, { method: "POST" });
  expect(guest.status).toBe(201);
  cookie = guest.headers
    .getSetCookie()
    .map((line) => line.split(";")[0])
    .join("; ");
});

test.afterAll(async () => {
  await server?.stop();
});

type RawResponse = { status: number; headers: IncomingHttpHeaders; body: string; sentBytes: number };

/**
 * A multipart upload of one PNG-looking file of `fileBytes` bytes (a PNG signature, then zeros),
 * streamed with chunked transfer encoding (no Content-Length) unless `declareLength`. The client
 * stops sending once the answer arrives, as browsers do.
 */
function upload(
  fileBytes: number,
  options: { agent?: Agent; declareLength?: boolean } = {},
): Promise<RawResponse> {
  const head = Buffer.from(
    `--${BOUNDARY}\r\nContent-Disposition: form-data; name="file"; filename="big.png"\r\n` +
      "Content-Type: image/png\r\n\r\n",
  );
  const tail = Buffer.from(`\r\n--${BOUNDARY}--\r\n`);
  const signature = Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]);
  const headers: Record<string, string> = {
    cookie,
    "content-type": `multipart/form-data; boundary=${BOUNDARY}`,
  };
  if (options.declareLength) headers["content-length"] = String(head.length + fileBytes + tail.length);
  const url = new URL("/api/uploads", server.url);
  return new Promise((resolve, reject) => {
    let answered = false;
    let sentBytes = 0;
    const req = httpRequest(url, { method: "POST", headers, agent: options.agent ?? false });
    req.on("error", (error) => {
      // Once the answer is in, the server may close while we still send: that is expected.
      if (!answered) reject(error);
    });
    req.on("response", (res) => {
      answered = true;
      let body = "";
      res.setEncoding("utf8");
      res.on("data", (text) => {
        body += text;
      });
      res.on("end", () => {
        resolve({ status: res.statusCode ?? 0, headers: res.headers, body, sentBytes });
        if (!req.writableFinished) req.destroy();
      });
      res.on("error", reject);
    });
    const zeros = Buffer.alloc(256 * 1024);
    void (async () => {
      const write = async (chunk: Buffer) => {
        sentBytes += chunk.length;
        if (!req.write(chunk)) await new Promise((done) => req.once("drain", done));
      };
      await write(head);
      await write(signature);
      let left = fileBytes - signature.length;
      while (left > 0 && !answered && !req.destroyed) {
        const size = Math.min(left, zeros.length);
        await write(zeros.subarray(0, size));
        left -= size;
      }
      if (!answered && !req.destroyed) req.end(tail);
    })().catch(() => undefined);
  });
}

/** A request with the path sent exactly as written (no URL normalisation by the client). */
function rawGet(path: string, method = "GET"): Promise<RawResponse> {
  return new Promise((resolve, reject) => {
    const url = new URL(server.url);
    const req = httpRequest({ host: url.hostname, port: url.port, path, method, agent: false });
    req.on("error", reject);
    req.on("response", (res) => {
      let body = "";
      res.setEncoding("utf8");
      res.on("data", (text) => {
        body += text;
      });
      res.on("end", () => resolve({ status: res.statusCode ?? 0, headers: res.headers, body, sentBytes: 0 }));
    });
    req.end();
  });
}

function errorCode(response: RawResponse): string | undefined {
  expect(response.headers["content-type"], response.body.slice(0, 200)).toContain("application/json");
  return JSON.parse(response.body).error?.code;
}

test("four parallel chunked 100 MB uploads are refused without buffering them", async () => {
  test.setTimeout(240_000);
  // Warm the route up, so the baseline includes its code.
  expect((await upload(11 * MB)).status).toBe(413);
  const before = residentBytes(server.pid);
  let peak = before;
  const sampler = setInterval(() => {
    peak = Math.max(peak, residentBytes(server.pid));
  }, 20);
  const answers = await Promise.all([1, 2, 3, 4].map(() => upload(100 * MB)));
  await new Promise((resolve) => setTimeout(resolve, 500));
  clearInterval(sampler);
  peak = Math.max(peak, residentBytes(server.pid));
  const growth = (peak - before) / MB;
  console.log(
    `[uploads] server RSS ${(before / MB).toFixed(0)} MB before, ${(peak / MB).toFixed(0)} MB at peak: ` +
      `+${growth.toFixed(0)} MB for four parallel chunked 100 MB uploads ` +
      `(client sent ${answers.map((a) => (a.sentBytes / MB).toFixed(0)).join(", ")} MB before the answer)`,
  );
  for (const answer of answers) {
    expect(answer.status).toBe(413);
    expect(errorCode(answer)).toBe("payload_too_large");
  }
  expect(growth).toBeLessThan(150);
});

/**
 * A client that keeps sending a refused upload and reads the answer only later, over a raw socket:
 * the server must not reset the connection under it (a reset throws away the unread 413).
 */
function uploadReadingLate(readAfterMs: number): Promise<string> {
  const url = new URL(server.url);
  return new Promise((resolve) => {
    const socket = connect(Number(url.port), url.hostname);
    let received = "";
    socket.setEncoding("utf8");
    socket.on("data", (text) => {
      received += text;
      if (received.includes("}}")) {
        socket.destroy();
        resolve(received);
      }
    });
    socket.on("error", () => resolve(received));
    socket.on("close", () => resolve(received));
    socket.write(
      `POST /api/uploads HTTP/1.1\r\nHost: ${url.host}\r\ncookie: ${cookie}\r\n` +
        `content-type: multipart/form-data; boundary=${BOUNDARY}\r\ntransfer-encoding: chunked\r\n\r\n`,
    );
    socket.pause();
    const chunk = Buffer.alloc(MB);
    let chunks = 0;
    const pump = () => {
      while (chunks < 60 && !socket.destroyed) {
        chunks += 1;
        socket.write(`${chunk.length.toString(16)}\r\n`);
        const more = socket.write(Buffer.concat([chunk, Buffer.from("\r\n")]));
        if (!more) return void socket.once("drain", pump);
      }
    };
    pump();
    setTimeout(() => socket.resume(), readAfterMs);
  });
}

test("a client still sending when the 413 comes reads it later: the server lingers, never resets", async () => {
  for (let i = 0; i < 3; i++) {
    const received = await uploadReadingLate(1_000);
    expect(received.split("\r\n")[0]).toBe("HTTP/1.1 413 Payload Too Large");
    expect(received).toContain('"code":"payload_too_large"');
  }
});

test("after a 413 the server closes that connection, and a keep-alive client carries on", async () => {
  const agent = new Agent({ keepAlive: true, maxSockets: 1 });
  try {
    for (const declareLength of [false, true]) {
      const refused = await upload(30 * MB, { agent, declareLength });
      expect(refused.status).toBe(413);
      expect(refused.headers.connection).toBe("close");
      expect(errorCode(refused)).toBe("payload_too_large");
      const health = await new Promise<number>((resolve, reject) => {
        const req = httpRequest(new URL("/api/health", server.url), { agent }, (res) => {
          res.resume();
          res.on("end", () => resolve(res.statusCode ?? 0));
        });
        req.on("error", reject);
        req.end();
      });
      expect(health).toBe(200);
    }
  } finally {
    agent.destroy();
  }
});

test("an image within the limit is still accepted", async () => {
  const png = await sharp({ create: { width: 32, height: 24, channels: 3, background: "#6b4fff" } })
    .png()
    .toBuffer();
  const form = new FormData();
  form.set("file", new Blob([new Uint8Array(png)], { type: "image/png" }), "photo.png");
  const response = await fetch(`${server.url}/api/uploads`, {
    method: "POST",
    body: form,
    headers: { cookie },
  });
  expect(response.status).toBe(201);
});

test("media answers carry Content-Length for ranges and HEAD (Safari plays video only so)", async () => {
  const png = await sharp({
    create: {
      width: 300,
      height: 200,
      channels: 3,
      background: "#000",
      noise: { type: "gaussian", mean: 128, sigma: 40 },
    },
  })
    .png()
    .toBuffer();
  const form = new FormData();
  form.set("file", new Blob([new Uint8Array(png)], { type: "image/png" }), "photo.png");
  const uploaded = await fetch(`${server.url}/api/uploads`, {
    method: "POST",
    body: form,
    headers: { cookie },
  });
  expect(uploaded.status).toBe(201);
  const link = `${server.url}${(await uploaded.json()).previewUrl}`;

  const probe = await fetch(link, { headers: { range: "bytes=0-1" } });
  expect(probe.status).toBe(206);
  expect(probe.headers.get("content-range")).toBe(`bytes 0-1/${png.length}`);
  expect(probe.headers.get("content-length")).toBe("2");
  expect(new Uint8Array(await probe.arrayBuffer())).toEqual(new Uint8Array(png.subarray(0, 2)));

  const middle = await fetch(link, { headers: { range: "bytes=100-1099" } });
  expect(middle.status).toBe(206);
  expect(middle.headers.get("content-length")).toBe("1000");
  expect(new Uint8Array(await middle.arrayBuffer())).toEqual(new Uint8Array(png.subarray(100, 1100)));

  const whole = await fetch(link);
  expect(whole.status).toBe(200);
  expect(whole.headers.get("content-length")).toBe(String(png.length));
  expect((await whole.arrayBuffer()).byteLength).toBe(png.length);

  const head = await fetch(link, { method: "HEAD" });
  expect(head.status).toBe(200);
  expect(head.headers.get("content-length")).toBe(String(png.length));
  expect(head.headers.get("accept-ranges")).toBe("bytes");

  const headRange = await fetch(link, { method: "HEAD", headers: { range: "bytes=0-9" } });
  expect(headRange.status).toBe(206);
  expect(headRange.headers.get("content-length")).toBe("10");
});

test("bad media paths answer a JSON error, never HTML or a 500", async () => {
  const sig = `exp=9999999999&sig=${"A".repeat(43)}`;
  const paths = [
    `/api/media/..%2F..%2Fsecret.key?${sig}`,
    `/api/media/videos%2Fu1%2Fj1.mp4?${sig}`,
    `/api/media/videos/u1/%2e%2e/%2e%2e/secret.key?${sig}`,
    `/api/media/videos/u1/j1%00.mp4?${sig}`,
    `/api/media/videos/u1/%E0%A4%A.mp4?${sig}`,
    `/api/media/videos/u1/${"a".repeat(4000)}.mp4?${sig}`,
    `/api/media/${"a/".repeat(500)}x.mp4?${sig}`,
    `/api/media/videos/u1/unknown.mp4?${sig}`,
    "/api/media/videos/u1/unknown.mp4",
    "/api/media/videos/u1/unknown.mp4?exp=1&sig=x",
  ];
  for (const path of paths) {
    for (const method of ["GET", "HEAD"]) {
      const response = await rawGet(path, method);
      expect([403, 404], `${method} ${path.slice(0, 80)}`).toContain(response.status);
      if (method === "GET") {
        expect(["forbidden", "not_found"], path.slice(0, 80)).toContain(errorCode(response));
      }
    }
  }
});
