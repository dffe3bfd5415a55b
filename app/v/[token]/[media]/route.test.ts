import { randomUUID } from "node:crypto";
import { afterAll, beforeAll, describe, expect, test } from "vitest";
import type { Session } from "@/lib/server/auth";
import { getRpc } from "@/lib/server/db";
import { generateResult, jobChangeResult } from "@/lib/server/db/functions";
import { shareJob, unshareJob } from "@/lib/server/services/share";
import { newGuest, openRouteDatabase, type RouteDb } from "@/scripts/test-support/routes";
import { GET } from "./route";

let route: RouteDb;
let userId: string;
let jobId: string;
let token: string;

beforeAll(async () => {
  route = await openRouteDatabase();
  userId = (await newGuest()).userId;
  const rows = await route.db.query<{ id: string }>("select id from public.models where slug = 'ltx-2-fast'");
  const rpc = await getRpc();
  const { job } = await rpc.call(
    "generate_video",
    { p_user_id: userId, p_idempotency_key: randomUUID(), p_model_id: rows.rows[0]?.id, p_prompt: "A kite" },
    generateResult,
  );
  jobId = job.id;
  await rpc.call(
    "mark_job_completed",
    { p_job_id: jobId, p_video_path: `videos/${userId}/${jobId}.mp4`, p_thumbnail_path: null },
    jobChangeResult,
  );
  token = await shareJob(owner(), jobId, {});
});
afterAll(() => route.close());

const owner = (): Session => ({ userId, isAnonymous: true, email: null, expiresAt: 0 });

const get = (token: string, media: string) =>
  GET(new Request(`http://localhost:3000/v/${token}/${media}`), {
    params: Promise.resolve({ token, media }),
  });

describe("GET /v/:token/(video|poster)", () => {
  test("302 to the video's link signed now, never cached", async () => {
    const response = await get(token, "video");
    expect(response.status).toBe(302);
    expect(response.headers.get("cache-control")).toBe("no-store");
    const location = new URL(response.headers.get("location") as string);
    expect(location.origin).toBe("http://localhost:3000");
    expect(location.pathname).toBe(`/api/media/videos/${userId}/${jobId}.mp4`);
    expect(location.searchParams.get("sig")).toBeTruthy();
  });

  test("404 for a file the page does not have, another name, or an unknown token", async () => {
    expect((await get(token, "poster")).status).toBe(404);
    expect((await get(token, "prompt")).status).toBe(404);
    expect((await get("A".repeat(43), "video")).status).toBe(404);
    expect((await get("short", "video")).status).toBe(404);
  });

  test("404 once the owner stops sharing", async () => {
    await unshareJob(owner(), jobId);
    expect((await get(token, "video")).status).toBe(404);
  });
});
