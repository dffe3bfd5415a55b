import { randomUUID } from "node:crypto";
import { createServer, type IncomingMessage, type Server } from "node:http";
import type { AddressInfo } from "node:net";
import Stripe from "stripe";
import { afterAll, beforeAll, describe, expect, test, vi } from "vitest";
import { POST as checkout } from "@/app/api/credits/checkout/route";
import { setStripeApiAddress } from "@/lib/server/payments/stripe";
import { creditsOf, ledgerOf, newGuest, newRegisteredUser } from "@/scripts/test-support/people";
import { openRouteDatabase, type RouteDb, TestBrowser } from "@/scripts/test-support/routes";
import { POST as webhook } from "./route";

/**
 * Stripe mode. Stripe's API is the one edge we cannot reach, so a local server answers in its
 * wire format (form-encoded requests, JSON objects) and records what it received; events are
 * signed with Stripe's own test helper and verified by Stripe's library in the route.
 */

const secret = `whsec_${randomUUID().replaceAll("-", "")}`;
const popular = "c2ed0003-0000-4000-8000-000000000003";
const stripe = new Stripe("sk_test_local");

type Received = {
  method: string;
  path: string;
  query: URLSearchParams;
  form: URLSearchParams;
  headers: IncomingMessage["headers"];
};
let route: RouteDb;
let server: Server;
const received: Received[] = [];
/** How many calls the fake Stripe fails with a 500 (its client retries twice). */
let failNext = 0;
/** Checkout Sessions the fake Stripe knows, by payment intent. */
const sessionsByIntent = new Map<string, string>();

beforeAll(async () => {
  vi.stubEnv("STRIPE_SECRET_KEY", "sk_test_local");
  vi.stubEnv("STRIPE_WEBHOOK_SECRET", secret);
  // Checkout's return links come from the public origin, here told by one TLS proxy in front.
  vi.stubEnv("TRUST_PROXY", "1");
  route = await openRouteDatabase();
  vi.stubEnv("STRIPE_SECRET_KEY", "sk_test_local");
  vi.stubEnv("STRIPE_WEBHOOK_SECRET", secret);
  server = createServer(async (request, response) => {
    const chunks: Buffer[] = [];
    for await (const chunk of request) chunks.push(chunk as Buffer);
    const url = new URL(request.url ?? "/", "http://stripe.local");
    const form = new URLSearchParams(Buffer.concat(chunks).toString("utf8"));
    received.push({
      method: request.method ?? "",
      path: url.pathname,
      query: url.searchParams,
      form,
      headers: request.headers,
    });
    response.setHeader("content-type", "application/json");
    response.setHeader("request-id", `req_${randomUUID().slice(0, 8)}`);
    if (failNext > 0) {
      failNext--;
      response.statusCode = 500;
      response.end(JSON.stringify({ error: { type: "api_error", message: "Something went wrong" } }));
      return;
    }
    if (request.method === "POST" && url.pathname === "/v1/checkout/sessions") {
      const id = `cs_test_${randomUUID().replaceAll("-", "")}`;
      response.end(
        JSON.stringify({
          id,
          object: "checkout.session",
          mode: "payment",
          status: "open",
          payment_status: "unpaid",
          client_reference_id: form.get("client_reference_id"),
          metadata: { userId: form.get("metadata[userId]"), productId: form.get("metadata[productId]") },
          url: `https://checkout.stripe.com/c/pay/${id}`,
          livemode: false,
        }),
      );
      return;
    }
    if (request.method === "GET" && url.pathname === "/v1/checkout/sessions") {
      const id = sessionsByIntent.get(url.searchParams.get("payment_intent") ?? "");
      response.end(
        JSON.stringify({
          object: "list",
          url: "/v1/checkout/sessions",
          has_more: false,
          data: id
            ? [{ id, object: "checkout.session", payment_intent: url.searchParams.get("payment_intent") }]
            : [],
        }),
      );
      return;
    }
    response.statusCode = 404;
    response.end(
      JSON.stringify({ error: { type: "invalid_request_error", message: "Unrecognized request URL" } }),
    );
  });
  await new Promise<void>((resolve) => server.listen(0, "127.0.0.1", resolve));
  setStripeApiAddress({ host: "127.0.0.1", port: (server.address() as AddressInfo).port, protocol: "http" });
});
afterAll(async () => {
  setStripeApiAddress(undefined);
  await new Promise((resolve) => server.close(resolve));
  await route.close();
});

function event(
  type: string,
  object: Record<string, unknown>,
  id = `evt_${randomUUID().replaceAll("-", "")}`,
) {
  return JSON.stringify({
    id,
    object: "event",
    api_version: "2025-01-01",
    created: Math.floor(Date.now() / 1000),
    livemode: false,
    pending_webhooks: 1,
    request: { id: null, idempotency_key: null },
    type,
    data: { object },
  });
}

