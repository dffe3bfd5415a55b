import { randomUUID } from "node:crypto";
import { afterAll, beforeAll, describe, expect, test, vi } from "vitest";
import { POST as checkout } from "@/app/api/credits/checkout/route";
import { creditsOf, ledgerOf, newGuest, newRegisteredUser } from "@/scripts/test-support/people";
import {
  openRouteDatabase,
  type RouteDb,
  type TestBrowser,
  waitForFreshMinute,
} from "@/scripts/test-support/routes";
import { POST as createJob } from "./route";

/**
 * Idempotent replays come before rate limits: a key that already has an answer gets that answer
 * even at the limit, and a key reused with other content is a conflict, not rate_limited.
 */

const PER_MINUTE = 2;
const popular = "c2ed0003-0000-4000-8000-000000000003";
const smallest = "c2ed0001-0000-4000-8000-000000000001";
let route: RouteDb;
let ltx: string;

beforeAll(async () => {
  vi.stubEnv("GENERATIONS_PER_MINUTE", String(PER_MINUTE));
  route = await openRouteDatabase();
  vi.stubEnv("GENERATIONS_PER_MINUTE", String(PER_MINUTE));
  const rows = await route.db.query<{ id: string }>("select id from public.models where slug = 'ltx-2-fast'");
  ltx = rows.rows[0]?.id as string;
});
afterAll(() => route.close());

const generate = (browser: TestBrowser, key: string, prompt = "A lighthouse in a storm") =>
  browser.call(createJob, "/api/jobs", {
    json: { modelId: ltx, prompt, settings: {} },
    headers: { "idempotency-key": key },
  });

async function jobsOf(userId: string): Promise<number> {
  const rows = await route.db.query<{ n: number }>(
    "select count(*)::int as n from public.video_jobs where user_id = $1",
    [userId],
  );
  return rows.rows[0]?.n ?? -1;
}

describe("POST /api/jobs at the generation limit", () => {
  test("a replayed key answers its first 202; a reused key with another body is 409; a new key is 429", async () => {
    const { browser, userId } = await newGuest();
    await waitForFreshMinute();
    const keys = Array.from({ length: PER_MINUTE }, () => randomUUID());
    const first: unknown[] = [];
    for (const key of keys) {
      const response = await generate(browser, key);
      expect(response.status).toBe(202);
      first.push(await response.json());
    }
    const over = await generate(browser, randomUUID());
    expect(over.status).toBe(429);
    expect((await over.json()).error.code).toBe("rate_limited");
    const balance = await creditsOf(route, userId);

    const replay = await generate(browser, keys[0] as string);
    expect(replay.status).toBe(202);
    const replayed = (await replay.json()) as { job: { id: string }; credits: number };
    const original = first[0] as { job: { id: string }; credits: number };
    expect(replayed.job.id).toBe(original.job.id);
    expect(replayed.credits).toBe(original.credits);

    const conflict = await generate(browser, keys[1] as string, "Something else entirely");
    expect(conflict.status).toBe(409);
    expect((await conflict.json()).error.code).toBe("idempotency_conflict");

    expect(await creditsOf(route, userId)).toBe(balance);
    expect(await jobsOf(userId)).toBe(PER_MINUTE);
  }, 90_000);
});

describe("POST /api/credits/checkout (test purchase) at the checkout limit", () => {
  test("a repeated purchase answers without counting; another pack under the same key is 409", async () => {
    const { browser, userId } = await newRegisteredUser(route);
    const buy = (productId: string, key: string) =>
      browser.call(checkout, "/api/credits/checkout", {
        json: { productId },
        headers: { "idempotency-key": key },
      });
    const firstKey = randomUUID();
    const first = await buy(smallest, firstKey);
    expect(first.status).toBe(200);
    // Fill the window of 10 checkouts per 10 minutes.
    for (let i = 1; i < 10; i++) expect((await buy(smallest, randomUUID())).status).toBe(200);
    expect((await buy(smallest, randomUUID())).status).toBe(429);
    const balance = await creditsOf(route, userId);
    const ledger = await ledgerOf(route, userId);

    const replay = await buy(smallest, firstKey);
    expect(replay.status).toBe(200);
    expect(await replay.json()).toEqual({ credits: balance, test: true });
    const conflict = await buy(popular, firstKey);
    expect(conflict.status).toBe(409);
    expect((await conflict.json()).error.code).toBe("idempotency_conflict");

    expect(await creditsOf(route, userId)).toBe(balance);
    expect(await ledgerOf(route, userId)).toEqual(ledger);
  });
});

describe("POST /api/jobs: refused requests count too", () => {
  test("requests generate_video refuses still count against the limit, so the next one is 429", async () => {
    const { browser, userId } = await newGuest();
    await waitForFreshMinute();
    for (let i = 0; i < PER_MINUTE; i++) {
      const refused = await browser.call(createJob, "/api/jobs", {
        json: { modelId: randomUUID(), prompt: "A lighthouse in a storm", settings: {} },
        headers: { "idempotency-key": randomUUID() },
      });
      expect(refused.status).toBe(404);
    }
    const next = await generate(browser, randomUUID());
    expect(next.status).toBe(429);
    expect(await jobsOf(userId)).toBe(0);
    expect(await creditsOf(route, userId)).toBe(10);
  }, 90_000);

  // Moved here from e2e/generate.spec.ts, whose wait for a fresh minute this was: the form's
  // side of the same answer stays there.
  test("402s for settings a guest cannot afford count too: the next one is 429 rate_limited with Retry-After, nothing charged", async () => {
    const { browser, userId } = await newGuest();
    const veo = await route.db.query<{ id: string }>(
      "select id from public.models where slug = 'veo-3-1-fast'",
    );
    await waitForFreshMinute();
    for (let i = 0; i < PER_MINUTE; i++) {
      const refused = await browser.call(createJob, "/api/jobs", {
        json: { modelId: veo.rows[0]?.id, prompt: `burst ${i}`, settings: {} },
        headers: { "idempotency-key": randomUUID() },
      });
      expect(refused.status).toBe(402);
    }
    const next = await generate(browser, randomUUID());
    expect(next.status).toBe(429);
    const retryAfter = Number(next.headers.get("retry-after"));
    expect(retryAfter).toBeGreaterThan(0);
    expect(retryAfter).toBeLessThanOrEqual(60);
    expect((await next.json()).error.code).toBe("rate_limited");
    expect(await jobsOf(userId)).toBe(0);
    expect(await creditsOf(route, userId)).toBe(10);
  }, 90_000);
});
