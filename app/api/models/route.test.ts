import { afterAll, beforeAll, expect, test } from "vitest";
import { catalogResponseSchema, modelResponseSchema } from "@/lib/contracts/api";
import type { VideoSettings } from "@/lib/contracts/catalog";
import { previewRenderSeconds } from "@/lib/contracts/preview";
import { resolveSettings } from "@/lib/contracts/pricing";
import { openRouteDatabase, type RouteDb, TestBrowser } from "@/scripts/test-support/routes";
import { GET as getModel } from "./[id]/route";
import { GET as getModels } from "./route";

let route: RouteDb;
beforeAll(async () => {
  route = await openRouteDatabase();
});
afterAll(() => route.close());

test("GET /api/models: available models featured first, each with its cheapest price, cacheable", async () => {
  const response = await new TestBrowser().call(getModels, "/api/models");
  expect(response.status).toBe(200);
  expect(response.headers.get("cache-control")).toMatch(/stale-while-revalidate/);
  const { models, themes } = catalogResponseSchema.parse(await response.json());
  expect(models.length).toBeGreaterThanOrEqual(6);
  expect(themes.length).toBeGreaterThanOrEqual(5);
  const ltx = models.find((m) => m.slug === "ltx-2-fast");
  expect(ltx?.minCredits).toBe(3);
});

test("minCredits is what the database charges for the cheapest allowed settings of every model", async () => {
  const { models } = catalogResponseSchema.parse(
    await (await new TestBrowser().call(getModels, "/api/models")).json(),
  );
  const bySlug = Object.fromEntries(models.map((m) => [m.slug, m.minCredits]));
  // Veo 3.1 Fast: 4 s without sound (12 at its defaults); Wan 2.5: 5 s at 480p (5 at its defaults).
  expect(bySlug["veo-3-1-fast"]).toBe(4);
  expect(bySlug["wan-2-5-image-to-video"]).toBe(3);
  for (const model of models) {
    const audio = model.inputs.audio === "optional" ? [false, true] : [model.inputs.audio === "always"];
    const charged: number[] = [];
    for (const durationSeconds of model.inputs.durations)
      for (const resolution of model.inputs.resolutions)
        for (const sound of audio) {
          const settings = JSON.stringify({ durationSeconds, resolution, audio: sound });
          const { rows } = await route.db.query<{ credits: number }>(
            "select internal.price(m, $2::jsonb) as credits from public.models m where m.id = $1",
            [model.id, settings],
          );
          charged.push(rows[0]?.credits ?? Number.NaN);
        }
    expect(model.minCredits, model.slug).toBe(Math.min(...charged));
  }
  const one = await new TestBrowser().call(getModel, "/api/models/veo-3-1-fast", {
    params: { id: "veo-3-1-fast" },
  });
  expect(modelResponseSchema.parse(await one.json()).model.minCredits).toBe(4);
});

test("typicalSeconds is the provider in use's: the local preview renderer's own time, not fal's", async () => {
  const { models } = catalogResponseSchema.parse(
    await (await new TestBrowser().call(getModels, "/api/models")).json(),
  );
  // These tests run the local renderer (no FAL_KEY); the catalog's figures (40 s to 150 s) are fal's.
  for (const model of models) {
    const defaults = resolveSettings(model.inputs, {});
    expect(defaults, model.slug).toBeDefined();
    expect(model.typicalSeconds, model.slug).toBe(previewRenderSeconds(defaults as VideoSettings));
    expect(model.typicalSeconds, model.slug).toBeLessThan(40);
  }
});

test("the language comes from ?locale=, else the request", async () => {
  const browser = new TestBrowser();
  const en = catalogResponseSchema.parse(
    await (await browser.call(getModels, "/api/models?locale=en")).json(),
  );
  const tr = catalogResponseSchema.parse(
    await (await browser.call(getModels, "/api/models", { headers: { "accept-language": "tr" } })).json(),
  );
  expect(tr.models[0]?.description).not.toBe(en.models[0]?.description);
});

test("GET /api/models/:id by slug or id; unknown is 404 model_not_found", async () => {
  const browser = new TestBrowser();
  const bySlug = await browser.call(getModel, "/api/models/sora-2-image-to-video", {
    params: { id: "sora-2-image-to-video" },
  });
  const { model } = modelResponseSchema.parse(await bySlug.json());
  const byId = await browser.call(getModel, `/api/models/${model.id}`, { params: { id: model.id } });
  expect(modelResponseSchema.parse(await byId.json()).model.slug).toBe("sora-2-image-to-video");
  for (const id of ["no-such-model", crypto.randomUUID(), "x".repeat(500)]) {
    const missing = await browser.call(getModel, `/api/models/${id}`, { params: { id } });
    expect(missing.status).toBe(404);
    expect((await missing.json()).error.code).toBe("model_not_found");
  }
});