function deliver(
  payload: string,
  signature: string | null = stripe.webhooks.generateTestHeaderString({ payload, secret }),
) {
  return new TestBrowser().call(webhook, "/api/webhooks/stripe", {
    body: payload,
    headers: { "content-type": "application/json", ...(signature ? { "stripe-signature": signature } : {}) },
  });
}

/** A paid Checkout Session for the user, known to the fake Stripe under a payment intent. */
function paidSession(userId: string, productId = popular) {
  const id = `cs_test_${randomUUID().replaceAll("-", "")}`;
  const paymentIntent = `pi_${randomUUID().replaceAll("-", "")}`;
  sessionsByIntent.set(paymentIntent, id);
  return {
    id,
    paymentIntent,
    object: {
      id,
      object: "checkout.session",
      mode: "payment",
      status: "complete",
      payment_status: "paid",
      client_reference_id: userId,
      metadata: { userId, productId },
      payment_intent: paymentIntent,
      amount_total: 299,
      currency: "usd",
    },
  };
}

describe("POST /api/credits/checkout with Stripe", () => {
  test("creates a Checkout Session for the user and answers its url; nothing is granted yet", async () => {
    const { browser, userId, email } = await newRegisteredUser(route);
    received.length = 0;
    const key = randomUUID();
    const response = await browser.call(checkout, "/api/credits/checkout", {
      json: { productId: popular },
      headers: {
        "idempotency-key": key,
        "x-forwarded-host": "rendio.example",
        "x-forwarded-proto": "https",
        origin: "https://rendio.example",
      },
    });
    expect(response.status).toBe(200);
    const { url } = await response.json();
    expect(url).toMatch(/^https:\/\/checkout\.stripe\.com\/c\/pay\/cs_test_/);

    expect(received).toHaveLength(1);
    const sent = received[0] as Received;
    expect(sent).toMatchObject({ method: "POST", path: "/v1/checkout/sessions" });
    expect(sent.headers.authorization).toBe("Bearer sk_test_local");
    expect(sent.headers["idempotency-key"]).toBe(`checkout:${userId}:${key}`);
    expect(Object.fromEntries(sent.form)).toMatchObject({
      mode: "payment",
      client_reference_id: userId,
      customer_email: email,
      "metadata[userId]": userId,
      "metadata[productId]": popular,
      "line_items[0][quantity]": "1",
      "line_items[0][price_data][currency]": "usd",
      "line_items[0][price_data][unit_amount]": "299",
      success_url: "https://rendio.example/profile?purchase=success&session_id={CHECKOUT_SESSION_ID}",
      cancel_url: "https://rendio.example/profile?buy=1&purchase=cancelled",
    });
    expect(await creditsOf(route, userId)).toBe(10);
  });

  test("a repeated purchase gets its Checkout page back even at the checkout limit; its key for another pack is 409", async () => {
    const { browser } = await newRegisteredUser(route);
    const buy = (key: string, productId = popular) =>
      browser.call(checkout, "/api/credits/checkout", {
        json: { productId },
        headers: { "idempotency-key": key },
      });
    const first = randomUUID();
    const firstAnswer = await buy(first);
    expect(firstAnswer.status).toBe(200);
    const { url } = await firstAnswer.json();
    for (let i = 1; i < 10; i++) expect((await buy(randomUUID())).status).toBe(200);
    const limited = await buy(randomUUID());
    expect(limited.status).toBe(429);
    expect((await limited.json()).error.code).toBe("rate_limited");

    received.length = 0;
    const replay = await buy(first);
    expect(replay.status).toBe(200);
    expect(await replay.json()).toEqual({ url });
    const otherPack = await buy(first, "c2ed0001-0000-4000-8000-000000000001");
    expect(otherPack.status).toBe(409);
    expect((await otherPack.json()).error.code).toBe("idempotency_conflict");
    expect(received).toHaveLength(0); // Stripe was not asked again
  });

  test("Stripe failing is 503 service_unavailable, not a 500, and grants nothing", async () => {
    const { browser, userId } = await newRegisteredUser(route);
    failNext = 3;
    const response = await browser.call(checkout, "/api/credits/checkout", { json: { productId: popular } });
    expect(response.status).toBe(503);
    expect((await response.json()).error.code).toBe("service_unavailable");
    expect(failNext).toBe(0);
    expect(await creditsOf(route, userId)).toBe(10);
  });

  test("guests are 403 and Stripe is never called; an unknown product is 404", async () => {
    received.length = 0;
    const { browser } = await newGuest();
    const guest = await browser.call(checkout, "/api/credits/checkout", { json: { productId: popular } });
    expect(guest.status).toBe(403);
    const registered = await newRegisteredUser(route);
    const unknown = await registered.browser.call(checkout, "/api/credits/checkout", {
      json: { productId: randomUUID() },
    });
    expect(unknown.status).toBe(404);
    expect((await unknown.json()).error.code).toBe("product_not_found");
    expect(received).toHaveLength(0);
  });
});

