import { createECDH, randomUUID } from "node:crypto";
import { importJWK, jwtVerify } from "jose";
import { afterAll, beforeAll, describe, expect, test, vi } from "vitest";
import { POST as createJob } from "@/app/api/jobs/route";
import { PATCH as updateMe } from "@/app/api/me/route";
import { GET as getKey } from "@/app/api/push/key/route";
import { pushMessageSchema } from "@/lib/contracts/push";
import { getRpc } from "@/lib/server/db";
import { generateResult, jobChangeResult, jobFailResult } from "@/lib/server/db/functions";
import { jobFinished } from "@/lib/server/jobs/finished";
import { sweep } from "@/lib/server/jobs/sweeper";
import { localJobRunner } from "@/lib/server/providers/local/runner";
import { listenToJobEvents } from "@/lib/server/startup";
import { putUndecodableImage } from "@/scripts/test-support/media";
import { newGuest } from "@/scripts/test-support/people";
import { openRouteDatabase, type RouteDb, TestBrowser } from "@/scripts/test-support/routes";
import {
  browserSubscription,
  type PushReceiver,
  startPushReceiver,
} from "@/scripts/test-support/stand-ins/push-receiver";
import { DELETE, POST } from "./route";

/**
 * Web Push end to end on the server: the real routes and database, the real local runner, and a
 * push service on 127.0.0.1 that checks the VAPID signature and decrypts each message as a browser.
 */

const vapid = createECDH("prime256v1");
vapid.generateKeys();
const VAPID_PUBLIC_KEY = vapid.getPublicKey().toString("base64url");
const SUBJECT = "mailto:push-test@rendio.example";

let route: RouteDb;
let receiver: PushReceiver;
beforeAll(async () => {
  route = await openRouteDatabase();
  vi.stubEnv("VAPID_PUBLIC_KEY", VAPID_PUBLIC_KEY);
  // getPrivateKey() drops leading zero bytes (1 key in 256): web-push always writes 32 bytes.
  const privateKey = vapid.getPrivateKey();
  vi.stubEnv(
    "VAPID_PRIVATE_KEY",
    Buffer.concat([Buffer.alloc(32 - privateKey.length), privateKey]).toString("base64url"),
  );
  vi.stubEnv("VAPID_SUBJECT", SUBJECT);
  receiver = await startPushReceiver();
  // As the server does at start: the push service hears of every finished job.
  await listenToJobEvents();
});
afterAll(async () => {
  await receiver.close();
  await route.close();
});

const subscribe = (browser: TestBrowser, json: unknown, headers: Record<string, string> = {}) =>
  browser.call(POST, "/api/push/subscriptions", { json, headers });
const unsubscribe = (browser: TestBrowser, endpoint: string) =>
  browser.call(DELETE, "/api/push/subscriptions", { method: "DELETE", json: { endpoint } });

const storedFor = async (userId: string) =>
  (
    await route.db.query<{ endpoint: string }>(
      "select endpoint from public.push_subscriptions where user_id = $1 order by endpoint",
      [userId],
    )
  ).rows.map((r) => r.endpoint);
const pushesTo = (path: string) => receiver.received.filter((r) => r.path === path);

/** A job of the user in a final state, made through the SQL functions a provider would use. */
async function finishedJob(userId: string, outcome: "completed" | "failed", prompt: string) {
  const rpc = await getRpc();
  const model = (
    await route.db.query<{ id: string }>("select id from public.models where slug = 'ltx-2-fast'")
  ).rows[0]?.id;
  const { job } = await rpc.call(
    "generate_video",
    { p_user_id: userId, p_idempotency_key: randomUUID(), p_model_id: model, p_prompt: prompt },
    generateResult,
  );
  if (outcome === "failed") {
    return (
      await rpc.call("mark_job_failed", { p_job_id: job.id, p_error_code: "provider_error" }, jobFailResult)
    ).job;
  }
  await rpc.call(
    "mark_job_processing",
    { p_job_id: job.id, p_provider_request_id: `t-${job.id}` },
    jobChangeResult,
  );
  return (
    await rpc.call(
      "mark_job_completed",
      { p_job_id: job.id, p_video_path: `videos/${userId}/${job.id}.mp4` },
      jobChangeResult,
    )
  ).job;
}

