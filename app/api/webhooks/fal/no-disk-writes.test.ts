import { randomUUID } from "node:crypto";
import { type FSWatcher, mkdtempSync, readdirSync, rmSync, watch } from "node:fs";
import { tmpdir } from "node:os";
import path from "node:path";
import { afterAll, beforeAll, expect, test, vi } from "vitest";
import { supabaseRpc } from "@/lib/server/db/supabase";
import { openRouteDatabase, type RouteDb } from "@/scripts/test-support/routes";
import { type FalStandIn, sampleVideo, startFalStandIn } from "@/scripts/test-support/stand-ins/fal";
import { type SupabaseStandIn, startSupabaseStandIn } from "@/scripts/test-support/stand-ins/supabase";

/**
 * Supabase mode runs where the disk is read-only or forgotten (Vercel): a finished fal job goes
 * from fal's output into Supabase Storage, and sessions and links are signed, without one file
 * written. DATA_DIR and TMPDIR point at empty directories that are watched throughout. The app
 * talks to Supabase through its real adapters, over HTTP to the Supabase stand-in
 * (scripts/test-support/stand-ins/supabase): Storage, and the database through PostgREST (over PGlite).
 */

const APP = "https://rendio.example";
const FAL_KEY = "test-key-id:test-key-secret";

let route: RouteDb;
let fal: FalStandIn;
let supabase: SupabaseStandIn;
let dataDir: string;
let tempDir: string;
const watchers: FSWatcher[] = [];
const writes: string[] = [];

beforeAll(async () => {
  // Both make their files in the real temporary directory, before it is swapped for the watched one.
  fal = await startFalStandIn({ key: FAL_KEY });
  await sampleVideo();
  route = await openRouteDatabase();
  supabase = await startSupabaseStandIn({ pglite: route.db });
  dataDir = mkdtempSync(path.join(tmpdir(), "rendio-no-disk-data-"));
  tempDir = mkdtempSync(path.join(tmpdir(), "rendio-no-disk-tmp-"));
  for (const [name, value] of Object.entries({
    NODE_ENV: "production",
    NEXT_PUBLIC_SUPABASE_URL: supabase.url,
    NEXT_PUBLIC_SUPABASE_PUBLISHABLE_KEY: supabase.publishableKey,
    SUPABASE_SECRET_KEY: supabase.secretKey,
    SESSION_SECRET: "a-session-secret-of-at-least-32-characters",
    CRON_SECRET: "a-cron-secret-of-16-or-more",
    VIDEO_PROVIDER: "fal",
    FAL_KEY,
    FAL_QUEUE_URL: fal.url,
    FAL_JWKS_URL: fal.jwksUrl,
    APP_URL: APP,
    DATA_DIR: dataDir,
    TMPDIR: tempDir,
  })) {
    vi.stubEnv(name, value);
  }
  (globalThis as { __rendioRpc?: unknown }).__rendioRpc = Promise.resolve(
    supabaseRpc({ url: supabase.url, secretKey: supabase.secretKey }),
  );
  for (const dir of [dataDir, tempDir]) {
    watchers.push(watch(dir, (event, name) => writes.push(`${event} ${path.join(dir, String(name))}`)));
  }
});

afterAll(async () => {
  for (const watcher of watchers) watcher.close();
  await supabase?.close();
  await route?.close();
  await fal?.close();
  for (const dir of [dataDir, tempDir]) if (dir) rmSync(dir, { recursive: true, force: true });
});

test("a fal job is completed into Storage, and sessions and links signed, with nothing written to disk", async () => {
  const { getConfig } = await import("@/lib/server/config");
  expect(getConfig()).toMatchObject({ mode: "supabase", videoProvider: "fal", dataDir });
  expect(tmpdir()).toBe(tempDir);

  const userId = randomUUID();
  await route.db.query("insert into auth.users (id, is_anonymous) values ($1, true)", [userId]);
  const { getRpc } = await import("@/lib/server/db");
  const results = await import("@/lib/server/db/functions");
  const rpc = await getRpc();
  await rpc.call("onboard_user", { p_user_id: userId }, results.onboardResult);
  const { rows } = await route.db.query<{ id: string }>(
    "select id from public.models where slug = 'ltx-2-fast'",
  );
  const generated = await rpc.call(
    "generate_video",
    {
      p_user_id: userId,
      p_idempotency_key: randomUUID(),
      p_model_id: rows[0]?.id,
      p_prompt: "A paper boat on a puddle at sunset",
      p_settings: {},
      p_provider: "fal",
    },
    results.generateResult,
  );
  const { getVideoProvider } = await import("@/lib/server/providers");
  const queued = await (await getVideoProvider("fal")).start(generated.job);
  expect(queued.providerRequestId).toBeTruthy();

  const signed = fal.signedWebhook(queued.providerRequestId as string);
  const { POST } = await import("./route");
  const response = await POST(
    new Request(signed.url, { method: "POST", headers: signed.headers, body: signed.body }),
  );
  expect(response.status, await response.clone().text()).toBe(200);
  expect(await response.json()).toEqual({ received: true, job: "completed" });

  const video = supabase.objects.get(`videos/${userId}/${queued.id}.mp4`);
  expect(video?.contentType).toBe("video/mp4");
  expect(Buffer.from(video?.data ?? []).equals(await sampleVideo())).toBe(true);
  const thumbnail = supabase.objects.get(`thumbnails/${userId}/${queued.id}.jpg`);
  expect(thumbnail?.contentType).toBe("image/jpeg");
  expect([...(thumbnail?.data.subarray(0, 3) ?? [])]).toEqual([0xff, 0xd8, 0xff]);

  const { signingKey } = await import("@/lib/server/secrets");
  expect((await signingKey("session")).length).toBe(32);
  expect((await signingKey("media")).length).toBe(32);

  // Watch events arrive asynchronously: give them a moment before looking.
  await new Promise((resolve) => setTimeout(resolve, 200));
  expect(writes).toEqual([]);
  expect(readdirSync(dataDir)).toEqual([]);
  expect(readdirSync(tempDir)).toEqual([]);
});
