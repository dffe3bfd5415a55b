import { randomUUID } from "node:crypto";
import { afterAll, beforeAll, describe, expect, test } from "vitest";
import * as r from "../../lib/server/db/functions";
import { createUser, expectAppError } from "../../scripts/test-support/db/fixtures";
import { openTestDb, type TestDb } from "../../scripts/test-support/db/test-db";

/**
 * The local sessions (embedded and postgres modes only): the row each session cookie names,
 * checked on every request, renewed in place, revoked by sign-out.
 */

let db: TestDb;
beforeAll(async () => {
  db = await openTestDb();
});
afterAll(() => db.close());

const TTL = 30 * 24 * 3600;

const start = (userId: string, ttl = TTL) =>
  db.rpc.call("local_auth_start_session", { p_user_id: userId, p_ttl_seconds: ttl }, r.localSessionResult);
const live = async (sessionId: string, userId: string) =>
  (
    await db.rpc.call(
      "local_auth_check_session",
      { p_session_id: sessionId, p_user_id: userId },
      r.localSessionCheckResult,
    )
  ).live;
const renew = (sessionId: string, userId: string, ttl = TTL) =>
  db.rpc.call(
    "local_auth_renew_session",
    { p_session_id: sessionId, p_user_id: userId, p_ttl_seconds: ttl },
    r.localSessionRenewResult,
  );
const end = async (sessionId: string, userId: string, everywhere = false) =>
  (
    await db.rpc.call(
      "local_auth_end_sessions",
      { p_session_id: sessionId, p_user_id: userId, p_everywhere: everywhere },
      r.localSessionsEndResult,
    )
  ).revoked;