test("GET /api/push/key gives the VAPID public key", async () => {
  const response = await getKey(new Request("http://localhost:3000/api/push/key"));
  expect(response.status).toBe(200);
  expect(await response.json()).toEqual({ publicKey: VAPID_PUBLIC_KEY });
});

test("a job finished by the local runner is pushed, signed and encrypted, in the user's language", async () => {
  const { browser } = await newGuest();
  const other = await newGuest();
  expect(
    (await browser.call(updateMe, "/api/me", { method: "PATCH", json: { language: "es" } })).status,
  ).toBe(200);
  const phone = browserSubscription(receiver);
  const otherPhone = browserSubscription(receiver);
  const subscribed = await subscribe(browser, phone.json);
  expect(subscribed.status).toBe(201);
  expect(await subscribed.json()).toEqual({ subscribed: true });
  expect((await subscribe(other.browser, otherPhone.json)).status).toBe(201);

  const prompt =
    "Un faro en plena tormenta, con olas enormes rompiendo contra las rocas al atardecer y gaviotas";
  const created = await browser.call(createJob, "/api/jobs", {
    json: { modelId: (await finishedModel()).id, prompt, settings: {} },
    headers: { "idempotency-key": randomUUID() },
  });
  expect(created.status).toBe(202);
  const jobId: string = (await created.json()).job.id;
  await localJobRunner().whenIdle();

  const [push, ...more] = pushesTo(phone.path);
  expect(more).toEqual([]);
  expect(pushesTo(otherPhone.path)).toEqual([]);
  if (!push) throw new Error("no push arrived");
  expect(push.method).toBe("POST");
  expect(push.headers["content-encoding"]).toBe("aes128gcm");
  expect(push.headers["content-type"]).toBe("application/octet-stream");
  expect(push.headers.ttl).toBe("86400");
  expect(push.headers.urgency).toBe("normal");
  expect(push.headers.topic).toBe(jobId.replaceAll("-", ""));

  const authorization = /^vapid t=([\w-]+\.[\w-]+\.[\w-]+), k=([\w-]+)$/.exec(
    push.headers.authorization ?? "",
  );
  expect(authorization?.[2]).toBe(VAPID_PUBLIC_KEY);
  const point = Buffer.from(VAPID_PUBLIC_KEY, "base64url");
  const key = await importJWK(
    {
      kty: "EC",
      crv: "P-256",
      x: point.subarray(1, 33).toString("base64url"),
      y: point.subarray(33).toString("base64url"),
    },
    "ES256",
  );
  const { payload: claims } = await jwtVerify(authorization?.[1] ?? "", key, {
    algorithms: ["ES256"],
    audience: receiver.origin,
    subject: SUBJECT,
  });
  const now = Date.now() / 1000;
  expect(claims.exp).toBeGreaterThan(now);
  expect(claims.exp).toBeLessThanOrEqual(now + 24 * 3600);

  // RFC 8188 header: 16-byte salt, record size, the server's 65-byte ephemeral key.
  expect(push.body.readUInt32BE(16)).toBe(4096);
  expect(push.body.readUInt8(20)).toBe(65);
  const message = pushMessageSchema.parse(JSON.parse(phone.decrypt(push.body)));
  expect(message).toEqual({
    type: "job-finished",
    jobId,
    status: "completed",
    title: "Tu video está listo",
    body: "Un faro en plena tormenta, con olas enormes rompiendo contra las rocas al…",
    url: `/jobs/${jobId}`,
  });
});

