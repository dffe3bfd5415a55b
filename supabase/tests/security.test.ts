import { randomUUID } from "node:crypto";
import { readdirSync, readFileSync } from "node:fs";
import { fileURLToPath } from "node:url";
import { afterAll, beforeAll, describe, expect, test } from "vitest";
import * as results from "../../lib/server/db/functions";
import { createUser } from "../../scripts/test-support/db/fixtures";
import { openTestDb, type TestDb } from "../../scripts/test-support/db/test-db";

/**
 * Row-level security and privileges on the real roles. The browser never talks to the database,
 * but if it did, with the publishable key (anon) or a user's JWT (authenticated), it could read
 * only its own rows and the public catalog, write nothing and call no function.
 * (Not run against the supabase target: it has no raw role switching.)
 */

type Role = "anon" | "authenticated";
const API_ROLES: Role[] = ["anon", "authenticated"];

const TABLES = [
  "credit_ledger",
  "credit_products",
  "idempotency_records",
  "models",
  "push_subscriptions",
  "rate_limits",
  "themes",
  "users",
  "video_jobs",
  "webhook_events",
];
const OWN_ROWS_TABLES = ["users", "video_jobs", "credit_ledger", "idempotency_records"];
const CATALOG_TABLES = ["models", "themes", "credit_products"];
/** Which role may SELECT which table (RLS then filters the rows). */
const SELECT_GRANTS: Record<Role, string[]> = {
  anon: CATALOG_TABLES,
  authenticated: [...CATALOG_TABLES, ...OWN_ROWS_TABLES],
};

// What the SQL files create (the local shim too: these databases run in a local mode), read from
// the files themselves.
const sqlIn = (folder: string) => {
  const dir = fileURLToPath(new URL(`../${folder}/`, import.meta.url));
  return readdirSync(dir)
    .filter((name) => name.endsWith(".sql"))
    .sort()
    .map((name) => readFileSync(`${dir}${name}`, "utf8"));
};
const migrationSql = [...sqlIn("local"), ...sqlIn("migrations")].join("\n");
const matches = (pattern: RegExp) =>
  [...new Set([...migrationSql.matchAll(pattern)].map((m) => (m[1] as string).toLowerCase()))].sort();
const migratedTables = matches(/create\s+table\s+(?:if\s+not\s+exists\s+)?public\.(\w+)/gi);
const migratedFunctions = matches(/create\s+(?:or\s+replace\s+)?function\s+public\.(\w+)/gi);

let db: TestDb;
let userA: string;
let userB: string;
let hiddenModel: string;
let hiddenTheme: string;
let hiddenProduct: string;

beforeAll(async () => {
  db = await openTestDb();
  userA = await createUser(db);
  userB = await createUser(db, { email: "b@example.com" });
  const { models } = await db.rpc.call("list_catalog", { p_locale: "en" }, results.catalogResult);
  const ltx = models.find((m) => m.slug === "ltx-2-fast");
  if (!ltx) throw new Error("seeded model ltx-2-fast missing");
  // Each user gets a job, a spend in the ledger and an idempotency record.
  for (const user of [userA, userB]) {
    await db.rpc.call(
      "generate_video",
      {
        p_user_id: user,
        p_idempotency_key: randomUUID(),
        p_model_id: ltx.id,
        p_prompt: `A lighthouse in a storm for ${user}`,
      },
      results.generateResult,
    );
  }
  await db.rpc.call(
    "grant_purchase",
    { p_user_id: userB, p_product_id: "c2ed0001-0000-4000-8000-000000000001", p_external_ref: "ext-b-1" },
    results.purchaseResult,
  );
  await db.rpc.call(
    "check_rate_limit",
    { p_bucket: "t", p_limit: 5, p_window_seconds: 60 },
    results.rateLimitResult,
  );
  await db.rpc.call(
    "record_webhook_event",
    { p_provider: "fal", p_event_id: "e1" },
    results.webhookEventResult,
  );

  const first = async (sql: string) => String((await db.sql(sql))[0]?.id);
  hiddenModel = await first(
    "update public.models set is_available = false where slug = 'sora-2-text-to-video' returning id",
  );
  hiddenTheme = await first(
    "update public.themes set is_available = false where slug = 'summer-beach' returning id",
  );
  hiddenProduct = await first(
    "update public.credit_products set is_active = false where slug = 'pack-250' returning id",
  );
});

