-- The current definition of Rendio's database, one file per domain, applied in file-name order
-- on top of what Supabase provides (the auth and storage schemas; supabase/local stands in for
-- them elsewhere). Each table, index, policy, grant and function appears once, here; a change
-- here becomes a migration with `supabase db diff` (README, "Database schema").
--
-- Conventions for every file:
-- * Business rules are functions. Every public function is SECURITY DEFINER with an empty
--   search_path, returns jsonb, raises SQLSTATE P0001 with an api.md error code as the message
--   (and the offending field, when there is one, as the DETAIL), and is executable by
--   service_role only. Internal helpers live in schema "internal", which no API role can use.
-- * Row-level security is on for every table. The browser never talks to the database
--   directly, but if it did (with the publishable key, as anon or authenticated) it could read
--   only its own rows and the public catalog, write nothing, and call no business function.

create schema internal;
revoke all on schema internal from public, anon, authenticated;

-- PostgreSQL grants EXECUTE to PUBLIC and Supabase to anon/authenticated on every new function;
-- these defaults take that back for every function below (service_role keeps it).
alter default privileges in schema public revoke execute on functions from anon, authenticated;
-- EXECUTE for PUBLIC is a global default; only a global rule takes it back for future functions.
alter default privileges revoke execute on functions from public;

-- Localized text: {"en": "...", "tr": "...", "es": "..."}, all three required.
create function internal.is_localized(value jsonb) returns boolean
language sql immutable
set search_path = ''
as $$
  select jsonb_typeof(value) = 'object'
     and coalesce(length(value ->> 'en'), 0) > 0
     and coalesce(length(value ->> 'tr'), 0) > 0
     and coalesce(length(value ->> 'es'), 0) > 0
$$;

-- PL/pgSQL rather than SQL, as are the JSON builders (me_json, model_json, job_json): PostgreSQL
-- never inlines a SQL function with `set search_path`, so every statement using one would plan
-- its body again; PL/pgSQL keeps the compiled body and its plans for the connection.
create function internal.iso(ts timestamptz) returns text
language plpgsql immutable
set search_path = ''
as $$
begin
  return to_char(ts at time zone 'UTC', 'YYYY-MM-DD"T"HH24:MI:SS.MS"Z"');
end;
$$;

create function internal.raise(code text, field text default null) returns void
language plpgsql
set search_path = ''
as $$
begin
  raise exception using errcode = 'P0001', message = code, detail = coalesce(field, '');
end;
$$;

create function internal.check_locale(locale text) returns void
language plpgsql
set search_path = ''
as $$
begin
  if locale is null or locale not in ('en', 'tr', 'es') then
    perform internal.raise('validation_failed', 'locale');
  end if;
end;
$$;

