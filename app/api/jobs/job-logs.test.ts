import { randomUUID } from "node:crypto";
import { afterAll, beforeAll, expect, test, vi } from "vitest";
import { POST as createJob } from "@/app/api/jobs/route";
import { POST as startGuest } from "@/app/api/session/guest/route";
import { captureLogs } from "@/scripts/test-support/log-lines";
import { openRouteDatabase, type RouteDb, TestBrowser } from "@/scripts/test-support/routes";
import { type FalStandIn, startFalStandIn } from "@/scripts/test-support/stand-ins/fal";

/**
 * A job's life in the log, through the fal adapter and a fal stand-in that refuses the submit:
 * created, failed with its code, refunded, each its own line with the job's id, all carrying the
 * id of the request that created it, and the refusal reported once.
 */

const APP = "http://localhost:3000";
const KEY = "test-key-id:test-key-secret";

let route: RouteDb;
let fal: FalStandIn;

beforeAll(async () => {
  fal = await startFalStandIn({ key: KEY });
  vi.stubEnv("VIDEO_PROVIDER", "fal");
  vi.stubEnv("FAL_KEY", KEY);
  vi.stubEnv("FAL_QUEUE_URL", fal.url);
  vi.stubEnv("FAL_JWKS_URL", fal.jwksUrl);
  vi.stubEnv("APP_URL", APP);
  route = await openRouteDatabase();
});
afterAll(async () => {
  await route?.close();
  await fal?.close();
});

test("a refused job's lines: created, failed, refunded, sharing the job's and the request's ids", async () => {
  const logs = await captureLogs();
  try {
    const browser = new TestBrowser(APP);
    const guest = await browser.call(startGuest, "/api/session/guest", { json: {} });
    const userId = (await guest.json()).user.id;
    const { rows } = await route.db.query<{ id: string }>(
      "select id from public.models where slug = 'ltx-2-fast'",
    );
    fal.script({ rejectSubmit: 500, body: { detail: "Internal server error" } });
    const prompt = `A kite over the dunes ${randomUUID()}`;
    const response = await browser.call(createJob, "/api/jobs", {
      json: { modelId: rows[0]?.id, prompt, settings: {} },
      headers: { "idempotency-key": randomUUID() },
    });
    expect(response.status).toBe(202);
    const { job } = await response.json();
    expect(job).toMatchObject({ status: "failed", errorCode: "provider_error", refunded: true });
    const requestId = response.headers.get("x-request-id");

    const jobLines = logs.lines.filter((line) => line.jobId === job.id && line.event !== undefined);
    expect(jobLines.map((line) => line.msg)).toEqual(["job created", "job failed", "job refunded"]);
    for (const line of jobLines) {
      expect(line).toMatchObject({
        level: "info",
        requestId,
        userId,
        model: "ltx-2-fast",
        provider: "fal",
        credits: job.creditsUsed,
      });
    }
    expect(jobLines[1]).toMatchObject({ event: "job.failed", errorCode: "provider_error" });

    const ofRequest = logs.lines.filter((line) => line.requestId === requestId);
    const errors = ofRequest.filter((line) => line.level === "error");
    expect(errors).toMatchObject([{ msg: "fal refused a job", jobId: job.id }]);
    expect(ofRequest.filter((line) => line.msg === "request")).toMatchObject([
      { route: "/api/jobs", method: "POST", status: 202, userId },
    ]);
    expect(JSON.stringify(logs.lines)).not.toContain(prompt);
  } finally {
    logs.stop();
  }
});
