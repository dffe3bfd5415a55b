import { randomUUID } from "node:crypto";
import { afterAll, beforeAll, describe, expect, test } from "vitest";
import { POST as signOut } from "@/app/api/auth/sign-out/route";
import { GET as readOutbox } from "@/app/api/dev/outbox/route";
import { POST as createJob, GET as listJobs } from "@/app/api/jobs/route";
import { GET as getMe } from "@/app/api/me/route";
import { POST as startGuest } from "@/app/api/session/guest/route";
import { openRouteDatabase, type RouteDb, TestBrowser } from "@/scripts/test-support/routes";
import { POST as requestCode } from "./route";
import { POST as verifyCode } from "./verify/route";

/**
 * Sign-in by email code over the real handlers and a real database (embedded mode, where the
 * code goes to the local outbox).
 */

let route: RouteDb;
let ltx: string;

beforeAll(async () => {
  route = await openRouteDatabase();
  ltx = (await route.db.query<{ id: string }>("select id from public.models where slug = 'ltx-2-fast'"))
    .rows[0]?.id as string;
});
afterAll(() => route.close());

const uniqueEmail = () => `person-${randomUUID().slice(0, 8)}@example.com`;
type Visitor = { browser: TestBrowser; headers: Record<string, string> };

/** A new browser, from its own address unless given one. */
function visitor(address?: string): Visitor {
  return { browser: new TestBrowser(undefined, address), headers: {} };
}

async function becomeGuest(v: Visitor): Promise<string> {
  const response = await v.browser.call(startGuest, "/api/session/guest", { json: {}, headers: v.headers });
  expect(response.status).toBe(201);
  return (await response.json()).user.id;
}

async function makeJob(v: Visitor): Promise<string> {
  const response = await v.browser.call(createJob, "/api/jobs", {
    json: { modelId: ltx, prompt: "A kite over a windy beach", settings: {} },
    headers: { ...v.headers, "idempotency-key": randomUUID() },
  });
  expect(response.status).toBe(202);
  return (await response.json()).job.id;
}

function ask(v: Visitor, email: unknown) {
  return v.browser.call(requestCode, "/api/auth/email", { json: { email }, headers: v.headers });
}

function verify(v: Visitor, email: unknown, code: unknown) {
  return v.browser.call(verifyCode, "/api/auth/email/verify", { json: { email, code }, headers: v.headers });
}

async function latestCode(email: string): Promise<string> {
  const response = await new TestBrowser().call(
    readOutbox,
    `/api/dev/outbox?email=${encodeURIComponent(email)}`,
  );
  expect(response.status).toBe(200);
  const { messages } = await response.json();
  expect(messages.length).toBeGreaterThan(0);
  return messages[0].code;
}

async function signIn(v: Visitor, email: string) {
  expect((await ask(v, email)).status).toBe(202);
  const response = await verify(v, email, await latestCode(email));
  expect(response.status, await response.clone().text()).toBe(200);
  return (await response.json()).user;
}

async function me(v: Visitor) {
  const response = await v.browser.call(getMe, "/api/me", { headers: v.headers });
  return { status: response.status, body: response.status === 200 ? await response.json() : null };
}

/** Everything a failed sign-in must leave alone. */
async function snapshot() {
  const q = async (sql: string) => JSON.stringify((await route.db.query(sql)).rows);
  return [
    await q("select id, email, is_anonymous from auth.users order by id"),
    await q("select id, email, is_guest, credits from public.users order by id"),
    await q("select id, user_id from public.video_jobs order by id"),
    await q("select count(*) from public.credit_ledger"),
  ].join("\n");
}

function wrongCode(code: string): string {
  return String((Number(code) + 1) % 1_000_000).padStart(6, "0");
}

