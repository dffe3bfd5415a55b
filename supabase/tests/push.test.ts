import { createECDH, randomBytes, randomUUID } from "node:crypto";
import { afterAll, beforeAll, describe, expect, test } from "vitest";
import * as r from "../../lib/server/db/functions";
import { createUser, expectAppError } from "../../scripts/test-support/db/fixtures";
import { openTestDb, type TestDb } from "../../scripts/test-support/db/test-db";

/** Web Push subscriptions (20261130000400_push_subscriptions.sql) through the adapter under test. */

let db: TestDb;
beforeAll(async () => {
  db = await openTestDb();
});
afterAll(async () => {
  await db.close();
});

/** What a browser's PushSubscription.toJSON() holds: a fresh P-256 key and a 16-byte secret. */
function browserKeys() {
  const ecdh = createECDH("prime256v1");
  ecdh.generateKeys();
  return {
    p256dh: ecdh.getPublicKey().toString("base64url"),
    auth: randomBytes(16).toString("base64url"),
  };
}
const newEndpoint = () => `https://push.example.com/send/${randomUUID()}`;

async function save(userId: string, endpoint = newEndpoint(), keys = browserKeys(), expiresAt?: string) {
  const result = await db.rpc.call(
    "save_push_subscription",
    {
      p_user_id: userId,
      p_endpoint: endpoint,
      p_p256dh: keys.p256dh,
      p_auth: keys.auth,
      p_expires_at: expiresAt,
    },
    r.pushSaveResult,
  );
  return { endpoint, keys, result };
}
const list = (userId: string) =>
  db.rpc.call("list_push_subscriptions", { p_user_id: userId }, r.pushListResult);
const endpointsOf = async (userId: string) => (await list(userId)).subscriptions.map((s) => s.endpoint);

describe("save_push_subscription and list_push_subscriptions", () => {
  test("a saved subscription is listed with its keys and the user's language", async () => {
    const user = await createUser(db);
    await db.sql("update public.users set language = 'tr' where id = $1", [user]);
    const { endpoint, keys, result } = await save(user);
    expect(result).toEqual({ subscribed: true, created: true });
    expect(await list(user)).toEqual({ language: "tr", subscriptions: [{ endpoint, ...keys }] });
  });

  test("the same endpoint again updates its keys, and a new user takes it over", async () => {
    const [first, second] = [await createUser(db), await createUser(db)];
    const { endpoint } = await save(first);
    const renewed = browserKeys();
    expect((await save(first, endpoint, renewed)).result).toEqual({ subscribed: true, created: false });
    expect((await list(first)).subscriptions).toEqual([{ endpoint, ...renewed }]);
    await save(second, endpoint, renewed);
    expect(await endpointsOf(first)).toEqual([]);
    expect(await endpointsOf(second)).toEqual([endpoint]);
    expect(
      await db.sql("select 1 from public.push_subscriptions where endpoint = $1", [endpoint]),
    ).toHaveLength(1);
  });

  test("a user keeps at most 10 subscriptions, the newest", async () => {
    const user = await createUser(db);
    const saved: string[] = [];
    for (let i = 0; i < 12; i++) {
      saved.push((await save(user)).endpoint);
      // updated_at is the transaction time; keep the order unambiguous
      await db.sql(
        "update public.push_subscriptions set updated_at = now() - make_interval(secs => $2) where endpoint = $1",
        [saved[i], 100 - i],
      );
    }
    expect(await endpointsOf(user)).toEqual(saved.slice(2).reverse());
  });

  test("an expired subscription is not listed", async () => {
    const user = await createUser(db);
    await save(user, newEndpoint(), browserKeys(), new Date(Date.now() - 1000).toISOString());
    const { endpoint } = await save(
      user,
      newEndpoint(),
      browserKeys(),
      new Date(Date.now() + 3_600_000).toISOString(),
    );
    expect(await endpointsOf(user)).toEqual([endpoint]);
  });

  test("an unknown user cannot subscribe or be listed", async () => {
    const unknown = randomUUID();
    await expectAppError(save(unknown), "unauthorized");
    await expectAppError(list(unknown), "unauthorized");
  });
});

describe("delete_push_subscription and forget_push_subscription", () => {
  test("a user deletes only their own subscription", async () => {
    const [owner, other] = [await createUser(db), await createUser(db)];
    const { endpoint } = await save(owner);
    const call = (userId: string) =>
      db.rpc.call(
        "delete_push_subscription",
        { p_user_id: userId, p_endpoint: endpoint },
        r.pushDeleteResult,
      );
    expect(await call(other)).toEqual({ deleted: false });
    expect(await endpointsOf(owner)).toEqual([endpoint]);
    expect(await call(owner)).toEqual({ deleted: true });
    expect(await endpointsOf(owner)).toEqual([]);
    expect(await call(owner)).toEqual({ deleted: false });
  });

  test("a subscription the push service no longer knows is forgotten, whoever owns it", async () => {
    const user = await createUser(db);
    const [gone, kept] = [await save(user), await save(user)];
    const forget = () =>
      db.rpc.call("forget_push_subscription", { p_endpoint: gone.endpoint }, r.pushForgetResult);
    expect(await forget()).toEqual({ forgotten: true });
    expect(await forget()).toEqual({ forgotten: false });
    expect(await endpointsOf(user)).toEqual([kept.endpoint]);
  });
});

describe("accounts", () => {
  test("a guest's subscriptions move to the account it merges into", async () => {
    const guest = await createUser(db);
    const account = await createUser(db, { email: `push-${randomUUID().slice(0, 8)}@example.com` });
    const { endpoint } = await save(guest);
    const own = await save(account);
    await db.rpc.call("merge_guest", { p_guest_id: guest, p_target_id: account }, r.mergeResult);
    expect((await endpointsOf(account)).sort()).toEqual([endpoint, own.endpoint].sort());
    expect(await db.sql("select 1 from public.push_subscriptions where user_id = $1", [guest])).toEqual([]);
  });

  test("deleting the account removes its subscriptions and nobody else's", async () => {
    const [leaving, staying] = [await createUser(db), await createUser(db)];
    const gone = await save(leaving);
    const kept = await save(staying);
    await db.rpc.call("delete_account", { p_user_id: leaving }, r.mediaRemovalResult);
    expect(
      await db.sql("select 1 from public.push_subscriptions where endpoint = $1", [gone.endpoint]),
    ).toEqual([]);
    expect(await endpointsOf(staying)).toEqual([kept.endpoint]);
  });
});

describe("privileges", () => {
  test.each(["anon", "authenticated"] as const)(
    "%s can neither read the table nor call the functions",
    async (role) => {
      const user = await createUser(db);
      const { endpoint } = await save(user);
      const attempts = [
        "select * from public.push_subscriptions",
        `select public.list_push_subscriptions('${user}')`,
        `select public.forget_push_subscription('${endpoint}')`,
        `select public.delete_push_subscription('${user}', '${endpoint}')`,
        `select public.save_push_subscription('${user}', 'https://evil.example.com/x', 'a', 'b')`,
      ];
      for (const sql of attempts) {
        const outcome = await db
          .asRole(role, user, (q) => q(sql))
          .then(
            () => "allowed",
            (error: { code?: string }) => error.code,
          );
        expect(outcome, `${role}: ${sql}`).toBe("42501");
      }
      expect(await endpointsOf(user)).toEqual([endpoint]);
    },
  );
});
