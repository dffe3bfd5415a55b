/**
 * What a database's schema is, read from PostgreSQL's catalogs as text, so that two databases
 * built different ways (the migrations in order, or the declarative schema in one go) can be
 * compared. Every entry is "<kind> <name>" → its definition. Objects PostgreSQL itself makes and
 * the migration runner's own bookkeeping (rendio_meta) are left out; dropped columns leave no
 * trace (columns compare by their order among the live ones).
 */

type Row = Record<string, unknown>;
type Query = (sql: string) => Promise<Row[]>;

export type Catalog = Map<string, string>;

const ours = (column: string) =>
  `${column} not in ('pg_catalog', 'information_schema', 'rendio_meta') and ${column} not like 'pg\\_%'`;

/**
 * An ACL as one line per grantee, "grantee=PRIVILEGE,…". Given the object's kind (an acldefault
 * letter: 'r' table, 's' sequence, 'f' function, …) and owner, a null ACL reads as PostgreSQL's
 * default for it, so "never granted" and "granted, then revoked back" compare equal.
 */
const acl = (column: string, kind?: string, owner?: string) => `(
  select coalesce(string_agg(grantee || '=' || privileges, E'\\n' order by grantee), 'none') from (
    select case when a.grantee = 0 then 'PUBLIC' else pg_get_userbyid(a.grantee) end as grantee,
           string_agg(a.privilege_type || case when a.is_grantable then '*' else '' end, ','
                      order by a.privilege_type) as privileges
    from aclexplode(${kind ? `coalesce(${column}, acldefault(${kind}, ${owner}))` : column}) a
    group by 1
  ) grants)`;

/** Each query answers rows of (key, value); the kind is prefixed to the key. */
export const CATALOG_QUERIES: Record<string, string> = {
  schema: `
    select n.nspname as key,
           'owner ' || pg_get_userbyid(n.nspowner) || E'\\nacl\\n' || ${acl("n.nspacl", "'n'", "n.nspowner")} as value
    from pg_namespace n where ${ours("n.nspname")}`,
  relation: `
    select n.nspname || '.' || c.relname as key,
           concat_ws(E'\\n', 'kind ' || c.relkind::text, 'persistence ' || c.relpersistence::text,
             'row level security ' || c.relrowsecurity, 'forced ' || c.relforcerowsecurity,
             'options ' || coalesce(array_to_string(c.reloptions, ','), 'none'),
             E'acl\\n' || ${acl("c.relacl", "case c.relkind when 'S' then 's'::\"char\" else 'r' end", "c.relowner")},
             case when c.relkind in ('v', 'm') then 'view ' || pg_get_viewdef(c.oid) end) as value
    from pg_class c join pg_namespace n on n.oid = c.relnamespace
    where ${ours("n.nspname")} and c.relkind in ('r', 'p', 'v', 'm', 'f', 'S')`,
  column: `
    select n.nspname || '.' || c.relname || '.' || a.attname as key,
           concat_ws(E'\\n',
             'position ' || row_number() over (partition by c.oid order by a.attnum),
             format_type(a.atttypid, a.atttypmod),
             case when a.attnotnull then 'not null' else 'null' end,
             'default ' || coalesce(pg_get_expr(d.adbin, d.adrelid), 'none'),
             'identity ' || a.attidentity::text, 'generated ' || a.attgenerated::text,
             'collation ' || a.attcollation::regcollation::text,
             E'acl\\n' || ${acl("a.attacl", "'c'", "c.relowner")}) as value
    from pg_attribute a
    join pg_class c on c.oid = a.attrelid
    join pg_namespace n on n.oid = c.relnamespace
    left join pg_attrdef d on d.adrelid = a.attrelid and d.adnum = a.attnum
    where ${ours("n.nspname")} and c.relkind in ('r', 'p', 'v', 'm', 'f')
      and a.attnum > 0 and not a.attisdropped`,
  constraint: `
    select n.nspname || '.' || c.relname || ' ' || con.conname as key,
           con.contype::text || ' ' || pg_get_constraintdef(con.oid) as value
    from pg_constraint con
    join pg_class c on c.oid = con.conrelid
    join pg_namespace n on n.oid = c.relnamespace
    where ${ours("n.nspname")}`,
  index: `
    select n.nspname || '.' || ic.relname as key, pg_get_indexdef(i.indexrelid) as value
    from pg_index i
    join pg_class ic on ic.oid = i.indexrelid
    join pg_namespace n on n.oid = ic.relnamespace
    where ${ours("n.nspname")}`,
  policy: `
    select p.schemaname || '.' || p.tablename || ' ' || p.policyname as key,
           concat_ws(E'\\n', p.permissive, p.cmd,
             'to ' || (select string_agg(r, ',' order by r) from unnest(p.roles) r),
             'using ' || coalesce(p.qual, 'none'), 'check ' || coalesce(p.with_check, 'none')) as value
    from pg_policies p where ${ours("p.schemaname")}`,
  trigger: `
    select n.nspname || '.' || c.relname || ' ' || t.tgname as key,
           pg_get_triggerdef(t.oid) || E'\\nenabled ' || t.tgenabled::text as value
    from pg_trigger t
    join pg_class c on c.oid = t.tgrelid
    join pg_namespace n on n.oid = c.relnamespace
    where ${ours("n.nspname")} and not t.tgisinternal`,
  // pg_get_functiondef carries the arguments with their defaults, the result, the language, the
  // volatility, security definer, strictness, settings (search_path) and the body.
  function: `
    select n.nspname || '.' || p.proname || '(' || pg_get_function_identity_arguments(p.oid) || ')' as key,
           pg_get_functiondef(p.oid) || E'\\n-- owner ' || pg_get_userbyid(p.proowner)
             || E'\\n-- acl\\n' || ${acl("p.proacl", "'f'", "p.proowner")} as value
    from pg_proc p join pg_namespace n on n.oid = p.pronamespace
    where ${ours("n.nspname")} and p.prokind <> 'a'`,
  type: `
    select n.nspname || '.' || t.typname as key,
           concat_ws(E'\\n', 'type ' || t.typtype::text,
             case when t.typtype = 'd' then 'over ' || format_type(t.typbasetype, t.typtypmod)
               || case when t.typnotnull then ' not null' else '' end end,
             (select 'labels ' || string_agg(e.enumlabel, ',' order by e.enumsortorder)
              from pg_enum e where e.enumtypid = t.oid),
             (select 'checks ' || string_agg(pg_get_constraintdef(con.oid), ' and ' order by con.conname)
              from pg_constraint con where con.contypid = t.oid),
             (select 'fields ' || string_agg(a.attname || ' ' || format_type(a.atttypid, a.atttypmod), ', ' order by a.attnum)
              from pg_attribute a join pg_class c on c.oid = a.attrelid
              where c.oid = t.typrelid and c.relkind = 'c' and a.attnum > 0)) as value
    from pg_type t join pg_namespace n on n.oid = t.typnamespace
    where ${ours("n.nspname")} and (t.typtype in ('e', 'd', 'r', 'm')
      or (t.typtype = 'c' and (select relkind from pg_class where oid = t.typrelid) = 'c'))`,
  sequence: `
    select n.nspname || '.' || c.relname as key,
           concat_ws(E'\\n', format_type(s.seqtypid, null), 'start ' || s.seqstart, 'increment ' || s.seqincrement,
             'min ' || s.seqmin, 'max ' || s.seqmax, 'cache ' || s.seqcache, 'cycle ' || s.seqcycle) as value
    from pg_sequence s
    join pg_class c on c.oid = s.seqrelid
    join pg_namespace n on n.oid = c.relnamespace
    where ${ours("n.nspname")}`,
  "default privileges": `
    select pg_get_userbyid(d.defaclrole) || ' in ' || coalesce(n.nspname, 'every schema')
             || ' on ' || d.defaclobjtype::text as key,
           ${acl("d.defaclacl")} as value
    from pg_default_acl d left join pg_namespace n on n.oid = d.defaclnamespace
    where n.nspname is null or ${ours("n.nspname")}`,
  comment: `
    select pg_describe_object(d.classoid, d.objoid, d.objsubid) as key, d.description as value
    from pg_description d where d.objoid >= 16384`,
  extension: `
    select e.extname as key, e.extversion || ' in ' || e.extnamespace::regnamespace::text as value
    from pg_extension e`,
  publication: `
    select p.pubname || ' ' || p.schemaname || '.' || p.tablename as key, 'published' as value
    from pg_publication_tables p`,
  // Storage buckets are rows, but they are part of what the schema declares.
  bucket: `
    select b.id as key, (to_jsonb(b) - 'created_at' - 'updated_at')::text as value
    from storage.buckets b`,
};