test("a render the local runner fails is pushed as failed, credits refunded", async () => {
  const { browser, userId } = await newGuest();
  const phone = browserSubscription(receiver);
  await subscribe(browser, phone.json);
  const image = await putUndecodableImage(userId);
  const model = (
    await route.db.query<{ id: string }>("select id from public.models where slug = 'sora-2-image-to-video'")
  ).rows[0];
  const { job } = await (await getRpc()).call(
    "generate_video",
    {
      p_user_id: userId,
      p_idempotency_key: randomUUID(),
      p_model_id: model?.id,
      p_prompt: "animate my photo",
      p_input_image_path: image,
    },
    generateResult,
  );
  localJobRunner().ensure(job);
  await localJobRunner().whenIdle();
  const pushes = pushesTo(phone.path);
  expect(pushes).toHaveLength(1);
  expect(JSON.parse(phone.decrypt(pushes[0]?.body as Buffer))).toEqual({
    type: "job-finished",
    jobId: job.id,
    status: "failed",
    title: "Your video could not be made — credits refunded",
    body: "animate my photo",
    url: `/jobs/${job.id}`,
  });
});

async function finishedModel() {
  const row = (await route.db.query<{ id: string }>("select id from public.models where slug = 'ltx-2-fast'"))
    .rows[0];
  if (!row) throw new Error("seeded model ltx-2-fast missing");
  return row;
}

test("a failed job is announced with the refund, in Turkish, to every browser of the user", async () => {
  const { browser, userId } = await newGuest();
  await browser.call(updateMe, "/api/me", { method: "PATCH", json: { language: "tr" } });
  const [phone, laptop] = [browserSubscription(receiver), browserSubscription(receiver)];
  await subscribe(browser, phone.json);
  await subscribe(browser, laptop.json);
  const job = await finishedJob(userId, "failed", "Kısa bir video");
  await jobFinished(job);
  for (const device of [phone, laptop]) {
    const pushes = pushesTo(device.path);
    expect(pushes).toHaveLength(1);
    expect(JSON.parse(device.decrypt(pushes[0]?.body as Buffer))).toEqual({
      type: "job-finished",
      jobId: job.id,
      status: "failed",
      title: "Videonuz oluşturulamadı — krediler iade edildi",
      body: "Kısa bir video",
      url: `/jobs/${job.id}`,
    });
  }
});

test("a job the sweeper fails past its deadline is announced once, credits refunded", async () => {
  const { browser, userId } = await newGuest();
  const device = browserSubscription(receiver);
  await subscribe(browser, device.json);
  const rpc = await getRpc();
  const { job } = await rpc.call(
    "generate_video",
    {
      p_user_id: userId,
      p_idempotency_key: randomUUID(),
      p_model_id: (await finishedModel()).id,
      p_prompt: "A stuck render",
    },
    generateResult,
  );
  await route.db.query(
    "update public.video_jobs set deadline_at = now() - interval '1 minute' where id = $1",
    [job.id],
  );
  const swept = await sweep();
  expect(swept.failedJobs.map((failed) => failed.id)).toContain(job.id);
  await sweep();
  const pushes = pushesTo(device.path);
  expect(pushes).toHaveLength(1);
  expect(JSON.parse(device.decrypt(pushes[0]?.body as Buffer))).toMatchObject({
    jobId: job.id,
    status: "failed",
    title: "Your video could not be made — credits refunded",
  });
});

test("a subscription the push service calls gone (410, 404) is forgotten; other failures keep it", async () => {
  const { browser, userId } = await newGuest();
  const gone = browserSubscription(receiver);
  const missing = browserSubscription(receiver);
  const broken = browserSubscription(receiver);
  const fine = browserSubscription(receiver);
  for (const device of [gone, missing, broken, fine]) await subscribe(browser, device.json);
  receiver.answer(gone.path, 410);
  receiver.answer(missing.path, 404);
  receiver.answer(broken.path, 500);
  await jobFinished(await finishedJob(userId, "completed", "A quiet harbour"));
  for (const device of [gone, missing, broken, fine]) expect(pushesTo(device.path)).toHaveLength(1);
  expect(await storedFor(userId)).toEqual([broken.json.endpoint, fine.json.endpoint].sort());
});

