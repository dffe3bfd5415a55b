import { randomUUID } from "node:crypto";
import { afterAll, beforeAll, describe, expect, test } from "vitest";
import {
  checkoutResponseSchema,
  creditProductsResponseSchema,
  ledgerPageResponseSchema,
} from "@/lib/contracts/account";
import { creditsOf, ledgerOf, newGuest, newRegisteredUser } from "@/scripts/test-support/people";
import { openRouteDatabase, type RouteDb, type TestBrowser } from "@/scripts/test-support/routes";
import { POST as checkout } from "./checkout/route";
import { GET as ledger } from "./ledger/route";
import { GET as products } from "./products/route";

let route: RouteDb;
const popular = "c2ed0003-0000-4000-8000-000000000003";

beforeAll(async () => {
  route = await openRouteDatabase();
});
afterAll(() => route.close());

function buy(browser: TestBrowser, productId: unknown, key: string | null = randomUUID()) {
  return browser.call(checkout, "/api/credits/checkout", {
    json: { productId },
    headers: key ? { "idempotency-key": key } : {},
  });
}

describe("GET /api/credits/products", () => {
  test("lists the active packs in order, one popular, labels in the caller's language", async () => {
    const { browser } = await newGuest();
    const response = await browser.call(products, "/api/credits/products", {
      headers: { "accept-language": "tr" },
    });
    expect(response.status).toBe(200);
    const body = creditProductsResponseSchema.parse(await response.json());
    expect(body.products.map((p) => [p.credits, p.priceCents])).toEqual([
      [10, 99],
      [25, 199],
      [50, 299],
      [100, 499],
      [250, 999],
    ]);
    expect(body.products.filter((p) => p.isPopular).map((p) => p.id)).toEqual([popular]);
    expect(body.products[0]?.label).toBe("Denemek için ideal");
  });
});

describe("POST /api/credits/checkout without Stripe (test purchase)", () => {
  test("grants the pack at once and writes a purchase ledger row", async () => {
    const { browser, userId } = await newRegisteredUser(route);
    const response = await buy(browser, popular);
    expect(response.status).toBe(200);
    expect(checkoutResponseSchema.parse(await response.json())).toEqual({ credits: 60, test: true });
    expect(await creditsOf(route, userId)).toBe(60);
    expect(await ledgerOf(route, userId)).toEqual([
      { kind: "grant", change: 10 },
      { kind: "purchase", change: 50 },
    ]);
  });

  test("a double submit with the same Idempotency-Key grants once", async () => {
    const { browser, userId } = await newRegisteredUser(route);
    const key = randomUUID();
    const answers = await Promise.all([buy(browser, popular, key), buy(browser, popular, key)]);
    for (const answer of answers) expect(answer.status).toBe(200);
    const again = await buy(browser, popular, key);
    expect(await again.json()).toEqual({ credits: 60, test: true });
    expect(await creditsOf(route, userId)).toBe(60);
    expect((await ledgerOf(route, userId)).filter((r) => r.kind === "purchase")).toHaveLength(1);
    // Another key is another purchase.
    await buy(browser, popular);
    expect(await creditsOf(route, userId)).toBe(110);
  });

  const refused: [string, (b: TestBrowser) => Promise<Response>, number, string][] = [
    ["an unknown product", (b) => buy(b, randomUUID()), 404, "product_not_found"],
    ["a product id that is not a UUID", (b) => buy(b, "pack-50"), 400, "validation_failed"],
    ["no Idempotency-Key", (b) => buy(b, popular, null), 400, "idempotency_key_required"],
    ["a malformed Idempotency-Key", (b) => buy(b, popular, "twice"), 400, "idempotency_key_required"],
    [
      "another origin",
      (b) =>
        b.call(checkout, "/api/credits/checkout", {
          json: { productId: popular },
          headers: { "idempotency-key": randomUUID(), origin: "https://evil.example" },
        }),
      403,
      "forbidden",
    ],
  ];
  test.each(refused)("%s is refused (%i %s) and grants nothing", async (_, send, status, code) => {
    const { browser, userId } = await newRegisteredUser(route);
    const response = await send(browser);
    expect(response.status).toBe(status);
    expect((await response.json()).error.code).toBe(code);
    expect(await creditsOf(route, userId)).toBe(10);
  });

  test("a guest is 403 forbidden and gets nothing; no session is 401", async () => {
    const { browser, userId } = await newGuest();
    const response = await buy(browser, popular);
    expect(response.status).toBe(403);
    expect((await response.json()).error.code).toBe("forbidden");
    expect(await creditsOf(route, userId)).toBe(10);
    browser.cookies.clear();
    expect((await buy(browser, popular)).status).toBe(401);
  });

  test("is rate limited per user with Retry-After", async () => {
    const { browser, userId } = await newRegisteredUser(route);
    const statuses: number[] = [];
    for (let i = 0; i < 11; i++)
      statuses.push((await buy(browser, "c2ed0001-0000-4000-8000-000000000001")).status);
    expect(statuses.slice(0, 10)).toEqual(Array(10).fill(200));
    const limited = await buy(browser, "c2ed0001-0000-4000-8000-000000000001");
    expect(limited.status).toBe(429);
    expect(Number(limited.headers.get("retry-after"))).toBeGreaterThan(0);
    expect(await creditsOf(route, userId)).toBe(110);
  });
});

describe("GET /api/credits/ledger", () => {
  test("pages newest first with the reason and balance after each change", async () => {
    const { browser, userId } = await newRegisteredUser(route);
    for (let i = 0; i < 4; i++) await buy(browser, "c2ed0001-0000-4000-8000-000000000001");
    const first = ledgerPageResponseSchema.parse(
      await (await browser.call(ledger, "/api/credits/ledger?limit=3")).json(),
    );
    expect(first.entries.map((e) => [e.reason, e.change, e.balanceAfter])).toEqual([
      ["purchase", 10, 50],
      ["purchase", 10, 40],
      ["purchase", 10, 30],
    ]);
    expect(first.nextCursor).toEqual(expect.any(String));
    const second = ledgerPageResponseSchema.parse(
      await (await browser.call(ledger, `/api/credits/ledger?limit=3&cursor=${first.nextCursor}`)).json(),
    );
    expect(second.entries.map((e) => [e.reason, e.change, e.balanceAfter])).toEqual([
      ["purchase", 10, 20],
      ["grant", 10, 10],
    ]);
    expect(second.nextCursor).toBeNull();
    // Another user's ledger never shows.
    const other = await newGuest();
    const theirs = ledgerPageResponseSchema.parse(
      await (await other.browser.call(ledger, "/api/credits/ledger")).json(),
    );
    expect(theirs.entries).toHaveLength(1);
    expect(await creditsOf(route, userId)).toBe(50);
  });

  test.each([
    ["limit=0", "limit"],
    ["limit=101", "limit"],
    ["limit=abc", "limit"],
    ["cursor=abc", "cursor"],
    ["cursor=-1", "cursor"],
    ["cursor=99999999999999999999", "cursor"],
  ])("%s is 400 with the field", async (query, field) => {
    const { browser } = await newGuest();
    const response = await browser.call(ledger, `/api/credits/ledger?${query}`);
    expect(response.status).toBe(400);
    expect(await response.json()).toMatchObject({ error: { code: "validation_failed", field } });
  });

  test("without a session is 401", async () => {
    const { browser } = await newGuest();
    browser.cookies.clear();
    expect((await browser.call(ledger, "/api/credits/ledger")).status).toBe(401);
  });
});
