import { randomUUID } from "node:crypto";
import { afterAll, beforeAll, describe, expect, test } from "vitest";
import * as r from "../../lib/server/db/functions";
import {
  balance,
  createUser,
  expectAppError,
  expectLedgerMatchesBalances,
  modelBySlug,
} from "../../scripts/test-support/db/fixtures";
import { openTestDb, type TestDb } from "../../scripts/test-support/db/test-db";

/**
 * Sign-in in the database: the local one-time codes (embedded and postgres modes only) and
 * complete_sign_in, which upgrades a guest in place or merges it into the email's account.
 */

let db: TestDb;
beforeAll(async () => {
  db = await openTestDb();
});
afterAll(async () => {
  await expectLedgerMatchesBalances(db);
  await db.close();
});

const hashOf = (n: number) => n.toString(16).padStart(64, "0");
const newEmail = () => `sign-in-${randomUUID().slice(0, 8)}@example.com`;

function issue(email: string, hash: string, ttl = 600) {
  return db.rpc.call(
    "local_auth_issue_code",
    { p_email: email, p_code_hash: hash, p_ttl_seconds: ttl },
    r.localCodeIssueResult,
  );
}

function verify(email: string, hash: string, current: string | null = null) {
  return db.rpc.call(
    "local_auth_verify_code",
    { p_email: email, p_code_hash: hash, p_current_user_id: current, p_max_attempts: 5 },
    r.localCodeVerifyResult,
  );
}

function complete(userId: string, previous: string | null, welcome = true) {
  return db.rpc.call(
    "complete_sign_in",
    { p_user_id: userId, p_previous_user_id: previous, p_language: "en", p_welcome: welcome },
    r.signInResult,
  );
}

async function spend(userId: string) {
  const model = await modelBySlug(db, "ltx");
  return db.rpc.call(
    "generate_video",
    {
      p_user_id: userId,
      p_idempotency_key: randomUUID(),
      p_model_id: model.id,
      p_prompt: "Rain on a tin roof",
      p_settings: {},
      p_provider: "local",
    },
    r.generateResult,
  );
}

async function attempts(email: string) {
  return (await db.sql("select attempts from auth.one_time_codes where email = $1", [email])).map(
    (x) => x.attempts,
  );
}

describe("local one-time codes", () => {
  test("the right code verifies once; the email's auth user is created when new", async () => {
    const email = newEmail();
    await issue(email.toUpperCase(), hashOf(1));
    const first = await verify(email, hashOf(1));
    expect(first).toMatchObject({ verified: true, created: true, user: { email, isAnonymous: false } });
    expect(await verify(email, hashOf(1))).toEqual({ verified: false, reason: "missing" });
  });

  test("an existing email signs in to its own auth user", async () => {
    const email = newEmail();
    const owner = await createUser(db, { email });
    await issue(email, hashOf(2));
    expect(await verify(email, hashOf(2), null)).toMatchObject({
      verified: true,
      created: false,
      user: { id: owner },
    });
  });

  test("a new email verified by a guest becomes the guest's own identity (same id)", async () => {
    const email = newEmail();
    const guest = await createUser(db);
    await issue(email, hashOf(3));
    const result = await verify(email, hashOf(3), guest);
    expect(result).toMatchObject({
      verified: true,
      created: false,
      user: { id: guest, email, isAnonymous: false },
    });
  });

  test("an existing email is not taken over by the guest who verifies it", async () => {
    const email = newEmail();
    const owner = await createUser(db, { email });
    const guest = await createUser(db);
    await issue(email, hashOf(4));
    expect(await verify(email, hashOf(4), guest)).toMatchObject({ user: { id: owner } });
    expect(await db.sql("select email, is_anonymous from auth.users where id = $1", [guest])).toEqual([
      { email: null, is_anonymous: true },
    ]);
  });

  test("wrong codes are counted (the count is kept) and the fifth ends the code", async () => {
    const email = newEmail();
    await issue(email, hashOf(5));
    for (let i = 1; i <= 4; i++) {
      expect(await verify(email, hashOf(99))).toEqual({ verified: false, reason: "wrong" });
      expect(await attempts(email)).toEqual([i]);
    }
    expect(await verify(email, hashOf(99))).toEqual({ verified: false, reason: "wrong" });
    expect(await attempts(email)).toEqual([]);
    expect(await verify(email, hashOf(5))).toEqual({ verified: false, reason: "missing" });
  });

  test("an expired code is refused and removed", async () => {
    const email = newEmail();
    await issue(email, hashOf(6));
    await db.sql("update auth.one_time_codes set expires_at = now() - interval '1 second' where email = $1", [
      email,
    ]);
    expect(await verify(email, hashOf(6))).toEqual({ verified: false, reason: "expired" });
    expect(await attempts(email)).toEqual([]);
  });

  test("a new code replaces the old one and resets the attempts", async () => {
    const email = newEmail();
    await issue(email, hashOf(7));
    await verify(email, hashOf(99));
    await issue(email, hashOf(8));
    expect(await attempts(email)).toEqual([0]);
    expect(await verify(email, hashOf(7))).toMatchObject({ verified: false });
    expect(await verify(email, hashOf(8))).toMatchObject({ verified: true });
  });

  test("the tables are closed to the API roles", async () => {
    for (const role of ["anon", "authenticated"] as const) {
      await expect(db.asRole(role, null, (q) => q("select * from auth.one_time_codes"))).rejects.toThrow();
      await expect(db.asRole(role, null, (q) => q("select * from auth.outbox"))).rejects.toThrow();
    }
  });

  test("the outbox lists newest first, per recipient", async () => {
    const email = newEmail();
    for (const n of [1, 2, 3]) {
      await db.rpc.call(
        "local_outbox_send",
        { p_to: email, p_subject: `Message ${n}`, p_body: "Text", p_code: String(n) },
        r.outboxSendResult,
      );
    }
    const { messages } = await db.rpc.call(
      "local_outbox_list",
      { p_email: email, p_limit: 2 },
      r.outboxResult,
    );
    expect(messages.map((m) => m.subject)).toEqual(["Message 3", "Message 2"]);
    expect(messages[0]).toMatchObject({ to: email, text: "Text", code: "3" });
  });
});

