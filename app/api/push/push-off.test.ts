import { createECDH, randomBytes } from "node:crypto";
import { afterAll, beforeAll, expect, test, vi } from "vitest";
import { newGuest } from "@/scripts/test-support/people";
import { openRouteDatabase, type RouteDb } from "@/scripts/test-support/routes";
import { GET as getKey } from "./key/route";
import { DELETE, POST } from "./subscriptions/route";

/** A server without VAPID keys: no key to subscribe with, subscribing is 503, nothing stored. */

let route: RouteDb;
beforeAll(async () => {
  route = await openRouteDatabase();
  for (const name of ["VAPID_PUBLIC_KEY", "VAPID_PRIVATE_KEY", "VAPID_SUBJECT"]) vi.stubEnv(name, "");
});
afterAll(() => route.close());

test("GET /api/push/key answers a null key", async () => {
  const response = await getKey(new Request("http://localhost:3000/api/push/key"));
  expect(response.status).toBe(200);
  expect(await response.json()).toEqual({ publicKey: null });
});

test("subscribing is 503 push_unavailable and stores nothing; unsubscribing still answers", async () => {
  const { browser } = await newGuest();
  const ecdh = createECDH("prime256v1");
  const endpoint = "https://fcm.googleapis.com/fcm/send/off-test";
  const response = await browser.call(POST, "/api/push/subscriptions", {
    json: {
      endpoint,
      expirationTime: null,
      keys: {
        p256dh: ecdh.generateKeys().toString("base64url"),
        auth: randomBytes(16).toString("base64url"),
      },
    },
  });
  expect(response.status).toBe(503);
  expect((await response.json()).error.code).toBe("push_unavailable");
  expect((await route.db.query("select 1 from public.push_subscriptions")).rows).toEqual([]);
  const removed = await browser.call(DELETE, "/api/push/subscriptions", {
    method: "DELETE",
    json: { endpoint },
  });
  expect(removed.status).toBe(200);
  expect(await removed.json()).toEqual({ subscribed: false });
});

test.each([
  ["not JSON", { body: "{", headers: { "content-type": "application/json" } }],
  ["an empty object", { json: {} }],
  [
    "an endpoint that is not a push service",
    { json: { endpoint: "https://example.com/x", keys: { p256dh: "a", auth: "b" } } },
  ],
])("a subscription that is %s is 400 validation_failed before push_unavailable", async (_, init) => {
  const { browser } = await newGuest();
  const response = await browser.call(POST, "/api/push/subscriptions", { method: "POST", ...init });
  expect(response.status).toBe(400);
  expect((await response.json()).error.code).toBe("validation_failed");
});
