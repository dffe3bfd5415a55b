import { expect, test } from "@playwright/test";
import en from "../messages/en.json" with { type: "json" };
import { playResultVideo } from "./support/video";

/**
 * The whole first-time journey as a person takes it, with no shortcut through the API: the welcome,
 * Start creating, a model picked from the grid, a prompt, Generate, the progress, the video
 * playing, and the badge on Home showing the balance less the cost the form displayed.
 */

const PROMPT = "A lighthouse in a storm at night, waves breaking over the rocks, cinematic";

test("new visitor → welcome → guest → model → generate → the video plays → balance less the cost", async ({
  page,
}) => {
  test.setTimeout(120_000);
  await page.goto("/");
  await page.getByRole("button", { name: en.onboarding.start }).click();
  const badge = page.getByRole("link", { name: /^Balance: \d+ credits?\. Get more credits$/ });
  await expect(badge).toHaveText("10");

  await page
    .getByRole("region", { name: en.home.allModels })
    .getByRole("link", { name: /LTX-2 Fast/ })
    .click();
  await page.waitForURL(/\/create\/ltx-2-fast$/);
  await page.getByLabel(en.create.prompt.label).fill(PROMPT);
  const cost = Number((await page.getByTestId("cost").textContent())?.match(/\d+/)?.[0]);
  expect(cost).toBeGreaterThan(0);

  await page.getByRole("button", { name: new RegExp(en.create.generate.button) }).click();
  await page.waitForURL(/\/jobs\/[0-9a-f-]{36}$/);
  await expect(page.getByTestId("result-title")).toHaveText(en.result.status.completedTitle, {
    timeout: 60_000,
  });

  expect((await playResultVideo(page)).duration).toBeGreaterThan(0);

  await page.goto("/");
  await expect(badge).toHaveText(String(10 - cost));
});
