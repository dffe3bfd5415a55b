import "server-only";
import { getTranslations } from "next-intl/server";
import type { CatalogModel } from "@/lib/contracts/api";
import { MAX_PROMPT_LENGTH } from "@/lib/contracts/limits";
import { priceCredits } from "@/lib/contracts/pricing";
import type { Me } from "@/lib/contracts/user";
import { promptLength } from "./prompt";
import { priceableSettings } from "./settings";

/**
 * Numbers in words as the server writes them, for what the form shows as it opens: the islands use
 * these and format on the device only numbers the server could not foresee (a balance changed
 * since, a longer prompt), so hydrating makes no number or plural formatter (slow on a phone).
 */
export type CreateWords = {
  /** "N credits" for every price of the model, the balance read and each price's shortfall from it. */
  credits: Record<number, string>;
  /** Each duration on offer, e.g. "6 s". */
  seconds: Record<number, string>;
  /** The prompt counter for the prompt the form opens with. */
  counter: { length: number; shown: string; spoken: string };
};

export async function createWords(model: CatalogModel, me: Me | null, prompt: string): Promise<CreateWords> {
  const t = await getTranslations();
  const prices = priceableSettings(model.inputs, model.inputs.defaultAspectRatio).map(
    (settings) => priceCredits(model.pricing, settings) ?? model.minCredits,
  );
  const counts = new Set([model.minCredits, ...prices]);
  if (me) {
    counts.add(me.credits);
    for (const price of prices) if (price > me.credits) counts.add(price - me.credits);
  }
  const length = promptLength(prompt);
  return {
    credits: Object.fromEntries([...counts].map((count) => [count, t("credits.count", { count })])),
    seconds: Object.fromEntries(
      model.inputs.durations.map((seconds) => [seconds, t("create.settings.seconds", { seconds })]),
    ),
    counter: {
      length,
      shown: t("create.prompt.counterShown", { count: length, max: MAX_PROMPT_LENGTH }),
      spoken: t("create.prompt.counter", { count: length, max: MAX_PROMPT_LENGTH }),
    },
  };
}