afterAll(async () => {
  await db?.close();
});

/** Runs one statement as the role (in its own rolled-back transaction) and expects 42501. */
async function expectDenied(
  role: Role,
  userId: string | null,
  sql: string,
  params?: unknown[],
): Promise<void> {
  const outcome = await db
    .asRole(role, userId, (q) => q(sql, params))
    .then(
      (rows) => ({ rows }),
      (error: unknown) => ({ error }),
    );
  expect(outcome, `${role}: ${sql}`).toHaveProperty("error");
  const code = (outcome as { error: { code?: unknown } }).error.code;
  expect(code, `${role}: ${sql}`).toBe("42501");
}

const sortedIds = (rows: Record<string, unknown>[]) => rows.map((r) => String(r.id)).sort();
const userFor = (role: Role) => (role === "authenticated" ? userA : null);

describe("tables", () => {
  test("the migrations create exactly the tables in schema public, and nothing that bypasses RLS", async () => {
    expect(migratedTables).toEqual(expect.arrayContaining(TABLES));
    const rows = await db.sql(`
      select c.relname, c.relkind from pg_class c
      where c.relnamespace = 'public'::regnamespace and c.relkind in ('r', 'p', 'v', 'm', 'f')
      order by 1`);
    // Views, materialized views and foreign tables would not be covered by row-level security.
    expect(rows.filter((r) => r.relkind !== "r" && r.relkind !== "p")).toEqual([]);
    expect(rows.map((r) => r.relname)).toEqual(migratedTables);
  });

  test("every table in schema public has row-level security enabled", async () => {
    const rows = await db.sql(`
      select c.relname, c.relrowsecurity from pg_class c
      join pg_namespace n on n.oid = c.relnamespace
      where n.nspname = 'public' and c.relkind in ('r', 'p')
      order by 1`);
    expect(rows.length).toBeGreaterThanOrEqual(TABLES.length);
    expect(rows.filter((r) => r.relrowsecurity !== true).map((r) => r.relname)).toEqual([]);
  });

  test.each(API_ROLES)("%s has no write privilege on any table, column or sequence", async (role) => {
    const tables = await db.sql(
      `
      select c.relname,
        has_table_privilege($1, c.oid, 'INSERT') as ins,
        has_table_privilege($1, c.oid, 'UPDATE') as upd,
        has_table_privilege($1, c.oid, 'DELETE') as del,
        has_table_privilege($1, c.oid, 'TRUNCATE') as trunc,
        has_table_privilege($1, c.oid, 'REFERENCES') as refs,
        has_table_privilege($1, c.oid, 'TRIGGER') as trig,
        has_any_column_privilege($1, c.oid, 'INSERT') as col_ins,
        has_any_column_privilege($1, c.oid, 'UPDATE') as col_upd,
        has_table_privilege($1, c.oid, 'SELECT') as sel,
        has_any_column_privilege($1, c.oid, 'SELECT') as col_sel
      from pg_class c
      where c.relnamespace = 'public'::regnamespace and c.relkind in ('r', 'p')
      order by 1`,
      [role],
    );
    expect(tables.map((t) => t.relname)).toEqual(migratedTables);
    for (const t of tables) {
      const { relname, sel, col_sel, ...writes } = t;
      expect({ relname, ...writes }).toEqual({
        relname,
        ins: false,
        upd: false,
        del: false,
        trunc: false,
        refs: false,
        trig: false,
        col_ins: false,
        col_upd: false,
      });
      const mayRead = SELECT_GRANTS[role].includes(String(relname));
      expect({ relname, sel, col_sel }).toEqual({ relname, sel: mayRead, col_sel: mayRead });
    }
    const sequences = await db.sql(
      `select c.relname,
         has_sequence_privilege($1, c.oid, 'USAGE') or has_sequence_privilege($1, c.oid, 'SELECT')
           or has_sequence_privilege($1, c.oid, 'UPDATE') as any
       from pg_class c where c.relnamespace = 'public'::regnamespace and c.relkind = 'S'`,
      [role],
    );
    expect(sequences.length).toBeGreaterThan(0); // credit_ledger's identity
    expect(sequences.filter((s) => s.any)).toEqual([]);
  });
});