describe("POST /api/auth/email", () => {
  test("sends a 6-digit code to the outbox: 202, newest first, lower-cased address, code stored hashed", async () => {
    const v = visitor();
    await becomeGuest(v);
    const email = uniqueEmail();
    const response = await ask(v, `  ${email.toUpperCase()} `);
    expect(response.status).toBe(202);
    expect(await response.json()).toEqual({ expiresInSeconds: 600, resendAfterSeconds: 30 });
    expect(await ask(v, email).then((r) => r.status)).toBe(202);

    const outbox = await (await new TestBrowser().call(readOutbox, `/api/dev/outbox?email=${email}`)).json();
    expect(outbox.messages).toHaveLength(2);
    const [newest, older] = outbox.messages;
    expect(newest).toMatchObject({ to: email, code: expect.stringMatching(/^\d{6}$/) });
    expect(newest.subject).toContain(newest.code);
    expect(newest.text).toContain(newest.code);
    expect(Date.parse(newest.createdAt)).toBeGreaterThanOrEqual(Date.parse(older.createdAt));

    const stored = await route.db.query<{ code_hash: string }>(
      "select code_hash from auth.one_time_codes where email = $1",
      [email],
    );
    expect(stored.rows).toHaveLength(1);
    expect(stored.rows[0]?.code_hash).toMatch(/^[0-9a-f]{64}$/);
    expect(stored.rows[0]?.code_hash).not.toContain(newest.code);
  });

  test("the mail speaks the visitor's language", async () => {
    const v = visitor();
    const email = uniqueEmail();
    await v.browser.call(requestCode, "/api/auth/email", {
      json: { email },
      headers: { ...v.headers, "accept-language": "tr-TR" },
    });
    const { messages } = await (
      await new TestBrowser().call(readOutbox, `/api/dev/outbox?email=${email}`)
    ).json();
    expect(messages[0].subject).toContain("giriş kodun");
  });

  test.each([
    ["no @", "someone.example.com"],
    ["spaces", "some one@example.com"],
    ["empty", ""],
    ["not a string", 42],
    ["too long", `${"a".repeat(250)}@example.com`],
  ])("a bad email (%s) is 400 validation_failed on email and sends nothing", async (_why, email) => {
    const before = await route.db.query("select count(*)::int as n from auth.outbox");
    const response = await ask(visitor(), email);
    expect(response.status).toBe(400);
    expect((await response.json()).error).toMatchObject({ code: "validation_failed", field: "email" });
    expect((await route.db.query("select count(*)::int as n from auth.outbox")).rows).toEqual(before.rows);
  });

  test("extra fields and non-JSON bodies are refused", async () => {
    const v = visitor();
    const extra = await v.browser.call(requestCode, "/api/auth/email", {
      json: { email: uniqueEmail(), admin: true },
      headers: v.headers,
    });
    expect(extra.status).toBe(400);
    const text = await v.browser.call(requestCode, "/api/auth/email", {
      body: "email=x",
      headers: v.headers,
    });
    expect(text.status).toBe(400);
  });

  test("another origin is refused (403) and nothing is sent", async () => {
    const email = uniqueEmail();
    const response = await new TestBrowser().call(requestCode, "/api/auth/email", {
      json: { email },
      headers: { origin: "https://evil.example" },
    });
    expect(response.status).toBe(403);
    expect((await route.db.query("select 1 from auth.outbox where to_email = $1", [email])).rows).toEqual([]);
  });

  test("at most 5 codes per email an hour, then 429 with Retry-After and no new code", async () => {
    const email = uniqueEmail();
    for (let i = 0; i < 5; i++) expect((await ask(visitor(), email)).status).toBe(202);
    const refused = await ask(visitor(), email);
    expect(refused.status).toBe(429);
    expect((await refused.json()).error.code).toBe("rate_limited");
    expect(Number(refused.headers.get("retry-after"))).toBeGreaterThan(0);
    const sent = await route.db.query("select 1 from auth.outbox where to_email = $1", [email]);
    expect(sent.rows).toHaveLength(5);
  });

  test("at most 20 codes per address an hour, whatever the emails and X-Forwarded-For", async () => {
    const v = visitor();
    for (let i = 0; i < 20; i++) {
      v.headers = { "x-forwarded-for": `198.18.${i}.1` }; // a forged, rotating hop changes nothing
      expect((await ask(v, uniqueEmail())).status).toBe(202);
    }
    const email = uniqueEmail();
    const refused = await ask(v, email);
    expect(refused.status).toBe(429);
    expect(Number(refused.headers.get("retry-after"))).toBeGreaterThan(0);
    expect((await route.db.query("select 1 from auth.outbox where to_email = $1", [email])).rows).toEqual([]);
  });
});

