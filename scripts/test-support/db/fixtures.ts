import { randomUUID } from "node:crypto";
import { expect } from "vitest";
import { AppError, type ErrorCode } from "../../../lib/errors";
import * as results from "../../../lib/server/db/functions";
import type { TestDb } from "./test-db";

/** Creates an auth user and onboards it (10 welcome credits). */
export async function createUser(db: TestDb, options: { email?: string } = {}): Promise<string> {
  const id = randomUUID();
  await db.sql("insert into auth.users (id, email, is_anonymous) values ($1, $2, $3)", [
    id,
    options.email ?? null,
    options.email === undefined,
  ]);
  await db.rpc.call("onboard_user", { p_user_id: id }, results.onboardResult);
  return id;
}

export async function balance(db: TestDb, userId: string): Promise<number> {
  const rows = await db.sql("select credits from public.users where id = $1", [userId]);
  return Number(rows[0]?.credits);
}

/** The ledger must explain every balance: sum(change) = credits, per user. */
export async function expectLedgerMatchesBalances(db: TestDb): Promise<void> {
  const rows = await db.sql(`
    select u.id, u.credits, coalesce(sum(l.change), 0)::int as ledger
    from public.users u left join public.credit_ledger l on l.user_id = u.id
    group by u.id, u.credits`);
  for (const row of rows)
    expect({ id: row.id, credits: row.credits }).toEqual({ id: row.id, credits: row.ledger });
}

/** A digest of every table the functions write, to prove a failed call changed nothing. */
export async function fingerprint(db: TestDb): Promise<string> {
  const tables = [
    "auth.users",
    "public.users",
    "public.video_jobs",
    "public.credit_ledger",
    "public.idempotency_records",
    "public.rate_limits",
    "public.webhook_events",
    "public.models",
    "public.themes",
    "public.credit_products",
    "public.push_subscriptions",
  ];
  // One statement (one round trip, one snapshot): bad-input.test.ts takes two per case.
  const digests = tables.map(
    (table) =>
      `'${table}:' || (select md5(coalesce(string_agg(t::text, '|' order by t::text), '')) from ${table} t)`,
  );
  const rows = await db.sql(`select concat_ws(',', ${digests.join(", ")}) as fingerprint`);
  return String(rows[0]?.fingerprint);
}

/** Expects the promise to fail with the catalogue code (and field, when given). */
export async function expectAppError(
  promise: Promise<unknown>,
  code: ErrorCode,
  field?: string,
): Promise<AppError> {
  const error = await promise.then(
    () => undefined,
    (e: unknown) => e,
  );
  expect(error, `expected ${code}${field ? ` (${field})` : ""}`).toBeInstanceOf(AppError);
  const appError = error as AppError;
  expect({ code: appError.code, field: appError.field }).toEqual({
    code,
    field: field === undefined ? appError.field : field,
  });
  return appError;
}

/** Seeded models, looked up by slug fragment. */
export async function modelBySlug(db: TestDb, fragment: string) {
  const { models } = await db.rpc.call("list_catalog", { p_locale: "en" }, results.catalogResult);
  const model = models.find((m) => m.slug.includes(fragment));
  if (!model) throw new Error(`no seeded model matches ${fragment}: ${models.map((m) => m.slug).join(", ")}`);
  return model;
}