describe("reading", () => {
  test("user B has rows in every per-user table (so the filters below mean something)", async () => {
    for (const table of OWN_ROWS_TABLES) {
      const column = table === "users" ? "id" : "user_id";
      const rows = await db.sql(`select ${column} as owner from public.${table}`);
      expect(
        rows.map((r) => r.owner),
        table,
      ).toContain(userB);
      expect(
        rows.map((r) => r.owner),
        table,
      ).toContain(userA);
    }
  });

  test.each(OWN_ROWS_TABLES)("authenticated user A sees only A's rows of %s", async (table) => {
    const column = table === "users" ? "id" : "user_id";
    const seen = await db.asRole("authenticated", userA, (q) =>
      q(`select ${column} as owner from public.${table}`),
    );
    const all = await db.sql(`select ${column} as owner from public.${table} where ${column} = $1`, [userA]);
    expect(seen.length).toBeGreaterThan(0);
    expect(seen.length).toBe(all.length);
    expect(new Set(seen.map((r) => r.owner))).toEqual(new Set([userA]));
  });

  test("authenticated user A cannot read B's row even by asking for it", async () => {
    const seen = await db.asRole("authenticated", userA, (q) =>
      q("select id from public.users where id = $1", [userB]),
    );
    expect(seen).toEqual([]);
  });

  test.each(OWN_ROWS_TABLES)(
    "authenticated without a user id (no sub claim) sees no row of %s",
    async (table) => {
      expect(await db.asRole("authenticated", null, (q) => q(`select 1 from public.${table}`))).toEqual([]);
    },
  );

  const catalogCases = API_ROLES.flatMap((role) =>
    [
      { table: "models", visible: "is_available", hidden: () => hiddenModel },
      { table: "themes", visible: "is_available", hidden: () => hiddenTheme },
      { table: "credit_products", visible: "is_active", hidden: () => hiddenProduct },
    ].map((c) => ({ role, ...c })),
  );
  test.each(catalogCases)(
    "$role reads only the available rows of $table",
    async ({ role, table, visible, hidden }) => {
      const seen = await db.asRole(role, userFor(role), (q) => q(`select id from public.${table}`));
      const expected = await db.sql(`select id from public.${table} where ${visible}`);
      const total = await db.sql(`select id from public.${table}`);
      expect(sortedIds(seen)).toEqual(sortedIds(expected));
      expect(sortedIds(seen)).not.toContain(hidden());
      expect(total.length).toBeGreaterThan(seen.length);
      expect(seen.length).toBeGreaterThan(0);
    },
  );

  test.each([
    "users",
    "video_jobs",
    "credit_ledger",
    "idempotency_records",
    "rate_limits",
    "webhook_events",
    "push_subscriptions",
  ])("anon cannot select from %s at all", async (table) => {
    await expectDenied("anon", null, `select * from public.${table}`);
  });

  test.each(["rate_limits", "webhook_events", "push_subscriptions"])(
    "authenticated cannot select from %s at all",
    async (table) => {
      await expectDenied("authenticated", userA, `select * from public.${table}`);
    },
  );
});

