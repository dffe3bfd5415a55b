-- What Supabase Storage puts in every project and a plain PostgreSQL (or PGlite) lacks: the
-- `storage` schema and its bucket table, so the migration that creates our buckets applies here
-- as it does on Supabase. Embedded and postgres modes keep media in files (lib/server/storage/
-- files.ts) and never read this table. Columns, types and defaults as in supabase/storage's
-- tenant migrations (the table, public, avif_autodetection, limits in bytes, owner_id; row level
-- security on, no policies). Idempotent.

create schema if not exists storage;
grant usage on schema storage to anon, authenticated, service_role;

create table if not exists storage.buckets (
  id text primary key,
  name text not null,
  owner uuid,
  created_at timestamptz default now(),
  updated_at timestamptz default now(),
  public boolean default false,
  avif_autodetection boolean default false,
  file_size_limit bigint,
  allowed_mime_types text[],
  owner_id text
);
create unique index if not exists bname on storage.buckets using btree (name);

alter table storage.buckets enable row level security;
grant all on storage.buckets to anon, authenticated, service_role;