export async function readCatalog(query: Query): Promise<Catalog> {
  const catalog: Catalog = new Map();
  for (const [kind, sql] of Object.entries(CATALOG_QUERIES)) {
    for (const row of await query(sql)) catalog.set(`${kind} ${row.key}`, String(row.value));
  }
  return catalog;
}

/** Readable differences, one string per object: what only one side has, or how a definition differs. */
export function catalogDiff(
  expected: Catalog,
  actual: Catalog,
  names: { expected: string; actual: string },
): string[] {
  const keys = [...new Set([...expected.keys(), ...actual.keys()])].sort();
  const differences: string[] = [];
  for (const key of keys) {
    const a = expected.get(key);
    const b = actual.get(key);
    if (a === b) continue;
    if (b === undefined) differences.push(`${key}: missing from ${names.actual}`);
    else if (a === undefined) differences.push(`${key}: in ${names.actual} only, not in ${names.expected}`);
    else differences.push(`${key} differs (- ${names.expected}, + ${names.actual}):\n${lineDiff(a, b)}`);
  }
  return differences;
}

/** The lines that differ, in order, with the longest common run of lines left out. */
function lineDiff(a: string, b: string): string {
  const x = a.split("\n");
  const y = b.split("\n");
  // common[i][j]: the longest common subsequence of x from i and y from j.
  const common = x.map(() => new Array<number>(y.length + 1).fill(0));
  common.push(new Array<number>(y.length + 1).fill(0));
  const at = (i: number, j: number) => common[i]?.[j] ?? 0;
  for (let i = x.length - 1; i >= 0; i--) {
    for (let j = y.length - 1; j >= 0; j--) {
      (common[i] as number[])[j] =
        x[i] === y[j] ? at(i + 1, j + 1) + 1 : Math.max(at(i + 1, j), at(i, j + 1));
    }
  }
  const out: string[] = [];
  let i = 0;
  let j = 0;
  while (i < x.length || j < y.length) {
    if (i < x.length && j < y.length && x[i] === y[j]) {
      i++;
      j++;
    } else if (i < x.length && (j === y.length || at(i + 1, j) >= at(i, j + 1))) {
      out.push(`  - ${x[i++]}`);
    } else {
      out.push(`  + ${y[j++]}`);
    }
  }
  return out.join("\n");
}