describe("writing", () => {
  const realistic = API_ROLES.flatMap((role) =>
    [
      { what: "raise own credits", sql: "update public.users set credits = 1000", params: () => [] },
      {
        what: "raise own credits by id",
        sql: "update public.users set credits = 1000 where id = $1",
        params: () => [userA],
      },
      {
        what: "insert a free job",
        sql: `insert into public.video_jobs (user_id, model_id, prompt, duration_seconds, resolution,
                aspect_ratio, audio, credits_used, provider, provider_model_id, deadline_at, expires_at)
              select $1, id, 'free video', 6, '1080p', '16:9', false, 1, 'local', provider_model_id,
                now() + interval '1 hour', now() + interval '7 days'
              from public.models limit 1`,
        params: () => [userA],
      },
      {
        what: "insert a ledger credit",
        sql: "insert into public.credit_ledger (user_id, kind, change, balance_after) values ($1, 'admin', 1000, 1010)",
        params: () => [userA],
      },
      { what: "delete users", sql: "delete from public.users", params: () => [] },
      {
        what: "mark a job completed",
        sql: "update public.video_jobs set status = 'failed', error_code = 'x'",
        params: () => [],
      },
      { what: "delete own ledger", sql: "delete from public.credit_ledger", params: () => [] },
      { what: "make a model free", sql: "update public.models set pricing = '{}'::jsonb", params: () => [] },
      {
        what: "take the identity sequence",
        sql: "select nextval('public.credit_ledger_id_seq')",
        params: () => [],
      },
    ].map((c) => ({ role, ...c })),
  );
  test.each(realistic)("$role cannot $what", async ({ role, sql, params }) => {
    await expectDenied(role, userFor(role), sql, params());
  });

  const generic = API_ROLES.flatMap((role) =>
    TABLES.flatMap((table) =>
      (["insert", "update", "delete", "truncate"] as const).map((verb) => ({ role, table, verb })),
    ),
  );
  test.each(generic)("$role: $verb on $table is denied", async ({ role, table, verb }) => {
    const [column] = await db.sql(
      `select attname from pg_attribute
       where attrelid = $1::regclass and attnum > 0 and not attisdropped and attidentity = '' and attgenerated = ''
       order by attnum limit 1`,
      [`public.${table}`],
    );
    const col = String(column?.attname);
    const sql = {
      insert: `insert into public.${table} default values`,
      update: `update public.${table} set ${col} = ${col}`,
      delete: `delete from public.${table}`,
      truncate: `truncate public.${table}`,
    }[verb];
    await expectDenied(role, userFor(role), sql);
  });

  test("the attempts changed nothing", async () => {
    const rows = await db.sql("select id, credits from public.users");
    // 10 welcome credits; A spent 3, B spent 3 and bought 10.
    expect(Object.fromEntries(rows.map((r) => [r.id, r.credits]))).toEqual({ [userA]: 7, [userB]: 17 });
    expect(await db.sql("select count(*)::int as n from public.video_jobs")).toEqual([{ n: 2 }]);
  });
});

