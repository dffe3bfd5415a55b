import { afterAll, beforeAll, describe, expect, test } from "vitest";
import * as r from "../../lib/server/db/functions";
import {
  createUser,
  expectAppError,
  expectLedgerMatchesBalances,
} from "../../scripts/test-support/db/fixtures";
import { openTestDb, type TestDb } from "../../scripts/test-support/db/test-db";

/** Account deletion (20261130000200_account_deletion.sql) through the adapter under test. */

let db: TestDb;
beforeAll(async () => {
  db = await openTestDb();
});
afterAll(async () => {
  await expectLedgerMatchesBalances(db);
  await db.close();
});

describe("delete_account", () => {
  test("removes the auth user too, so the identity cannot be onboarded again for a second grant", async () => {
    const user = await createUser(db, { email: `gone-${Date.now()}@example.com` });
    const other = await createUser(db);
    await db.rpc.call("delete_account", { p_user_id: user }, r.mediaRemovalResult);
    expect(await db.sql("select 1 from auth.users where id = $1", [user])).toEqual([]);
    expect(await db.sql("select 1 from public.users where id = $1", [user])).toEqual([]);
    await expectAppError(db.rpc.call("onboard_user", { p_user_id: user }, r.onboardResult), "unauthorized");
    await expectAppError(db.rpc.call("get_me", { p_user_id: user }, r.meResult), "unauthorized");
    // A second call finds nobody; other people are untouched.
    await expectAppError(
      db.rpc.call("delete_account", { p_user_id: user }, r.mediaRemovalResult),
      "unauthorized",
    );
    expect(await db.sql("select 1 from auth.users where id = $1", [other])).toHaveLength(1);
  });

  test("is not executable by the API roles", async () => {
    const user = await createUser(db);
    for (const role of ["anon", "authenticated"] as const) {
      await expect(
        db.asRole(role, user, (query) => query("select public.delete_account($1)", [user])),
      ).rejects.toThrow(/permission denied/);
    }
    expect(await db.sql("select 1 from public.users where id = $1", [user])).toHaveLength(1);
  });
});
