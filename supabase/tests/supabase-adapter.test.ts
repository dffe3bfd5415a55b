import { type AddressInfo, createServer } from "node:net";
import { afterAll, beforeAll, expect, test } from "vitest";
import * as r from "../../lib/server/db/functions";
import { supabaseRpc } from "../../lib/server/db/supabase";
import { expectAppError } from "../../scripts/test-support/db/fixtures";
import { openTestDb, type TestDb } from "../../scripts/test-support/db/test-db";

// Runs in the db-supabase project only: what supabase-js puts on the wire.

let db: TestDb;
beforeAll(async () => {
  db = await openTestDb();
});
afterAll(() => db.close());

const calls = () => db.standIn?.calls ?? [];

test("calls /rest/v1/rpc/<fn> with the secret key and named arguments", async () => {
  calls().length = 0;
  await db.rpc.call("list_catalog", { p_locale: "tr" }, r.catalogResult);
  expect(calls()).toHaveLength(1);
  const request = calls()[0];
  expect(request).toMatchObject({ method: "POST", path: "/rest/v1/rpc/list_catalog", status: 200 });
  expect(JSON.parse(request?.body ?? "")).toEqual({ p_locale: "tr" });
  expect(request?.headers.apikey).toBe(db.standIn?.secretKey);
  expect(request?.headers.authorization).toBe(`Bearer ${db.standIn?.secretKey}`);
});

test("leaves out undefined arguments so SQL defaults apply", async () => {
  calls().length = 0;
  await db.rpc.call("list_catalog", { p_locale: undefined }, r.catalogResult);
  expect(JSON.parse(calls()[0]?.body ?? "")).toEqual({});
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
  // A local port taken and released: nothing answers there.
  const server = createServer();
  await new Promise<void>((resolve) => server.listen(0, "127.0.0.1", resolve));
  const { port } = server.address() as AddressInfo;
  await new Promise((resolve) => server.close(resolve));
  const offline = supabaseRpc({ url: `http://127.0.0.1:${port}`, secretKey: "sb_secret_any" });
  await expectAppError(offline.call("health_check", {}, r.healthResult), "service_unavailable");
  await offline.close();
});
