import { expect, test } from "@playwright/test";
import { type OwnServer, startOwnServer } from "../scripts/test-support/e2e/server";

/**
 * The app as `npm start` runs it (scripts/serve.mjs, built app) with the default TRUST_PROXY=none,
 * on its own port and fresh embedded database: whatever a client writes in X-Forwarded-For,
 * X-Real-IP or our own private header, it is keyed by the address of its connection.
 */

test.describe.configure({ mode: "serial" });

let server: OwnServer | undefined;
let base = "";

// biome-ignore lint/correctness/noEmptyPattern: Playwright passes fixtures first; none are needed
test.beforeAll(async ({}, testInfo) => {
  testInfo.setTimeout(150_000);
  server = await startOwnServer("client-address", { TRUST_PROXY: "" });
  base = server.url;
});

test.afterAll(async () => {
  await server?.stop();
});

/** A new visitor (no cookies) asks to be a guest, with these headers. */
const newGuest = (headers: Record<string, string>) =>
  fetch(`${base}/api/session/guest`, {
    method: "POST",
    headers: { "content-type": "application/json", ...headers },
    body: "{}",
  });

test("the Origin check compares scheme, host and port and ignores a client's X-Forwarded-Host", async () => {
  const spoof = await newGuest({ origin: "http://evil.example", "x-forwarded-host": "evil.example" });
  expect(spoof.status).toBe(403);
  expect((await newGuest({ origin: base.replace("http:", "https:") })).status).toBe(403);
  const ours = await newGuest({ origin: base, "x-forwarded-proto": "https" });
  expect(ours.status).toBe(201);
  // Plain http to our server: a client's X-Forwarded-Proto does not make the cookie Secure.
  expect(ours.headers.getSetCookie().join()).not.toMatch(/Secure/);
});

test("rotating forged address headers: still one client, 50 new guests an hour, then 429", async () => {
  // One guest was made above, from this same connection address (127.0.0.1).
  const forged = (i: number) => ({
    "x-forwarded-for": `198.18.${i}.7`,
    "x-real-ip": `198.19.${i}.7`,
    "x-rendio-socket": `guess http 198.20.${i}.7`,
  });
  for (let i = 1; i < 50; i++) expect((await newGuest(forged(i))).status).toBe(201);
  const refused = await newGuest(forged(50));
  expect(refused.status).toBe(429);
  expect(Number(refused.headers.get("retry-after"))).toBeGreaterThan(0);
});
