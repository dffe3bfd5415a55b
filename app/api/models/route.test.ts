import { gunzipSync } from "node:zlib";
import { afterAll, beforeAll, expect, test, vi } from "vitest";
import { catalogResponseSchema, modelResponseSchema } from "@/lib/contracts/api";
import type { VideoSettings } from "@/lib/contracts/catalog";
import { previewRenderSeconds } from "@/lib/contracts/preview";
import { resolveSettings } from "@/lib/contracts/pricing";
import { answerCatalogFirst, CATALOG_FIRST, registerCatalogFirst } from "@/lib/server/catalog-http";
import { CATALOG_FRESH_MS, CATALOG_MAX_STALE_MS, refreshCatalog } from "@/lib/server/services/catalog";
import {
  eventually,
  newGuest,
  openRouteDatabase,
  type RouteDb,
  TestBrowser,
} from "@/scripts/test-support/routes";
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

test("a strong ETag per language; If-None-Match with it is a 304 without a body, with the same caching", async () => {
  const browser = new TestBrowser();
  const en = await browser.call(getModels, "/api/models?locale=en");
  const etag = en.headers.get("etag") as string;
  expect(etag).toMatch(/^"[A-Za-z0-9_-]{20,}"$/);
  expect(en.headers.get("vary")).toBe("Accept-Language, Cookie");
  expect(en.headers.get("cache-control")).toBe("public, max-age=60, stale-while-revalidate=3600");
  expect(en.headers.get("content-type")).toBe("application/json");
  await en.arrayBuffer();

  for (const ifNoneMatch of [etag, `W/${etag}`, `"other", ${etag}`, "*"]) {
    const again = await browser.call(getModels, "/api/models?locale=en", {
      headers: { "if-none-match": ifNoneMatch },
    });
    expect(again.status, ifNoneMatch).toBe(304);
    expect(await again.text()).toBe("");
    expect(again.headers.get("etag")).toBe(etag);
    expect(again.headers.get("cache-control")).toBe(en.headers.get("cache-control"));
    expect(again.headers.get("vary")).toBe(en.headers.get("vary"));
  }
  // The same ETag from another language is not a match: that language's catalog is sent.
  const tr = await browser.call(getModels, "/api/models", {
    headers: { "accept-language": "tr", "if-none-match": etag },
  });
  expect(tr.status).toBe(200);
  expect(tr.headers.get("etag")).not.toBe(etag);
  expect(catalogResponseSchema.parse(await tr.json()).models.length).toBeGreaterThanOrEqual(6);
  const stale = await browser.call(getModels, "/api/models?locale=en", {
    headers: { "if-none-match": '"old"' },
  });
  expect(stale.status).toBe(200);
});

test("GET /api/models/:id: the same ETag by slug or id, 304 when it matches; an unknown model is still 404", async () => {
  const browser = new TestBrowser();
  const bySlug = await browser.call(getModel, "/api/models/ltx-2-fast", { params: { id: "ltx-2-fast" } });
  const { model } = modelResponseSchema.parse(await bySlug.json());
  const etag = bySlug.headers.get("etag") as string;
  expect(etag).toMatch(/^".+"$/);
  const byId = await browser.call(getModel, `/api/models/${model.id}`, {
    params: { id: model.id.toUpperCase() },
    headers: { "if-none-match": etag },
  });
  expect(byId.status).toBe(304);
  expect(byId.headers.get("etag")).toBe(etag);
  const other = await browser.call(getModel, "/api/models/veo-3-1-fast", {
    params: { id: "veo-3-1-fast" },
    headers: { "if-none-match": etag },
  });
  expect(other.status).toBe(200);
  const missing = await browser.call(getModel, "/api/models/no-such-model", {
    params: { id: "no-such-model" },
    headers: { "if-none-match": "*" },
  });
  expect(missing.status).toBe(404);
  expect(missing.headers.get("etag")).toBeNull();
  expect(missing.headers.get("cache-control")).toBe("no-store");
});