describe("functions", () => {
  test("schema public holds exactly the functions the migrations create", async () => {
    const rows = await db.sql(
      "select proname from pg_proc where pronamespace = 'public'::regnamespace order by 1",
    );
    expect(migratedFunctions).toEqual(
      expect.arrayContaining(["generate_video", "grant_purchase", "merge_guest", "delete_account", "sweep"]),
    );
    expect(rows.map((r) => r.proname)).toEqual(migratedFunctions);
  });

  test("every public function is a security definer with an empty search_path, returns jsonb and only service_role may run it", async () => {
    const rows = await db.sql(`
      select p.oid::regprocedure::text as signature, p.prosecdef, p.proconfig,
        p.prorettype = 'jsonb'::regtype as returns_jsonb,
        has_function_privilege('public', p.oid, 'EXECUTE') as public_exec,
        has_function_privilege('anon', p.oid, 'EXECUTE') as anon_exec,
        has_function_privilege('authenticated', p.oid, 'EXECUTE') as authenticated_exec,
        has_function_privilege('service_role', p.oid, 'EXECUTE') as service_role_exec
      from pg_proc p where p.pronamespace = 'public'::regnamespace order by 1`);
    expect(rows.length).toBe(migratedFunctions.length);
    for (const row of rows) {
      const { signature, proconfig, ...flags } = row;
      expect({ signature, ...flags }).toEqual({
        signature,
        prosecdef: true,
        returns_jsonb: true,
        public_exec: false,
        anon_exec: false,
        authenticated_exec: false,
        service_role_exec: true,
      });
      expect({ signature, proconfig }).toEqual({
        signature,
        proconfig: expect.arrayContaining(['search_path=""']),
      });
    }
  });

  describe("a function a later migration adds", () => {
    let added: Record<string, unknown>[] = [];

    test("is created by the migration owner in a rolled-back transaction", async () => {
      added = await db.asRole("anon", null, async (q) => {
        await q("reset role");
        await q(
          "create function public.added_later() returns jsonb language sql as $$ select '{}'::jsonb $$",
        );
        return q(`select has_function_privilege('anon', 'public.added_later()', 'EXECUTE') as anon,
                         has_function_privilege('authenticated', 'public.added_later()', 'EXECUTE') as authenticated,
                         has_function_privilege('public', 'public.added_later()', 'EXECUTE') as public`);
      });
      expect(added).toHaveLength(1);
      expect(await db.sql("select 1 from pg_proc where proname = 'added_later'")).toEqual([]);
    });

    test("is not executable by anon, authenticated or public (default privileges)", () => {
      expect(added).toEqual([{ anon: false, authenticated: false, public: false }]);
    });
  });

  test.each(API_ROLES)("%s cannot call generate_video", async (role) => {
    const model = (await db.sql("select id from public.models where is_available limit 1"))[0]?.id;
    await expectDenied(
      role,
      userFor(role),
      "select public.generate_video(p_user_id => $1, p_idempotency_key => $2, p_model_id => $3, p_prompt => 'x')",
      [userA, randomUUID(), model],
    );
  });

  test.each(API_ROLES)("%s cannot call grant_purchase", async (role) => {
    await expectDenied(
      role,
      userFor(role),
      "select public.grant_purchase(p_user_id => $1, p_product_id => 'c2ed0005-0000-4000-8000-000000000005', p_external_ref => 'free')",
      [userB],
    );
  });

  test.each(API_ROLES)("%s cannot call any public function", async (role) => {
    const functions = await db.sql(
      "select proname, pronargs from pg_proc where pronamespace = 'public'::regnamespace order by 1",
    );
    expect(functions.length).toBe(migratedFunctions.length);
    for (const fn of functions) {
      const nulls = Array.from({ length: Number(fn.pronargs) }, () => "null").join(", ");
      await expectDenied(role, userFor(role), `select public.${String(fn.proname)}(${nulls})`);
    }
  });
});

describe("other schemas", () => {
  test.each(["internal", "rendio_meta"])(
    "anon, authenticated and public have no privilege on schema %s",
    async (schema) => {
      const rows = await db.sql(
        `select r.role,
         has_schema_privilege(r.role, $1, 'USAGE') as usage,
         has_schema_privilege(r.role, $1, 'CREATE') as create
       from unnest(array['anon', 'authenticated', 'public']) as r(role) order by 1`,
        [schema],
      );
      expect(rows).toEqual([
        { role: "anon", usage: false, create: false },
        { role: "authenticated", usage: false, create: false },
        { role: "public", usage: false, create: false },
      ]);
    },
  );

  test("no internal function is executable by anon or authenticated", async () => {
    const rows = await db.sql(`
      select p.oid::regprocedure::text as signature from pg_proc p
      where p.pronamespace = 'internal'::regnamespace
        and (has_function_privilege('anon', p.oid, 'EXECUTE') or has_function_privilege('authenticated', p.oid, 'EXECUTE'))`);
    expect(rows).toEqual([]);
  });

  test.each(API_ROLES)("%s cannot call an internal helper", async (role) => {
    await expectDenied(role, userFor(role), "select internal.apply_credits($1, 'admin', 1000)", [userA]);
  });
});

describe("service_role", () => {
  test("bypasses row-level security and reads every user (sanity)", async () => {
    const flags = await db.sql("select rolbypassrls from pg_roles where rolname = 'service_role'");
    expect(flags).toEqual([{ rolbypassrls: true }]);
    const seen = await db.asRole("authenticated", userA, async (q) => {
      await q("set local role service_role");
      const [who] = await q("select current_user as role");
      return { role: who?.role, users: await q("select id from public.users") };
    });
    const all = await db.sql("select id from public.users");
    expect(seen.role).toBe("service_role");
    expect(sortedIds(seen.users)).toEqual(sortedIds(all));
    expect(sortedIds(seen.users)).toEqual([userA, userB].sort());
  });
});