describe("POST /api/auth/email per network", () => {
  test("addresses of one IPv6 /64 share 80 codes an hour; another /64 does not", async () => {
    const network = "2001:db8:5:5";
    for (let i = 1; i <= 80; i++) {
      expect((await ask(visitor(`${network}::${i.toString(16)}`), uniqueEmail())).status).toBe(202);
    }
    expect((await ask(visitor(`${network}::ffff`), uniqueEmail())).status).toBe(429);
    expect((await ask(visitor("2001:db8:5:6::1"), uniqueEmail())).status).toBe(202);
  });

  test("addresses of one IPv4 /24 share them too", async () => {
    for (let i = 1; i <= 80; i++)
      expect((await ask(visitor(`192.0.2.${i}`), uniqueEmail())).status).toBe(202);
    expect((await ask(visitor("192.0.2.81"), uniqueEmail())).status).toBe(429);
    expect((await ask(visitor("192.0.3.81"), uniqueEmail())).status).toBe(202);
  });
});

describe("POST /api/auth/email/verify", () => {
  test("a guest who verifies a new email keeps the same user, credits and jobs, now registered", async () => {
    const v = visitor();
    const guestId = await becomeGuest(v);
    const jobId = await makeJob(v);
    const before = (await me(v)).body;
    const email = uniqueEmail();

    const user = await signIn(v, email);
    expect(user).toMatchObject({ id: guestId, isGuest: false, email, credits: before.credits });
    expect((await me(v)).body).toEqual(user);
    const jobs = await (await v.browser.call(listJobs, "/api/jobs", { headers: v.headers })).json();
    expect(jobs.jobs.map((j: { id: string }) => j.id)).toEqual([jobId]);
    const auth = await route.db.query("select email, is_anonymous from auth.users where id = $1", [guestId]);
    expect(auth.rows).toEqual([{ email, is_anonymous: false }]);
  });

  test("a second guest verifying the same email is merged into the account: credits summed, jobs moved, guest gone", async () => {
    const email = uniqueEmail();
    const first = visitor();
    const accountId = await becomeGuest(first);
    await makeJob(first); // 10 - 3 = 7 credits
    await signIn(first, email);

    const second = visitor();
    const guestId = await becomeGuest(second);
    const secondJob = await makeJob(second); // 7 credits
    const accountBefore = (await me(first)).body.credits;
    const guestBefore = (await me(second)).body.credits;

    const user = await signIn(second, email);
    expect(user).toMatchObject({
      id: accountId,
      isGuest: false,
      email,
      credits: accountBefore + guestBefore,
    });
    expect((await me(second)).body.id).toBe(accountId);
    const jobs = await (await second.browser.call(listJobs, "/api/jobs", { headers: second.headers })).json();
    expect(jobs.jobs.map((j: { id: string }) => j.id)).toContain(secondJob);
    expect(jobs.jobs).toHaveLength(2);
    expect((await route.db.query("select 1 from public.users where id = $1", [guestId])).rows).toEqual([]);
    const merge = await route.db.query(
      "select change from public.credit_ledger where user_id = $1 and kind = 'merge'",
      [accountId],
    );
    expect(merge.rows).toEqual([{ change: guestBefore }]);
  });

  test("the language cookie follows the account's saved language after sign-in", async () => {
    const email = uniqueEmail();
    const first = visitor();
    await first.browser.call(startGuest, "/api/session/guest", {
      json: {},
      headers: { ...first.headers, "accept-language": "es" },
    });
    const account = await signIn(first, email);
    expect(account.language).toBe("es");

    const second = visitor();
    await becomeGuest(second); // English
    await ask(second, email);
    const response = await verify(second, email, await latestCode(email));
    expect(response.headers.getSetCookie().find((c) => c.startsWith("NEXT_LOCALE="))).toMatch(
      /^NEXT_LOCALE=es;/,
    );
  });

  test("a visitor with no session signs in to the existing account (no merge, no new credits)", async () => {
    const email = uniqueEmail();
    const owner = visitor();
    await becomeGuest(owner);
    const account = await signIn(owner, email);

    const stranger = visitor();
    const user = await signIn(stranger, email);
    expect(user).toEqual(account);
  });

  test("a visitor with no session and a new email gets a new registered account with the welcome credits", async () => {
    const email = uniqueEmail();
    const v = visitor();
    const user = await signIn(v, email);
    expect(user).toMatchObject({ isGuest: false, email, credits: 10 });
    const ledger = await route.db.query("select kind, change from public.credit_ledger where user_id = $1", [
      user.id,
    ]);
    expect(ledger.rows).toEqual([{ kind: "grant", change: 10 }]);
  });

  test("a new account gets no welcome credits once the address's new-user allowance is used up", async () => {
    const v = visitor();
    for (let i = 0; i < 50; i++) {
      const response = await new TestBrowser(undefined, v.browser.address).call(
        startGuest,
        "/api/session/guest",
        {
          json: {},
          headers: v.headers,
        },
      );
      expect(response.status).toBe(201);
    }
    const user = await signIn(v, uniqueEmail());
    expect(user).toMatchObject({ isGuest: false, credits: 0 });
  });

  test("a wrong code is 400 on code and changes nothing; the right one still works", async () => {
    const v = visitor();
    await becomeGuest(v);
    const email = uniqueEmail();
    await ask(v, email);
    const code = await latestCode(email);
    const before = await snapshot();
    const response = await verify(v, email, wrongCode(code));
    expect(response.status).toBe(400);
    expect((await response.json()).error).toMatchObject({ code: "validation_failed", field: "code" });
    expect(response.headers.getSetCookie()).toEqual([]);
    expect(await snapshot()).toBe(before);
    expect((await verify(v, email, code)).status).toBe(200);
  });

  test("an expired code is refused and nothing changes", async () => {
    const v = visitor();
    const guestId = await becomeGuest(v);
    const email = uniqueEmail();
    await ask(v, email);
    const code = await latestCode(email);
    await route.db.query(
      "update auth.one_time_codes set expires_at = now() - interval '1 second' where email = $1",
      [email],
    );
    const before = await snapshot();
    const response = await verify(v, email, code);
    expect(response.status).toBe(400);
    expect((await response.json()).error.field).toBe("code");
    expect(await snapshot()).toBe(before);
    expect((await me(v)).body).toMatchObject({ id: guestId, isGuest: true });
  });

  test("codes expire after 10 minutes", async () => {
    const email = uniqueEmail();
    await ask(visitor(), email);
    const rows = await route.db.query<{ seconds: number }>(
      "select extract(epoch from expires_at - created_at)::int as seconds from auth.one_time_codes where email = $1",
      [email],
    );
    expect(rows.rows).toEqual([{ seconds: 600 }]);
  });

  test("a used code cannot be used again", async () => {
    const email = uniqueEmail();
    const v = visitor();
    await becomeGuest(v);
    await ask(v, email);
    const code = await latestCode(email);
    expect((await verify(v, email, code)).status).toBe(200);
    const other = visitor();
    const guestId = await becomeGuest(other);
    const before = await snapshot();
    const again = await verify(other, email, code);
    expect(again.status).toBe(400);
    expect((await again.json()).error.field).toBe("code");
    expect(await snapshot()).toBe(before);
    expect((await me(other)).body.id).toBe(guestId);
  });

  test("a new request replaces the old code", async () => {
    const email = uniqueEmail();
    const v = visitor();
    await ask(v, email);
    const old = await latestCode(email);
    await ask(v, email);
    const fresh = await latestCode(email);
    if (old !== fresh) expect((await verify(v, email, old)).status).toBe(400);
    expect((await verify(v, email, fresh)).status).toBe(200);
  });

  test("after 5 wrong attempts the code is dead, even the right one", async () => {
    const email = uniqueEmail();
    const v = visitor();
    await becomeGuest(v);
    await ask(v, email);
    const code = await latestCode(email);
    for (let i = 0; i < 5; i++) expect((await verify(v, email, wrongCode(code))).status).toBe(400);
    const before = await snapshot();
    const response = await verify(v, email, code);
    expect(response.status).toBe(400);
    expect((await response.json()).error.field).toBe("code");
    expect(await snapshot()).toBe(before);
  });

  test("verify attempts are limited per email: the 16th in an hour is 429", async () => {
    const email = uniqueEmail();
    for (let i = 0; i < 15; i++) expect((await verify(visitor(), email, "000000")).status).toBe(400);
    const refused = await verify(visitor(), email, "000000");
    expect(refused.status).toBe(429);
    expect(Number(refused.headers.get("retry-after"))).toBeGreaterThan(0);
  });

  test.each([
    ["five digits", "12345", "code"],
    ["letters", "12ab56", "code"],
    ["a number, not a string", 123456, "code"],
    ["missing", undefined, "code"],
  ])("a malformed code (%s) is 400 on %s", async (_why, code, field) => {
    const response = await verify(visitor(), uniqueEmail(), code);
    expect(response.status).toBe(400);
    expect((await response.json()).error).toMatchObject({ code: "validation_failed", field });
  });

  test("a bad email is 400 on email", async () => {
    const response = await verify(visitor(), "not-an-email", "123456");
    expect((await response.json()).error).toMatchObject({ code: "validation_failed", field: "email" });
  });

  test("another origin is refused", async () => {
    const response = await new TestBrowser().call(verifyCode, "/api/auth/email/verify", {
      json: { email: uniqueEmail(), code: "123456" },
      headers: { origin: "https://evil.example" },
    });
    expect(response.status).toBe(403);
  });
});