describe("POST /api/webhooks/stripe", () => {
  test("a paid checkout.session.completed grants the pack once; a replay grants nothing", async () => {
    const { userId } = await newRegisteredUser(route);
    const session = paidSession(userId);
    const payload = event("checkout.session.completed", session.object);
    const first = await deliver(payload);
    expect(first.status).toBe(200);
    expect(await first.json()).toEqual({ received: true, applied: true, duplicate: false });
    expect(await creditsOf(route, userId)).toBe(60);

    const replay = await deliver(payload);
    expect(replay.status).toBe(200);
    expect(await replay.json()).toEqual({ received: true, applied: false, duplicate: true });
    // The same session in another event (Stripe may send async_payment_succeeded too) grants nothing either.
    await deliver(event("checkout.session.async_payment_succeeded", session.object));
    expect(await creditsOf(route, userId)).toBe(60);
    expect(await ledgerOf(route, userId)).toEqual([
      { kind: "grant", change: 10 },
      { kind: "purchase", change: 50 },
    ]);
  });

  test("an unpaid session grants nothing", async () => {
    const { userId } = await newRegisteredUser(route);
    const session = paidSession(userId);
    const response = await deliver(
      event("checkout.session.completed", { ...session.object, payment_status: "unpaid" }),
    );
    expect(response.status).toBe(200);
    expect(await creditsOf(route, userId)).toBe(10);
  });

  test.each([
    [
      "a forged signature",
      (p: string) => stripe.webhooks.generateTestHeaderString({ payload: p, secret: "whsec_forged" }),
    ],
    ["no signature", () => null],
    ["a garbled signature", () => "t=1,v1=deadbeef"],
    [
      "an old timestamp",
      (p: string) =>
        stripe.webhooks.generateTestHeaderString({
          payload: p,
          secret,
          timestamp: Math.floor(Date.now() / 1000) - 3600,
        }),
    ],
  ])("%s is 400 and changes nothing", async (_, sign) => {
    const { userId } = await newRegisteredUser(route);
    const payload = event("checkout.session.completed", paidSession(userId).object);
    const response = await deliver(payload, sign(payload));
    expect(response.status).toBe(400);
    expect((await response.json()).error.code).toBe("validation_failed");
    expect(await creditsOf(route, userId)).toBe(10);
    const events = await route.db.query("select 1 from public.webhook_events where event_id = $1", [
      JSON.parse(payload).id,
    ]);
    expect(events.rows).toHaveLength(0);
  });

  test("a body changed after signing is 400", async () => {
    const { userId } = await newRegisteredUser(route);
    const payload = event("checkout.session.completed", paidSession(userId).object);
    const signature = stripe.webhooks.generateTestHeaderString({ payload, secret });
    const tampered = payload.replace('"paid"', '"paid" ');
    expect((await deliver(tampered, signature)).status).toBe(400);
    expect(await creditsOf(route, userId)).toBe(10);
  });

  test("charge.refunded takes the pack back once; never below 0", async () => {
    const { userId } = await newRegisteredUser(route);
    const session = paidSession(userId);
    await deliver(event("checkout.session.completed", session.object));
    expect(await creditsOf(route, userId)).toBe(60);
    // The person spent most of it before the refund: the balance goes to 0, not below.
    await route.db.query("update public.users set credits = 5 where id = $1", [userId]);
    await route.db.query(
      "insert into public.credit_ledger (user_id, kind, change, balance_after) values ($1, 'admin', -55, 5)",
      [userId],
    );
    const charge = {
      id: `ch_${randomUUID().slice(0, 8)}`,
      object: "charge",
      payment_intent: session.paymentIntent,
      refunded: true,
    };
    const refund = event("charge.refunded", charge);
    const response = await deliver(refund);
    expect(response.status).toBe(200);
    expect(await response.json()).toMatchObject({ applied: true });
    expect(await creditsOf(route, userId)).toBe(0);
    // Replayed, or followed by a dispute on the same payment: nothing more to take.
    await deliver(refund);
    await deliver(
      event("charge.dispute.created", {
        id: "dp_1",
        object: "dispute",
        charge: charge.id,
        payment_intent: session.paymentIntent,
      }),
    );
    expect(await creditsOf(route, userId)).toBe(0);
    expect(
      received.some((r) => r.method === "GET" && r.query.get("payment_intent") === session.paymentIntent),
    ).toBe(true);
  });

  test("a refund while Stripe is unreachable is 503 (Stripe retries) and takes nothing yet", async () => {
    const { userId } = await newRegisteredUser(route);
    const session = paidSession(userId);
    await deliver(event("checkout.session.completed", session.object));
    const refund = event("charge.refunded", {
      id: "ch_retry",
      object: "charge",
      payment_intent: session.paymentIntent,
    });
    failNext = 3;
    expect((await deliver(refund)).status).toBe(503);
    expect(await creditsOf(route, userId)).toBe(60);
    expect((await deliver(refund)).status).toBe(200);
    expect(await creditsOf(route, userId)).toBe(10);
  });

  test("charge.dispute.created takes the pack back", async () => {
    const { userId } = await newRegisteredUser(route);
    const session = paidSession(userId);
    await deliver(event("checkout.session.completed", session.object));
    const dispute = {
      id: `dp_${randomUUID().slice(0, 8)}`,
      object: "dispute",
      charge: "ch_x",
      payment_intent: session.paymentIntent,
    };
    expect((await deliver(event("charge.dispute.created", dispute))).status).toBe(200);
    expect(await creditsOf(route, userId)).toBe(10);
    expect((await ledgerOf(route, userId)).at(-1)).toEqual({ kind: "chargeback", change: -50 });
  });

  test("unknown event types and refunds of payments that are not ours are acknowledged and ignored", async () => {
    const { userId } = await newRegisteredUser(route);
    const ignored = await deliver(event("customer.created", { id: "cus_1", object: "customer" }));
    expect(ignored.status).toBe(200);
    expect(await ignored.json()).toMatchObject({ applied: false });
    const foreign = await deliver(
      event("charge.refunded", { id: "ch_2", object: "charge", payment_intent: "pi_unknown" }),
    );
    expect(foreign.status).toBe(200);
    expect(await creditsOf(route, userId)).toBe(10);
  });
});

