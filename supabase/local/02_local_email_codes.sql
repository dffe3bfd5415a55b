-- Local stand-in for Supabase Auth's email one-time codes and its mailer: embedded and postgres
-- modes only (lib/server/auth/local.ts, lib/server/mail/outbox.ts). On Supabase, GoTrue keeps
-- the codes and sends the mail, and none of this exists. Idempotent.

-- One live code per email; a new request replaces it. Only a keyed hash is kept.
create table if not exists auth.one_time_codes (
  email text primary key,
  code_hash text not null,
  attempts integer not null default 0,
  created_at timestamptz not null default now(),
  expires_at timestamptz not null
);

-- The mail that a real mailer would have sent, for /dev/outbox.
create table if not exists auth.outbox (
  id bigint generated always as identity primary key,
  to_email text not null,
  subject text not null,
  body text not null,
  code text,
  created_at timestamptz not null default now()
);
create index if not exists outbox_to_idx on auth.outbox (to_email, id desc);

alter table auth.one_time_codes enable row level security;
alter table auth.outbox enable row level security;
revoke all on auth.one_time_codes, auth.outbox from public, anon, authenticated;

create or replace function auth.local_normalize_email(p_email text) returns text
language plpgsql immutable
set search_path = ''
as $$
declare
  normalized text := lower(btrim(p_email));
begin
  if normalized is null or length(normalized) > 254 or normalized !~ '^[^@\s]+@[^@\s]+\.[^@\s]+$' then
    raise exception using errcode = 'P0001', message = 'validation_failed', detail = 'email';
  end if;
  return normalized;
end;
$$;

-- Stores a new code for the email (replacing any earlier one, with fresh attempts).
create or replace function public.local_auth_issue_code(
  p_email text, p_code_hash text, p_ttl_seconds integer
) returns jsonb
language plpgsql security definer
set search_path = ''
as $$
declare
  normalized text := auth.local_normalize_email(p_email);
  expires timestamptz;
begin
  if p_code_hash is null or p_code_hash !~ '^[0-9a-f]{64}$' then
    raise exception using errcode = 'P0001', message = 'validation_failed', detail = 'codeHash';
  end if;
  if p_ttl_seconds is null or p_ttl_seconds < 1 or p_ttl_seconds > 3600 then
    raise exception using errcode = 'P0001', message = 'validation_failed', detail = 'ttlSeconds';
  end if;
  expires := now() + make_interval(secs => p_ttl_seconds);
  insert into auth.one_time_codes (email, code_hash, attempts, created_at, expires_at)
  values (normalized, p_code_hash, 0, now(), expires)
  on conflict (email) do update
    set code_hash = excluded.code_hash, attempts = 0, created_at = now(), expires_at = excluded.expires_at;
  return jsonb_build_object('email', normalized, 'expiresAt', to_char(expires at time zone 'UTC', 'YYYY-MM-DD"T"HH24:MI:SS.MS"Z"'));
end;
$$;

-- Checks a code. A wrong code counts an attempt (and the count is kept, so this answers instead
-- of raising); the fifth wrong attempt, expiry and success all end the code. On success the
-- email's auth user is returned: the existing one, else the caller's anonymous user linked to
-- the email in place (same id, as Supabase's identity linking does), else a new user.
create or replace function public.local_auth_verify_code(
  p_email text, p_code_hash text, p_current_user_id uuid default null, p_max_attempts integer default 5
) returns jsonb
language plpgsql security definer
set search_path = ''
as $$
declare
  normalized text := auth.local_normalize_email(p_email);
  c auth.one_time_codes;
  u auth.users;
  created boolean := false;
begin
  select * into c from auth.one_time_codes where email = normalized for update;
  if not found then
    return jsonb_build_object('verified', false, 'reason', 'missing');
  end if;
  if c.expires_at <= now() then
    delete from auth.one_time_codes where email = normalized;
    return jsonb_build_object('verified', false, 'reason', 'expired');
  end if;
  if p_code_hash is distinct from c.code_hash then
    if c.attempts + 1 >= p_max_attempts then
      delete from auth.one_time_codes where email = normalized;
    else
      update auth.one_time_codes set attempts = attempts + 1 where email = normalized;
    end if;
    return jsonb_build_object('verified', false, 'reason', 'wrong');
  end if;

  delete from auth.one_time_codes where email = normalized;
  select * into u from auth.users where email = normalized;
  if not found and p_current_user_id is not null then
    update auth.users set email = normalized, is_anonymous = false, updated_at = now()
    where id = p_current_user_id and is_anonymous
    returning * into u;
  end if;
  if u.id is null then
    insert into auth.users (email, is_anonymous) values (normalized, false) returning * into u;
    created := true;
  end if;
  return jsonb_build_object(
    'verified', true,
    'user', jsonb_build_object('id', u.id, 'email', u.email, 'isAnonymous', u.is_anonymous),
    'created', created
  );
end;
$$;

create or replace function public.local_outbox_send(
  p_to text, p_subject text, p_body text, p_code text default null
) returns jsonb
language plpgsql security definer
set search_path = ''
as $$
declare
  normalized text := auth.local_normalize_email(p_to);
  message_id bigint;
begin
  if p_subject is null or length(p_subject) not between 1 and 200 then
    raise exception using errcode = 'P0001', message = 'validation_failed', detail = 'subject';
  end if;
  if p_body is null or length(p_body) not between 1 and 5000 then
    raise exception using errcode = 'P0001', message = 'validation_failed', detail = 'text';
  end if;
  insert into auth.outbox (to_email, subject, body, code) values (normalized, p_subject, p_body, p_code)
  returning id into message_id;
  return jsonb_build_object('id', message_id);
end;
$$;

-- Newest first; all recipients, or one.
create or replace function public.local_outbox_list(p_email text default null, p_limit integer default 50)
returns jsonb
language plpgsql stable security definer
set search_path = ''
as $$
declare
  normalized text := case when p_email is null then null else auth.local_normalize_email(p_email) end;
begin
  if p_limit is null or p_limit < 1 or p_limit > 200 then
    raise exception using errcode = 'P0001', message = 'validation_failed', detail = 'limit';
  end if;
  return jsonb_build_object('messages', coalesce((
    select jsonb_agg(jsonb_build_object(
        'to', m.to_email,
        'subject', m.subject,
        'text', m.body,
        'code', m.code,
        'createdAt', to_char(m.created_at at time zone 'UTC', 'YYYY-MM-DD"T"HH24:MI:SS.MS"Z"')
      ) order by m.id desc)
    from (
      select * from auth.outbox o
      where normalized is null or o.to_email = normalized
      order by o.id desc
      limit p_limit
    ) m
  ), '[]'::jsonb));
end;
$$;

revoke execute on function
  auth.local_normalize_email(text),
  public.local_auth_issue_code(text, text, integer),
  public.local_auth_verify_code(text, text, uuid, integer),
  public.local_outbox_send(text, text, text, text),
  public.local_outbox_list(text, integer)
from public, anon, authenticated;
grant execute on function
  public.local_auth_issue_code(text, text, integer),
  public.local_auth_verify_code(text, text, uuid, integer),
  public.local_outbox_send(text, text, text, text),
  public.local_outbox_list(text, integer)
to service_role;