describe("POST /api/auth/sign-out", () => {
  test("clears the session cookie (204); the visitor is then new and may start a fresh guest", async () => {
    const v = visitor();
    const email = uniqueEmail();
    await becomeGuest(v);
    const account = await signIn(v, email);
    const response = await v.browser.call(signOut, "/api/auth/sign-out", { json: {}, headers: v.headers });
    expect(response.status).toBe(204);
    expect(response.headers.getSetCookie().join()).toMatch(/rendio_session=;.*Max-Age=0/);
    expect((await me(v)).status).toBe(401);
    const fresh = await becomeGuest(v);
    expect(fresh).not.toBe(account.id);
    expect((await me(v)).body).toMatchObject({ isGuest: true, credits: 10 });
  });

  test("another origin cannot sign you out", async () => {
    const v = visitor();
    await becomeGuest(v);
    const response = await v.browser.call(signOut, "/api/auth/sign-out", {
      json: {},
      headers: { ...v.headers, origin: "https://evil.example" },
    });
    expect(response.status).toBe(403);
    expect((await me(v)).status).toBe(200);
  });
});

describe("GET /api/dev/outbox", () => {
  test("a bad email filter is 400 on email", async () => {
    const response = await new TestBrowser().call(readOutbox, "/api/dev/outbox?email=nope");
    expect(response.status).toBe(400);
    expect((await response.json()).error.field).toBe("email");
  });
});
