-- Local stand-in for Supabase Auth's server-side sessions: embedded and postgres modes only
-- (lib/server/auth/local.ts). Each session cookie names one row in its `session_id` claim, and
-- a cookie is a session only while its row is live: not revoked, not expired, its user not
-- deleted (the rows go with the auth user). On Supabase, GoTrue keeps the sessions and none of
-- this exists. Idempotent.

create table if not exists auth.local_sessions (
  id uuid primary key default gen_random_uuid(),
  user_id uuid not null references auth.users (id) on delete cascade,
  created_at timestamptz not null default now(),
  renewed_at timestamptz not null default now(),
  expires_at timestamptz not null,
  revoked_at timestamptz
);
create index if not exists local_sessions_user_idx on auth.local_sessions (user_id);
create index if not exists local_sessions_expires_idx on auth.local_sessions (expires_at);

alter table auth.local_sessions enable row level security;
revoke all on auth.local_sessions from public, anon, authenticated;

create or replace function auth.local_check_ttl(p_ttl_seconds integer) returns void
language plpgsql immutable
set search_path = ''
as $$
begin
  if p_ttl_seconds is null or p_ttl_seconds < 60 or p_ttl_seconds > 90 * 24 * 3600 then
    raise exception using errcode = 'P0001', message = 'validation_failed', detail = 'ttlSeconds';
  end if;
end;
$$;

create or replace function auth.local_session_json(s auth.local_sessions) returns jsonb
language plpgsql immutable
set search_path = ''
as $$
begin
  return jsonb_build_object(
    'id', s.id,
    'expiresAt', to_char(s.expires_at at time zone 'UTC', 'YYYY-MM-DD"T"HH24:MI:SS.MS"Z"')
  );
end;
$$;

-- A new session for the user. Each start also deletes up to 100 expired rows (revoked ones
-- included: a revoked row stays until its session would have expired), so the table stays as
-- small as the live sessions without a sweeper of its own.
create or replace function public.local_auth_start_session(p_user_id uuid, p_ttl_seconds integer)
returns jsonb
language plpgsql security definer
set search_path = ''
as $$
declare
  s auth.local_sessions;
begin
  perform auth.local_check_ttl(p_ttl_seconds);
  if p_user_id is null or not exists (select 1 from auth.users where id = p_user_id) then
    raise exception using errcode = 'P0001', message = 'unauthorized';
  end if;
  delete from auth.local_sessions
  where id in (select id from auth.local_sessions where expires_at < now() limit 100);
  insert into auth.local_sessions (user_id, expires_at)
  values (p_user_id, now() + make_interval(secs => p_ttl_seconds))
  returning * into s;
  return auth.local_session_json(s);
end;
$$;

-- Whether the cookie's session is live: one primary-key lookup, on every request. PL/pgSQL, so
-- the lookup's plan is kept for the connection (a SQL function's body is planned at every call).
create or replace function public.local_auth_check_session(p_session_id uuid, p_user_id uuid)
returns jsonb
language plpgsql stable security definer
set search_path = ''
as $$
begin
  return jsonb_build_object('live', exists (
    select 1 from auth.local_sessions
    where id = p_session_id and user_id = p_user_id and revoked_at is null and expires_at > now()
  ));
end;
$$;

-- Extends a live session (same id); a session that is not live stays ended (renewed: false).
create or replace function public.local_auth_renew_session(
  p_session_id uuid, p_user_id uuid, p_ttl_seconds integer
) returns jsonb
language plpgsql security definer
set search_path = ''
as $$
declare
  s auth.local_sessions;
begin
  perform auth.local_check_ttl(p_ttl_seconds);
  update auth.local_sessions
  set renewed_at = now(), expires_at = now() + make_interval(secs => p_ttl_seconds)
  where id = p_session_id and user_id = p_user_id and revoked_at is null and expires_at > now()
  returning * into s;
  if s.id is null then
    return jsonb_build_object('renewed', false);
  end if;
  return auth.local_session_json(s) || jsonb_build_object('renewed', true);
end;
$$;

-- Sign-out: revokes the caller's session, or with p_everywhere every live session of its user
-- (this one included). Only a live session may do either, so an old or revoked cookie can end
-- nothing; it answers how many sessions it revoked.
create or replace function public.local_auth_end_sessions(
  p_session_id uuid, p_user_id uuid, p_everywhere boolean default false
) returns jsonb
language plpgsql security definer
set search_path = ''
as $$
declare
  revoked integer;
begin
  if p_session_id is null then
    raise exception using errcode = 'P0001', message = 'validation_failed', detail = 'sessionId';
  end if;
  if p_user_id is null then
    raise exception using errcode = 'P0001', message = 'validation_failed', detail = 'userId';
  end if;
  perform 1 from auth.local_sessions
  where id = p_session_id and user_id = p_user_id and revoked_at is null and expires_at > now()
  for update;
  if not found then
    return jsonb_build_object('revoked', 0);
  end if;
  update auth.local_sessions set revoked_at = now()
  where user_id = p_user_id and revoked_at is null
    and (id = p_session_id or coalesce(p_everywhere, false));
  get diagnostics revoked = row_count;
  return jsonb_build_object('revoked', revoked);
end;
$$;

revoke execute on function
  auth.local_check_ttl(integer),
  auth.local_session_json(auth.local_sessions),
  public.local_auth_start_session(uuid, integer),
  public.local_auth_check_session(uuid, uuid),
  public.local_auth_renew_session(uuid, uuid, integer),
  public.local_auth_end_sessions(uuid, uuid, boolean)
from public, anon, authenticated;
grant execute on function
  public.local_auth_start_session(uuid, integer),
  public.local_auth_check_session(uuid, uuid),
  public.local_auth_renew_session(uuid, uuid, integer),
  public.local_auth_end_sessions(uuid, uuid, boolean)
to service_role;