describe("local sessions", () => {
  test("a new session is live for its own user only, until it expires", async () => {
    const user = await createUser(db);
    const other = await createUser(db);
    const session = await start(user);
    const expiresIn = (Date.parse(session.expiresAt) - Date.now()) / 1000;
    expect(Math.abs(expiresIn - TTL)).toBeLessThan(120);
    expect(await live(session.id, user)).toBe(true);
    expect(await live(session.id, other)).toBe(false);
    expect(await live(randomUUID(), user)).toBe(false);

    await db.sql("update auth.local_sessions set expires_at = now() - interval '1 second' where id = $1", [
      session.id,
    ]);
    expect(await live(session.id, user)).toBe(false);
    expect(await renew(session.id, user)).toEqual({ renewed: false });
  });

  test("bad input is refused and creates nothing", async () => {
    const user = await createUser(db);
    const count = async () => (await db.sql("select count(*)::int as n from auth.local_sessions"))[0]?.n;
    const before = await count();
    await expectAppError(start(randomUUID()), "unauthorized");
    await expectAppError(start(user, 0), "validation_failed", "ttlSeconds");
    await expectAppError(start(user, 91 * 24 * 3600), "validation_failed", "ttlSeconds");
    await expectAppError(
      db.rpc.call("local_auth_start_session", { p_user_id: user, p_ttl_seconds: null }, r.localSessionResult),
      "validation_failed",
      "ttlSeconds",
    );
    await expectAppError(
      db.rpc.call(
        "local_auth_end_sessions",
        { p_session_id: null, p_user_id: user, p_everywhere: true },
        r.localSessionsEndResult,
      ),
      "validation_failed",
      "sessionId",
    );
    await expectAppError(
      db.rpc.call(
        "local_auth_check_session",
        { p_session_id: "not-a-uuid", p_user_id: user },
        r.localSessionCheckResult,
      ),
      "validation_failed",
    );
    expect(await count()).toBe(before);
  });

  test("renewal keeps the id and moves the expiry; a revoked session cannot be renewed", async () => {
    const user = await createUser(db);
    const session = await start(user, 3600);
    const renewed = await renew(session.id, user);
    expect(renewed).toMatchObject({ renewed: true, id: session.id });
    if (!renewed.renewed) throw new Error("not renewed");
    expect(Date.parse(renewed.expiresAt)).toBeGreaterThan(Date.parse(session.expiresAt));
    const [row] = await db.sql(
      "select date_trunc('milliseconds', expires_at) = $2::timestamptz as same, renewed_at >= created_at as moved from auth.local_sessions where id = $1",
      [session.id, renewed.expiresAt],
    );
    expect(row).toEqual({ same: true, moved: true });

    expect(await end(session.id, user)).toBe(1);
    expect(await renew(session.id, user)).toEqual({ renewed: false });
    expect(await live(session.id, user)).toBe(false);
  });

  test("signing out one session leaves the user's others live; a second sign-out revokes nothing", async () => {
    const user = await createUser(db);
    const phone = await start(user);
    const laptop = await start(user);
    expect(await end(phone.id, user)).toBe(1);
    expect(await live(phone.id, user)).toBe(false);
    expect(await live(laptop.id, user)).toBe(true);
    expect(await end(phone.id, user)).toBe(0);
  });

  test("everywhere revokes every session of the user, this one included, and no one else's", async () => {
    const user = await createUser(db);
    const other = await createUser(db);
    const sessions = [await start(user), await start(user), await start(user)];
    const stranger = await start(other);
    expect(await end(sessions[0]?.id as string, user, true)).toBe(3);
    for (const s of sessions) expect(await live(s.id, user)).toBe(false);
    expect(await live(stranger.id, other)).toBe(true);
  });

  test("a revoked, expired or someone else's session can end nothing", async () => {
    const user = await createUser(db);
    const other = await createUser(db);
    const revoked = await start(user);
    const expired = await start(user);
    const kept = await start(user);
    await end(revoked.id, user);
    await db.sql("update auth.local_sessions set expires_at = now() - interval '1 second' where id = $1", [
      expired.id,
    ]);
    expect(await end(revoked.id, user, true)).toBe(0);
    expect(await end(expired.id, user, true)).toBe(0);
    expect(await end(kept.id, other, true)).toBe(0);
    expect(await live(kept.id, user)).toBe(true);
  });

  test("deleting the account deletes its sessions", async () => {
    const user = await createUser(db);
    const session = await start(user);
    await db.rpc.call("delete_account", { p_user_id: user }, r.mediaRemovalResult);
    expect(await db.sql("select 1 from auth.local_sessions where id = $1", [session.id])).toEqual([]);
    expect(await live(session.id, user)).toBe(false);
  });

  test("starting a session clears up to 100 expired ones (revoked ones go when they expire)", async () => {
    const user = await createUser(db);
    const revokedLive = await start(user);
    await end(revokedLive.id, user);
    await db.sql(
      `insert into auth.local_sessions (user_id, expires_at, revoked_at)
       select $1, now() - interval '1 day', case when n % 2 = 0 then now() - interval '2 days' end
       from generate_series(1, 150) n`,
      [user],
    );
    const expiredCount = async () =>
      (await db.sql("select count(*)::int as n from auth.local_sessions where expires_at < now()"))[0]?.n;
    expect(await expiredCount()).toBe(150);
    await start(user);
    expect(await expiredCount()).toBe(50);
    await start(user);
    expect(await expiredCount()).toBe(0);
    // Revoked but not yet expired: kept until it would have expired.
    expect(await db.sql("select 1 from auth.local_sessions where id = $1", [revokedLive.id])).toHaveLength(1);
  });

  test("the per-request check is a primary-key lookup", async () => {
    const user = await createUser(db);
    await db.sql(
      "insert into auth.local_sessions (user_id, expires_at) select $1, now() + interval '1 day' from generate_series(1, 5000)",
      [user],
    );
    await db.sql("analyze auth.local_sessions");
    const plan = await db.sql(
      `explain select 1 from auth.local_sessions
       where id = '${randomUUID()}' and user_id = '${user}' and revoked_at is null and expires_at > now()`,
    );
    expect(plan.map((row) => String(row["QUERY PLAN"])).join("\n")).toMatch(
      /Index Scan using local_sessions_pkey/,
    );
  });

  test("the table is closed to the API roles", async () => {
    for (const role of ["anon", "authenticated"] as const) {
      await expect(db.asRole(role, null, (q) => q("select * from auth.local_sessions"))).rejects.toThrow();
    }
  });
});