test("a job still in flight, or one whose owner has no subscription, sends nothing", async () => {
  const { browser, userId } = await newGuest();
  const phone = browserSubscription(receiver);
  await subscribe(browser, phone.json);
  const { job } = await (await getRpc()).call(
    "generate_video",
    {
      p_user_id: userId,
      p_idempotency_key: randomUUID(),
      p_model_id: (await finishedModel()).id,
      p_prompt: "pending",
    },
    generateResult,
  );
  const before = receiver.received.length;
  await jobFinished(job);
  const lonely = await newGuest();
  await jobFinished(await finishedJob(lonely.userId, "completed", "nobody listens"));
  expect(receiver.received.length).toBe(before);
});

describe("subscribing", () => {
  test("the same endpoint again is an upsert, and moves it to the user who subscribes", async () => {
    const first = await newGuest();
    const second = await newGuest();
    const phone = browserSubscription(receiver);
    expect((await subscribe(first.browser, phone.json)).status).toBe(201);
    expect((await subscribe(first.browser, phone.json)).status).toBe(201);
    expect(await storedFor(first.userId)).toEqual([phone.json.endpoint]);
    expect((await subscribe(second.browser, phone.json)).status).toBe(201);
    expect(await storedFor(first.userId)).toEqual([]);
    expect(await storedFor(second.userId)).toEqual([phone.json.endpoint]);
  });

  test("padded keys and an expiration time are accepted", async () => {
    const { browser, userId } = await newGuest();
    const phone = browserSubscription(receiver);
    const json = {
      ...phone.json,
      expirationTime: Date.now() + 86_400_000.5,
      keys: { p256dh: `${phone.json.keys.p256dh}=`, auth: `${phone.json.keys.auth}==` },
    };
    expect((await subscribe(browser, json)).status).toBe(201);
    const rows = await route.db.query<{ p256dh: string; auth: string }>(
      "select p256dh, auth from public.push_subscriptions where user_id = $1",
      [userId],
    );
    expect(rows.rows).toEqual([phone.json.keys]);
  });

  const offCurve = Buffer.alloc(65, 7);
  offCurve[0] = 4;
  const badBodies: [string, (json: ReturnType<typeof browserSubscription>["json"]) => unknown, string][] = [
    ["no endpoint", ({ endpoint: _, ...rest }) => rest, "endpoint"],
    ["endpoint that is not a URL", (j) => ({ ...j, endpoint: "not a url" }), "endpoint"],
    ["ftp endpoint", (j) => ({ ...j, endpoint: "ftp://127.0.0.1/push/x" }), "endpoint"],
    ["http endpoint of another host", (j) => ({ ...j, endpoint: "http://push.example.com/x" }), "endpoint"],
    [
      "https endpoint of no push service",
      (j) => ({ ...j, endpoint: "https://evil.example.com/x" }),
      "endpoint",
    ],
    [
      "endpoint over 2048 characters",
      (j) => ({ ...j, endpoint: `https://fcm.googleapis.com/fcm/send/${"x".repeat(2048)}` }),
      "endpoint",
    ],
    ["no keys", ({ keys: _, ...rest }) => rest, "keys"],
    [
      "key of 64 bytes",
      (j) => ({ ...j, keys: { ...j.keys, p256dh: Buffer.alloc(64, 4).toString("base64url") } }),
      "keys.p256dh",
    ],
    [
      "compressed key",
      (j) => ({
        ...j,
        keys: {
          ...j.keys,
          p256dh: Buffer.from(j.keys.p256dh, "base64url").subarray(0, 33).fill(2, 0, 1).toString("base64url"),
        },
      }),
      "keys.p256dh",
    ],
    [
      "key that is no point of the curve",
      (j) => ({ ...j, keys: { ...j.keys, p256dh: offCurve.toString("base64url") } }),
      "keys.p256dh",
    ],
    [
      "key in standard base64",
      (j) => ({ ...j, keys: { ...j.keys, p256dh: `+${j.keys.p256dh.slice(1)}` } }),
      "keys.p256dh",
    ],
    [
      "auth secret of 15 bytes",
      (j) => ({ ...j, keys: { ...j.keys, auth: Buffer.alloc(15).toString("base64url") } }),
      "keys.auth",
    ],
    ["auth secret as a number", (j) => ({ ...j, keys: { ...j.keys, auth: 16 } }), "keys.auth"],
    ["negative expiration time", (j) => ({ ...j, expirationTime: -1 }), "expirationTime"],
    ["expiration time as a string", (j) => ({ ...j, expirationTime: "tomorrow" }), "expirationTime"],
    ["a JSON array", (j) => [j], ""],
  ];
  test.each(badBodies)("%s is a 400 naming the field, and nothing is stored", async (_why, make, field) => {
    const { browser, userId } = await newGuest();
    const json = make(browserSubscription(receiver).json);
    const rateBefore = await route.db.query("select * from public.rate_limits");
    const response = await subscribe(browser, json);
    expect(response.status).toBe(400);
    const { error } = await response.json();
    expect(error.code).toBe("validation_failed");
    expect(error.field ?? "").toBe(field);
    expect(await storedFor(userId)).toEqual([]);
    expect((await route.db.query("select * from public.rate_limits")).rows).toEqual(rateBefore.rows);
  });

  test("a body that is not JSON is a 400 on body", async () => {
    const { browser } = await newGuest();
    const response = await browser.call(POST, "/api/push/subscriptions", {
      body: "endpoint=x",
      headers: { "content-type": "application/json" },
    });
    expect(response.status).toBe(400);
    expect((await response.json()).error).toMatchObject({ code: "validation_failed", field: "body" });
  });

  test("no session is a 401 and another origin a 403", async () => {
    const phone = browserSubscription(receiver);
    const { browser } = await newGuest();
    const stranger = new TestBrowser();
    expect((await subscribe(stranger, phone.json)).status).toBe(401);
    expect((await unsubscribe(stranger, phone.json.endpoint)).status).toBe(401);
    const crossSite = await subscribe(browser, phone.json, { origin: "https://evil.example.com" });
    expect(crossSite.status).toBe(403);
    expect(
      await route.db.query("select 1 from public.push_subscriptions where endpoint = $1", [
        phone.json.endpoint,
      ]),
    ).toMatchObject({ rows: [] });
  });

  test("subscribing and unsubscribing are rate-limited per user", async () => {
    const { browser } = await newGuest();
    const phone = browserSubscription(receiver);
    for (let i = 0; i < 60; i++) expect((await unsubscribe(browser, phone.json.endpoint)).status).toBe(200);
    const limited = await subscribe(browser, phone.json);
    expect(limited.status).toBe(429);
    expect(Number(limited.headers.get("retry-after"))).toBeGreaterThan(0);
  });
});

describe("unsubscribing", () => {
  test("removes the caller's own subscription only", async () => {
    const owner = await newGuest();
    const other = await newGuest();
    const phone = browserSubscription(receiver);
    await subscribe(owner.browser, phone.json);
    const foreign = await unsubscribe(other.browser, phone.json.endpoint);
    expect(foreign.status).toBe(200);
    expect(await foreign.json()).toEqual({ subscribed: false });
    expect(await storedFor(owner.userId)).toEqual([phone.json.endpoint]);
    const own = await unsubscribe(owner.browser, phone.json.endpoint);
    expect(await own.json()).toEqual({ subscribed: false });
    expect(await storedFor(owner.userId)).toEqual([]);
  });

  test("a missing endpoint is a 400", async () => {
    const { browser } = await newGuest();
    const response = await browser.call(DELETE, "/api/push/subscriptions", { method: "DELETE", json: {} });
    expect(response.status).toBe(400);
    expect((await response.json()).error).toMatchObject({ code: "validation_failed", field: "endpoint" });
  });
});