describe("complete_sign_in", () => {
  async function linkedGuest() {
    const email = newEmail();
    const guest = await createUser(db);
    await db.sql("update auth.users set email = $2, is_anonymous = false where id = $1", [guest, email]);
    return { guest, email };
  }

  test("a guest linked in place keeps its id, credits and jobs and becomes registered", async () => {
    const { guest, email } = await linkedGuest();
    await spend(guest);
    const result = await complete(guest, guest);
    expect(result).toMatchObject({
      user: { id: guest, isGuest: false, email, credits: 7 },
      created: false,
      merged: false,
    });
    expect(
      await db.sql("select count(*)::int as n from public.video_jobs where user_id = $1", [guest]),
    ).toEqual([{ n: 1 }]);
  });

  test("a guest signing in to an existing account is merged: credits summed, jobs moved, guest row gone", async () => {
    const email = newEmail();
    const account = await createUser(db, { email });
    await spend(account);
    const guest = await createUser(db);
    const job = await spend(guest);
    const result = await complete(account, guest);
    expect(result).toMatchObject({
      user: { id: account, credits: 14 },
      merged: true,
      creditsMerged: 7,
      jobsMoved: 1,
    });
    expect(await db.sql("select user_id from public.video_jobs where id = $1", [job.job.id])).toEqual([
      { user_id: account },
    ]);
    expect(await db.sql("select 1 from public.users where id = $1", [guest])).toEqual([]);
  });

  const authUser = async (id: string) =>
    db.sql("select id, is_anonymous from auth.users where id = $1", [id]);

  test("a merged guest leaves no auth user behind; its jobs and credits are the account's", async () => {
    const account = await createUser(db, { email: newEmail() });
    const guest = await createUser(db);
    const job = await spend(guest);
    expect(await complete(account, guest)).toMatchObject({ merged: true, creditsMerged: 7, jobsMoved: 1 });
    expect(await authUser(guest)).toEqual([]);
    expect(await authUser(account)).toEqual([{ id: account, is_anonymous: false }]);
    expect(await db.sql("select user_id from public.video_jobs where id = $1", [job.job.id])).toEqual([
      { user_id: account },
    ]);
    expect(await balance(db, account)).toBe(17);
  });

  test("an upgrade in place deletes no auth user", async () => {
    const { guest } = await linkedGuest();
    expect(await complete(guest, guest)).toMatchObject({ user: { id: guest }, merged: false });
    expect(await authUser(guest)).toEqual([{ id: guest, is_anonymous: false }]);
  });

  test("a guest profile whose auth user is already permanent is merged, but that auth user stays", async () => {
    const account = await createUser(db, { email: newEmail() });
    const { guest } = await linkedGuest();
    expect(await complete(account, guest)).toMatchObject({ merged: true });
    expect(await db.sql("select 1 from public.users where id = $1", [guest])).toEqual([]);
    expect(await authUser(guest)).toEqual([{ id: guest, is_anonymous: false }]);
  });

  test("a new account without a guest gets the welcome credits once, or none when not allowed", async () => {
    const welcomed = randomUUID();
    const refused = randomUUID();
    for (const id of [welcomed, refused]) {
      await db.sql("insert into auth.users (id, email, is_anonymous) values ($1, $2, false)", [
        id,
        newEmail(),
      ]);
    }
    expect(await complete(welcomed, null)).toMatchObject({
      user: { credits: 10, isGuest: false },
      created: true,
    });
    expect(await complete(welcomed, null)).toMatchObject({ user: { credits: 10 }, created: false });
    expect(await complete(refused, null, false)).toMatchObject({ user: { credits: 0 }, created: true });
  });

  test("a new account made for a merging guest takes the guest's credits, not a second welcome", async () => {
    const account = randomUUID();
    await db.sql("insert into auth.users (id, email, is_anonymous) values ($1, $2, false)", [
      account,
      newEmail(),
    ]);
    const guest = await createUser(db);
    expect(await complete(account, guest)).toMatchObject({
      user: { credits: 10 },
      created: true,
      merged: true,
    });
  });

  test("a registered previous session is not merged, only left", async () => {
    const a = await createUser(db, { email: newEmail() });
    const b = await createUser(db, { email: newEmail() });
    expect(await complete(b, a)).toMatchObject({ user: { id: b }, merged: false });
    expect(await balance(db, a)).toBe(10);
  });

  test("an anonymous auth user cannot complete a sign-in", async () => {
    const guest = await createUser(db);
    await expectAppError(complete(guest, null), "unauthorized");
  });
});