test("nothing in the catalog is per person: a signed-in guest gets the same bytes as a stranger", async () => {
  const stranger = await new TestBrowser().call(getModels, "/api/models?locale=es");
  const { browser } = await newGuest();
  const guest = await browser.call(getModels, "/api/models?locale=es");
  expect(guest.headers.get("etag")).toBe(stranger.headers.get("etag"));
  expect(guest.headers.get("set-cookie")).toBeNull();
  expect(await guest.text()).toBe(await stranger.text());
});

test("served from memory: fresh for a minute, then refreshed in the background; refreshCatalog reads it now", async () => {
  const browser = new TestBrowser();
  const read = async () => {
    const response = await browser.call(getModels, "/api/models?locale=en");
    const { models } = catalogResponseSchema.parse(await response.json());
    return {
      etag: response.headers.get("etag"),
      description: models.find((m) => m.slug === "ltx-2-fast")?.description,
    };
  };
  const setDescription = (text: string) =>
    route.db.query(
      "update public.models set description = jsonb_set(description, '{en}', to_jsonb($1::text)) where slug = 'ltx-2-fast'",
      [text],
    );
  const [{ original }] = (
    await route.db.query<{ original: string }>(
      "select description ->> 'en' as original from public.models where slug = 'ltx-2-fast'",
    )
  ).rows as [{ original: string }];
  await refreshCatalog();
  const first = await read();
  expect(first.description).toBe(original);
  vi.useFakeTimers({ toFake: ["Date"], now: Date.now() });
  try {
    await setDescription("Changed once");
    vi.setSystemTime(Date.now() + CATALOG_FRESH_MS - 1_000);
    expect(await read()).toEqual(first); // still fresh: the database is not asked

    vi.setSystemTime(Date.now() + 2_000);
    expect(await read()).toEqual(first); // stale: answered at once from memory while it reloads
    const reloaded = await eventually(async () => {
      const now = await read();
      return now.description === "Changed once" ? now : undefined;
    });
    expect(reloaded.etag).not.toBe(first.etag);

    await setDescription("Changed on demand");
    expect((await read()).description).toBe("Changed once");
    await refreshCatalog();
    expect((await read()).description).toBe("Changed on demand");

    // Too old to serve while reloading (an instance idle for over an hour): the read waits.
    await setDescription("Changed while idle");
    vi.setSystemTime(Date.now() + CATALOG_MAX_STALE_MS + 1_000);
    expect((await read()).description).toBe("Changed while idle");
  } finally {
    vi.useRealTimers();
    await setDescription(original);
    await refreshCatalog();
  }
  expect(await read()).toEqual(first);
});

/** The answer's headers by lower-case name, each name's values in order. */
function headerValues(list: string[]): Record<string, string[]> {
  const byName: Record<string, string[]> = {};
  for (let i = 0; i < list.length; i += 2) {
    const name = (list[i] as string).toLowerCase();
    byName[name] = [...(byName[name] ?? []), list[i + 1] as string];
  }
  return byName;
}

