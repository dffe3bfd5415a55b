import { randomUUID } from "node:crypto";
import { existsSync, mkdirSync, writeFileSync } from "node:fs";
import path from "node:path";
import { afterAll, beforeAll, describe, expect, test, vi } from "vitest";
import { sweepResponseSchema } from "@/lib/contracts/operations";
import { getRpc } from "@/lib/server/db";
import { generateResult, jobChangeResult, onboardResult } from "@/lib/server/db/functions";
import { openRouteDatabase, type RouteDb } from "@/scripts/test-support/routes";

const SECRET = "cron-secret-for-tests-0123456789";

let route: RouteDb;
beforeAll(async () => {
  route = await openRouteDatabase();
});
afterAll(() => route.close());

/** The route as a fresh server with this CRON_SECRET would load it (config is read once per process). */
async function routeWith(secret: string) {
  vi.resetModules();
  vi.stubEnv("CRON_SECRET", secret);
  return (await import("./route")).GET;
}

const call = (GET: (request: Request) => Promise<Response>, authorization?: string) =>
  GET(
    new Request("http://localhost:3000/api/cron/sweep", {
      headers: authorization ? { authorization } : {},
    }),
  );

/** A finished job of a new user, with real files at its media paths, that expired a second ago. */
async function expiredJobWithFiles() {
  const rpc = await getRpc();
  const user = randomUUID();
  await route.db.query("insert into auth.users (id, is_anonymous) values ($1, true)", [user]);
  await rpc.call("onboard_user", { p_user_id: user }, onboardResult);
  const model = await route.db.query<{ id: string }>(
    "select id from public.models where slug = 'ltx-2-fast'",
  );
  const { job } = await rpc.call(
    "generate_video",
    { p_user_id: user, p_idempotency_key: randomUUID(), p_model_id: model.rows[0]?.id, p_prompt: "old" },
    generateResult,
  );
  const keys = [`videos/${user}/${job.id}.mp4`, `thumbnails/${user}/${job.id}.jpg`];
  const files = keys.map((key) => path.join(route.dataDir, "media", key));
  for (const file of files) {
    mkdirSync(path.dirname(file), { recursive: true });
    writeFileSync(file, "media");
  }
  await rpc.call(
    "mark_job_completed",
    { p_job_id: job.id, p_video_path: keys[0], p_thumbnail_path: keys[1] },
    jobChangeResult,
  );
  await route.db.query(
    "update public.video_jobs set created_at = now() - interval '8 days', expires_at = now() - interval '1 second' where id = $1",
    [job.id],
  );
  return { id: job.id, files };
}

const jobExists = async (id: string) =>
  (await route.db.query("select 1 from public.video_jobs where id = $1", [id])).rows.length === 1;

describe("GET /api/cron/sweep", () => {
  test("without a configured secret the route does not exist: 404, nothing swept", async () => {
    const GET = await routeWith("");
    const { id, files } = await expiredJobWithFiles();
    const response = await call(GET, `Bearer ${SECRET}`);
    expect(response.status).toBe(404);
    expect((await response.json()).error.code).toBe("not_found");
    expect(await jobExists(id)).toBe(true);
    expect(files.every(existsSync)).toBe(true);
  });

  test("a missing, wrong or differently shaped secret is 401 and sweeps nothing", async () => {
    const GET = await routeWith(SECRET);
    const { id, files } = await expiredJobWithFiles();
    for (const authorization of [undefined, "Bearer wrong", `Bearer ${SECRET}x`, SECRET, `Basic ${SECRET}`]) {
      const response = await call(GET, authorization);
      expect(response.status, String(authorization)).toBe(401);
      expect((await response.json()).error.code).toBe("unauthorized");
    }
    expect(await jobExists(id)).toBe(true);
    expect(files.every(existsSync)).toBe(true);
  });

  test("the right secret deletes expired jobs with their media and keeps fresh ones", async () => {
    const GET = await routeWith(SECRET);
    const expired = await expiredJobWithFiles();
    const fresh = await expiredJobWithFiles();
    await route.db.query(
      "update public.video_jobs set expires_at = now() + interval '7 days' where id = $1",
      [fresh.id],
    );
    const response = await call(GET, `Bearer ${SECRET}`);
    expect(response.status).toBe(200);
    const body = await response.json();
    expect(body.jobsExpired).toBeGreaterThanOrEqual(1);
    expect(body.mediaRemoved).toBeGreaterThanOrEqual(2);
    // The counts and nothing else: the jobs the sweep failed (stored rows) stay on the server.
    expect(Object.keys(body).sort()).toEqual(Object.keys(sweepResponseSchema.shape).sort());
    expect(await jobExists(expired.id)).toBe(false);
    expect(expired.files.some(existsSync)).toBe(false);
    expect(await jobExists(fresh.id)).toBe(true);
    expect(fresh.files.every(existsSync)).toBe(true);
  });
});