describe("POST /api/webhooks/stripe with a valid signature over unexpected content", () => {
  const deep = `{"id":"evt_deep","type":"customer.created","data":{"object":${"[".repeat(50_000)}${"]".repeat(50_000)}}}`;
  test.each([
    ["a checkout session without fields", event("checkout.session.completed", {})],
    ["a refund without fields", event("charge.refunded", {})],
    ["a dispute without fields", event("charge.dispute.created", {})],
    [
      "a refund whose payment intent is a number",
      event("charge.refunded", { id: "ch_n", payment_intent: 7 }),
    ],
    ["an event without an id", JSON.stringify({ type: "customer.created", data: { object: {} } })],
    ["an event without data", JSON.stringify({ id: "evt_nodata", type: "charge.refunded" })],
    [
      "an event whose data.object is a string",
      JSON.stringify({ id: "evt_s", type: "x", data: { object: "s" } }),
    ],
    ["an event whose id is an object", JSON.stringify({ id: {}, type: "x", data: { object: {} } })],
    ["an array", "[]"],
    ["null", "null"],
    ["a string", JSON.stringify("evt")],
    ["a number", "42"],
    ["a deeply nested object", deep],
  ])("%s is 400 validation_failed and records nothing", async (_, payload) => {
    const before = await route.db.query("select count(*)::int as n from public.webhook_events");
    const response = await deliver(payload);
    expect(response.status).toBe(400);
    expect((await response.json()).error.code).toBe("validation_failed");
    expect(await route.db.query("select count(*)::int as n from public.webhook_events")).toEqual(before);
  });

  test("an ignored event type with deeply nested content is acknowledged", async () => {
    const nested = `{"id":"evt_nested_ok","type":"customer.updated","data":{"object":{"a":${"[".repeat(50_000)}${"]".repeat(50_000)}}}}`;
    const response = await deliver(nested);
    expect(response.status).toBe(200);
    expect(await response.json()).toEqual({ received: true, applied: false, duplicate: false });
  });

  test("a signature timestamp beyond the tolerance in the future is 400 and grants nothing", async () => {
    const { userId } = await newRegisteredUser(route);
    const payload = event("checkout.session.completed", paidSession(userId).object);
    const signature = stripe.webhooks.generateTestHeaderString({
      payload,
      secret,
      timestamp: Math.floor(Date.now() / 1000) + 3600,
    });
    const response = await deliver(payload, signature);
    expect(response.status).toBe(400);
    expect((await response.json()).error).toMatchObject({
      code: "validation_failed",
      field: "stripe-signature",
    });
    expect(await creditsOf(route, userId)).toBe(10);
  });

  test("a timestamp a little in the future (clock skew within the tolerance) is accepted", async () => {
    const { userId } = await newRegisteredUser(route);
    const payload = event("checkout.session.completed", paidSession(userId).object);
    const signature = stripe.webhooks.generateTestHeaderString({
      payload,
      secret,
      timestamp: Math.floor(Date.now() / 1000) + 60,
    });
    expect((await deliver(payload, signature)).status).toBe(200);
    expect(await creditsOf(route, userId)).toBe(60);
  });
});