test("the answer from memory scripts/serve.mjs sends is the route handler's: status, bytes, ETag, caching, language", async () => {
  const browser = new TestBrowser();
  const en = await browser.call(getModels, "/api/models?locale=en");
  const enTag = en.headers.get("etag") as string;
  const ltx = modelResponseSchema.parse(
    await (await browser.call(getModel, "/api/models/ltx-2-fast", { params: { id: "ltx-2-fast" } })).json(),
  ).model;
  const gzip = { "accept-encoding": "gzip, deflate, br, zstd" };
  const cases: { url: string; id?: string; headers: Record<string, string> }[] = [
    { url: "/api/models", headers: {} },
    { url: "/api/models?locale=es", headers: { "accept-encoding": "gzip" } },
    { url: "/api/models", headers: { "accept-language": "de, tr;q=0.8, es;q=0.5", ...gzip } },
    { url: "/api/models", headers: { cookie: "a=b; NEXT_LOCALE=es", "accept-language": "tr" } },
    { url: "/api/models?locale=xx", headers: { cookie: "NEXT_LOCALE=es; NEXT_LOCALE=tr" } },
    { url: "/api/models?locale=tr", headers: { cookie: "NEXT_LOCALE=es", "accept-encoding": "br" } },
    { url: "/api/models", headers: { "if-none-match": enTag } },
    { url: "/api/models", headers: { "if-none-match": `"other", W/${enTag}`, ...gzip } },
    { url: "/api/models", headers: { "if-none-match": enTag, "accept-language": "es" } },
    { url: "/api/models/ltx-2-fast?locale=tr", id: "ltx-2-fast", headers: gzip },
    {
      url: `/api/models/${ltx.id.toUpperCase()}`,
      id: ltx.id.toUpperCase(),
      headers: { cookie: "NEXT_LOCALE=es" },
    },
    { url: "/api/models/ltx-2-fast", id: "ltx-2-fast", headers: { "if-none-match": "*" } },
  ];
  for (const { url, id, headers } of cases) {
    const label = `${url} ${JSON.stringify(headers)}`;
    const route = id
      ? await browser.call(getModel, url, { params: { id }, headers })
      : await browser.call(getModels, url, { headers });
    const sent = Buffer.from(await route.arrayBuffer());
    const fast = await answerCatalogFirst("GET", url, headers);
    if (!fast) throw new Error(`no answer from memory for ${label}`);
    expect(fast.status, label).toBe(route.status);
    const fastHeaders = headerValues(fast.headers);
    for (const name of ["cache-control", "content-type", "etag"]) {
      expect(fastHeaders[name]?.join(", ") ?? null, `${name} of ${label}`).toBe(route.headers.get(name));
    }
    // Next puts its own Vary before the route's, and compression adds Accept-Encoding to JSON.
    expect(fastHeaders.vary?.join(", "), label).toContain(route.headers.get("vary"));
    const gzipped = fastHeaders["content-encoding"]?.[0] === "gzip";
    expect(gzipped, label).toBe(route.status === 200 && /gzip/.test(headers["accept-encoding"] ?? ""));
    const body = fast.body ?? Buffer.alloc(0);
    expect(gzipped ? gunzipSync(body) : body, label).toEqual(sent);

    const head = await answerCatalogFirst("HEAD", url, headers);
    expect(head?.status, `HEAD ${label}`).toBe(route.status);
    expect(head?.body, `HEAD ${label}`).toBeUndefined();
    expect(headerValues(head?.headers ?? []).etag, `HEAD ${label}`).toEqual(fastHeaders.etag);
  }
});

test("what the answer from memory leaves to Next: other paths and methods, unknown models, router requests, rare encodings", async () => {
  const declined: [string, string, Record<string, string>][] = [
    ["POST", "/api/models", {}],
    ["OPTIONS", "/api/models", {}],
    ["GET", "/api/models/", {}],
    ["GET", "/api/models/no-such-model", {}],
    ["GET", "/api/models/LTX-2-FAST", {}],
    ["GET", "/api/models/ltx%2D2-fast", {}],
    ["GET", "/api/models/ltx-2-fast/x", {}],
    ["GET", "/api/modelsx", {}],
    ["GET", "/api/models?locale=es#x", {}],
    ["GET", "/api/models?_rsc=1", {}],
    ["GET", "/api/models", { rsc: "1" }],
    ["GET", "/api/models", { "next-router-prefetch": "1" }],
    ["GET", "/api/models", { "x-middleware-prefetch": "1" }],
    ["GET", "/api/models", { "accept-encoding": "gzip;q=0" }],
    ["GET", "/api/models", { "accept-encoding": "identity, gzip" }],
    ["GET", "/api/models", { "accept-encoding": "*" }],
    ["GET", "/api/models", { "accept-encoding": "deflate" }],
  ];
  for (const [method, url, headers] of declined) {
    expect(
      await answerCatalogFirst(method, url, headers),
      `${method} ${url} ${JSON.stringify(headers)}`,
    ).toBe(undefined);
  }
  registerCatalogFirst();
  expect((globalThis as { [CATALOG_FIRST]?: unknown })[CATALOG_FIRST]).toBe(answerCatalogFirst);
});
