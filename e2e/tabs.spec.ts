import { type BrowserContext, expect, type Page, test } from "@playwright/test";
import en from "../messages/en.json" with { type: "json" };
import { seededPerson } from "../scripts/test-support/e2e/seeded";

/**
 * Issue #11 item 5, one balance everywhere: two tabs of the same browser. What one tab does —
 * spend credits, delete a video — shows in the other without a reload and without touching it
 * (no click, no focus, so SWR's own revalidation on focus cannot be what updates it). Once over
 * BroadcastChannel, once over the `storage` event that browsers without it fall back to.
 */

const MODEL = "ltx-2-fast";
test.describe.configure({ timeout: 150_000 });

let address = 0;
test.beforeEach(async ({ context }, info) => {
  address += 1;
  const project = info.project.name === "chromium-mobile" ? 2 : 1;
  await context.setExtraHTTPHeaders({ "x-forwarded-for": `10.61.${project}.${address}` });
});

const badge = (page: Page) => page.getByRole("link", { name: /^Balance: / });
const generate = (page: Page) => page.getByRole("button", { name: new RegExp(en.create.generate.button) });

async function openCreate(page: Page) {
  await page.goto(`/create/${MODEL}`);
  await expect(page.getByLabel(en.create.prompt.label)).toBeEditable();
}

/** Generates from the create form, as a person would; back on the form afterwards. */
async function generateIn(page: Page, prompt: string): Promise<string> {
  await openCreate(page);
  await page.getByLabel(en.create.prompt.label).fill(prompt);
  await generate(page).click();
  await page.waitForURL(/\/jobs\/[0-9a-f-]{36}$/);
  return new URL(page.url()).pathname.split("/").pop() as string;
}

async function balanceOf(page: Page): Promise<number> {
  return (await (await page.request.get("/api/me")).json()).credits;
}

async function costShown(page: Page): Promise<number> {
  return Number((await page.getByTestId("cost").textContent())?.match(/\d+/)?.[0]);
}

/**
 * Two tabs of a guest who has finished videos (seeded: scripts/test-support/e2e/seeded.ts); the newest
 * one's prompt.
 */
async function twoTabs(context: BrowserContext, baseURL: string | undefined): Promise<[Page, Page, string]> {
  const person = await seededPerson(context, baseURL);
  return [await context.newPage(), await context.newPage(), person.jobs[0]?.prompt as string];
}

/** Spends in tab A until the model no longer fits the balance; tab B follows, untouched. */
async function spendInAWatchB(a: Page, b: Page): Promise<void> {
  await openCreate(b);
  // Typed before A does anything: B is not touched again after this.
  await b.getByLabel(en.create.prompt.label).fill("A kite over the dunes");
  const cost = await costShown(b);
  const start = await balanceOf(b);
  await expect(badge(b)).toHaveAccessibleName(new RegExp(`^Balance: ${start} credits?\\.`));
  await expect(generate(b)).not.toHaveAttribute("aria-disabled", "true");
  expect(start).toBeGreaterThanOrEqual(cost);

  let balance = start;
  for (let round = 1; balance >= cost; round++) {
    await generateIn(a, `A paper lantern drifting, take ${round}`);
    balance -= cost;
    await expect(badge(b)).toHaveAccessibleName(new RegExp(`^Balance: ${balance} credits?\\.`));
  }
  // The balance no longer covers any setting of this model: B's Generate says so, still without
  // a reload.
  await expect(generate(b)).toHaveAttribute("aria-disabled", "true");
  await expect(b.getByText(en.create.generate.reasonNoneAffordable)).toBeVisible();
}

/** Deletes a video in tab A's History; tab B's History drops it. */
async function deleteInAWatchB(a: Page, b: Page, prompt: string) {
  const t = en.history;
  await a.goto("/history");
  await b.goto("/history");
  const inA = a.getByTestId("history-card").filter({ hasText: prompt });
  const inB = b.getByTestId("history-card").filter({ hasText: prompt });
  await expect(inB).toHaveCount(1);
  await inA.getByRole("button", { name: t.actions.delete }).click();
  await a
    .getByRole("dialog", { name: t.confirm.title })
    .getByRole("button", { name: t.confirm.confirm })
    .click();
  await expect(inA).toHaveCount(0);
  await expect(inB).toHaveCount(0);
}

test("spending and deleting in one tab show in the other at once", async ({ context, baseURL }) => {
  const [a, b, finished] = await twoTabs(context, baseURL);
  await spendInAWatchB(a, b);
  await deleteInAWatchB(a, b, finished);
});

test("without BroadcastChannel, the storage event carries the news", async ({ context, baseURL }) => {
  await context.addInitScript(() => {
    // @ts-expect-error: a browser without BroadcastChannel (older Safari).
    delete window.BroadcastChannel;
  });
  const [a, b, finished] = await twoTabs(context, baseURL);
  await spendInAWatchB(a, b);
  expect(await b.evaluate(() => typeof BroadcastChannel)).toBe("undefined");
  await deleteInAWatchB(a, b, finished);
});
