import { describe, expect, it } from "vitest";
import { SAVED_COPY_HEADER } from "../contracts/worker-messages";
import { isCacheable, markSavedCopy, mediaCacheKey, type RequestInfo, routeFor, USER_CACHES } from "./routes";

const origin = "https://rendio.test";
const req = (path: string, init: Partial<Omit<RequestInfo, "url">> = {}, base = origin): RequestInfo => ({
  method: "GET",
  mode: "cors",
  ...init,
  url: new URL(path, base),
});

describe("routeFor", () => {
  it("caches page navigations but not API, dev or offline-page navigations", () => {
    expect(routeFor(req("/", { mode: "navigate" }), origin)).toBe("page");
    expect(routeFor(req("/history?x=1", { mode: "navigate" }), origin)).toBe("page");
    expect(routeFor(req("/api/media/videos/a.mp4?exp=1&sig=x", { mode: "navigate" }), origin)).toBeNull();
    expect(routeFor(req("/api/auth/callback?code=1", { mode: "navigate" }), origin)).toBeNull();
    expect(routeFor(req("/dev/outbox", { mode: "navigate" }), origin)).toBeNull();
    expect(routeFor(req("/offline", { mode: "navigate" }), origin)).toBeNull();
  });

  it("serves the catalog and one model from the catalog cache", () => {
    expect(routeFor(req("/api/models?locale=tr"), origin)).toBe("catalog");
    expect(routeFor(req("/api/models/veo-3-1-fast?locale=en"), origin)).toBe("catalog");
    expect(routeFor(req("/api/models/a/b"), origin)).toBeNull();
  });

  it("keeps only the first history page: no cursor, no search", () => {
    expect(routeFor(req("/api/jobs?limit=20"), origin)).toBe("history");
    expect(routeFor(req("/api/jobs"), origin)).toBe("history");
    expect(routeFor(req("/api/jobs?limit=20&cursor=abc"), origin)).toBeNull();
    expect(routeFor(req("/api/jobs?q=cat&limit=20"), origin)).toBeNull();
  });

  it("leaves single jobs, the session, credits, auth, uploads, webhooks and cron to the network", () => {
    for (const path of [
      "/api/jobs/6f1d6c2e-0000-4000-8000-000000000000",
      "/api/me",
      "/api/credits/ledger",
      "/api/credits/products",
      "/api/auth/sign-out",
      "/api/session/guest",
      "/api/uploads",
      "/api/webhooks/stripe",
      "/api/cron/sweep",
      "/api/health",
      "/api/media/videos/u/j.mp4?exp=1&sig=s",
    ]) {
      expect(routeFor(req(path), origin), path).toBeNull();
    }
  });

  it("never matches a mutation, even on a cached route", () => {
    for (const method of ["POST", "PATCH", "PUT", "DELETE"]) {
      expect(routeFor(req("/api/jobs", { method }), origin)).toBeNull();
      expect(routeFor(req("/api/models", { method }), origin)).toBeNull();
      expect(routeFor(req("/", { method, mode: "navigate" }), origin)).toBeNull();
    }
  });

  it("matches thumbnails: public files and signed media thumbnails", () => {
    expect(routeFor(req("/thumbnails/models/veo-3-1-fast.webp"), origin)).toBe("thumbnail");
    expect(routeFor(req("/api/media/thumbnails/u/j.jpg?exp=1&sig=s"), origin)).toBe("media-thumbnail");
  });

  it("matches job thumbnails on Supabase Storage, and nothing else there", () => {
    const project = "https://abc.supabase.co";
    const thumbnail = "/storage/v1/object/sign/thumbnails/u/j.jpg?token=t";
    expect(routeFor(req(thumbnail, {}, project), origin)).toBe("media-thumbnail");
    expect(routeFor(req("/storage/v1/object/sign/videos/u/j.mp4?token=t", {}, project), origin)).toBeNull();
    expect(routeFor(req("/storage/v1/object/sign/inputs/u/a.jpg?token=t", {}, project), origin)).toBeNull();
    expect(routeFor(req("/storage/v1/object/thumbnails/u/j.jpg", {}, project), origin)).toBeNull();
    expect(routeFor(req(thumbnail, { method: "POST" }, project), origin)).toBeNull();
  });

  it("ignores other origins", () => {
    expect(routeFor(req("/api/models", {}, "https://cdn.example"), origin)).toBeNull();
    expect(
      routeFor(req("/api/media/thumbnails/u/j.jpg?exp=1&sig=s", {}, "https://cdn.example"), origin),
    ).toBeNull();
    expect(routeFor(req("/", { mode: "navigate" }, "https://other.example"), origin)).toBeNull();
  });
});

describe("mediaCacheKey", () => {
  it("drops the expiring signature so a re-signed link finds the same entry", () => {
    const a = mediaCacheKey(new URL("/api/media/thumbnails/u/j.jpg?exp=1&sig=aa", origin));
    const b = mediaCacheKey(new URL("/api/media/thumbnails/u/j.jpg?exp=2&sig=bb", origin));
    expect(a).toBe(b);
    expect(a).toBe(`${origin}/api/media/thumbnails/u/j.jpg`);
    const project = "https://abc.supabase.co/storage/v1/object/sign/thumbnails/u/j.jpg";
    expect(mediaCacheKey(new URL(`${project}?token=one`))).toBe(
      mediaCacheKey(new URL(`${project}?token=two`)),
    );
    expect(mediaCacheKey(new URL(`${project}?token=one`))).toBe(project);
  });
});

describe("isCacheable", () => {
  it("stores complete 200 answers only", () => {
    expect(isCacheable({ status: 200, type: "basic" })).toBe(true);
    expect(isCacheable({ status: 206, type: "basic" })).toBe(false);
    expect(isCacheable({ status: 404, type: "basic" })).toBe(false);
    expect(isCacheable({ status: 500, type: "basic" })).toBe(false);
    expect(isCacheable({ status: 0, type: "opaque" })).toBe(false);
    expect(isCacheable({ status: 0, type: "opaqueredirect" })).toBe(false);
  });

  it("lists every runtime cache as user data", () => {
    expect([...USER_CACHES].sort()).toEqual(
      [
        "rendio-catalog",
        "rendio-history",
        "rendio-job-watches",
        "rendio-jobs",
        "rendio-pages",
        "rendio-thumbnails",
      ].sort(),
    );
  });
});

describe("markSavedCopy", () => {
  it("hands back the stored answer unchanged but for the saved-copy mark", async () => {
    const stored = new Response(JSON.stringify({ items: [] }), {
      status: 200,
      headers: { "content-type": "application/json", date: "Tue, 01 Dec 2026 10:00:00 GMT" },
    });
    const marked = markSavedCopy(stored);
    expect(marked.status).toBe(200);
    expect(marked.headers.get(SAVED_COPY_HEADER)).toBe("1");
    expect(marked.headers.get("date")).toBe("Tue, 01 Dec 2026 10:00:00 GMT");
    expect(await marked.json()).toEqual({ items: [] });
    expect(stored.headers.has(SAVED_COPY_HEADER)).toBe(false);
  });
});
