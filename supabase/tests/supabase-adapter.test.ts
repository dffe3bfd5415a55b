import { afterAll, beforeAll, expect, test } from "vitest";
import * as r from "../../lib/server/db/results";
import { supabaseRpc } from "../../lib/server/db/supabase";
import { openTestDb, type TestDb } from "./support/db";
import { expectAppError } from "./support/fixtures";

// Runs in the db-supabase project only: what supabase-js puts on the wire.

let db: TestDb;
beforeAll(async () => {
  db = await openTestDb();
});
afterAll(() => db.close());

test("calls /rest/v1/rpc/<fn> with the secret key and named arguments", async () => {
  db.requests.length = 0;
  await db.rpc.call("list_catalog", { p_locale: "tr" }, r.catalogResult);
  expect(db.requests).toHaveLength(1);
  const request = db.requests[0];
  expect(request).toMatchObject({
    method: "POST",
    path: "/rest/v1/rpc/list_catalog",
    body: { p_locale: "tr" },
  });
  expect(request?.headers.get("apikey")).toBe("sb_secret_test");
  expect(request?.headers.get("authorization")).toBe("Bearer sb_secret_test");
});

test("leaves out undefined arguments so SQL defaults apply", async () => {
  db.requests.length = 0;
  await db.rpc.call("list_catalog", { p_locale: undefined }, r.catalogResult);
  expect(db.requests[0]?.body).toEqual({});
});

test("maps PostgREST's error body to the catalogue code and field", async () => {
  await expectAppError(
    db.rpc.call("list_catalog", { p_locale: "xx" }, r.catalogResult),
    "validation_failed",
    "locale",
  );
  await expectAppError(db.rpc.call("get_me", { p_user_id: crypto.randomUUID() }, r.meResult), "unauthorized");
});

test("an unreachable Supabase is service_unavailable, not a bug", async () => {
  const offline = supabaseRpc({
    url: "http://supabase.test",
    secretKey: "sb_secret_test",
    fetch: async () => {
      throw new TypeError("fetch failed");
    },
  });
  await expectAppError(offline.call("health_check", {}, r.healthResult), "service_unavailable");
  await offline.close();
});
