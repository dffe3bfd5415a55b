-- Users: the profile row of each Supabase Auth user (a guest is an anonymous auth user), its
-- balance and settings, its idempotent requests; onboarding, sign-in, merging a guest into an
-- account, deletion.

create table public.users (
  id uuid primary key references auth.users (id) on delete cascade,
  email text,
  is_guest boolean not null default true,
  credits integer not null default 0 check (credits >= 0),
  language text not null default 'en' check (language in ('en', 'tr', 'es')),
  theme text not null default 'system' check (theme in ('system', 'light', 'dark')),
  created_at timestamptz not null default now(),
  updated_at timestamptz not null default now(),
  constraint users_email_shape check (email is null or email = lower(email) and position('@' in email) > 1),
  constraint users_registered_have_email check (is_guest or email is not null)
);
create unique index users_email_key on public.users (email) where email is not null;

-- The first answer to each request a user made with an idempotency key (a generation, a
-- checkout), replayed when the same key comes again.
create table public.idempotency_records (
  user_id uuid not null references public.users (id) on delete cascade,
  key uuid not null,
  operation text not null,
  request_hash text not null,
  response jsonb not null,
  created_at timestamptz not null default now(),
  expires_at timestamptz not null default now() + interval '24 hours',
  primary key (user_id, key)
);
create index idempotency_records_expires_idx on public.idempotency_records (expires_at);

alter table public.users enable row level security;
alter table public.idempotency_records enable row level security;
revoke all on public.users, public.idempotency_records from anon, authenticated;
grant select on public.users, public.idempotency_records to authenticated;
create policy users_read_own on public.users
  for select to authenticated using (id = (select auth.uid()));
create policy idempotency_records_read_own on public.idempotency_records
  for select to authenticated using (user_id = (select auth.uid()));

create function internal.me_json(u public.users) returns jsonb
language plpgsql stable
set search_path = ''
as $$
begin
  return jsonb_build_object(
    'id', u.id,
    'isGuest', u.is_guest,
    'email', u.email,
    'credits', u.credits,
    'language', u.language,
    'theme', u.theme,
    'createdAt', internal.iso(u.created_at)
  );
end;
$$;

-- The user row, locked for the rest of the transaction; unknown users are unauthorized.
create function internal.lock_user(p_user_id uuid) returns public.users
language plpgsql
set search_path = ''
as $$
declare
  u public.users;
begin
  select * into u from public.users where id = p_user_id for update;
  if not found then
    perform internal.raise('unauthorized');
  end if;
  return u;
end;
$$;

-- Creates the profile row of an auth user (idempotent) and grants the welcome credits once.
create function public.onboard_user(p_user_id uuid, p_language text default null)
returns jsonb
language plpgsql security definer
set search_path = ''
as $$
declare
  au auth.users;
  u public.users;
  normalized_email text;
  created boolean;
  granted boolean := false;
  welcome_credits constant integer := 10;
begin
  if p_user_id is null then
    perform internal.raise('validation_failed', 'userId');
  end if;
  if p_language is not null and p_language not in ('en', 'tr', 'es') then
    perform internal.raise('validation_failed', 'language');
  end if;
  select * into au from auth.users where id = p_user_id;
  if not found then
    perform internal.raise('unauthorized');
  end if;
  normalized_email := lower(btrim(au.email));
  if not au.is_anonymous and normalized_email is not null and (
       normalized_email !~ '^[^@\s]+@[^@\s]+$'
       or exists (select 1 from public.users u2 where u2.email = normalized_email and u2.id <> p_user_id)
     ) then
    perform internal.raise('validation_failed', 'email');
  end if;

  insert into public.users (id, email, is_guest, language)
  values (
    au.id,
    case when au.is_anonymous then null else normalized_email end,
    au.is_anonymous or normalized_email is null,
    coalesce(p_language, 'en')
  )
  on conflict (id) do nothing;
  created := found;

  u := internal.lock_user(p_user_id);
  if not exists (select 1 from public.credit_ledger where user_id = p_user_id and kind = 'grant') then
    perform internal.apply_credits(p_user_id, 'grant', welcome_credits);
    granted := true;
  end if;
  select * into u from public.users where id = p_user_id;
  return jsonb_build_object('user', internal.me_json(u), 'created', created, 'granted', granted);
end;
$$;

create function public.get_me(p_user_id uuid) returns jsonb
language plpgsql stable security definer
set search_path = ''
as $$
declare
  u public.users;
begin
  select * into u from public.users where id = p_user_id;
  if not found then
    perform internal.raise('unauthorized');
  end if;
  return jsonb_build_object('user', internal.me_json(u));
end;
$$;

create function public.update_settings(
  p_user_id uuid, p_language text default null, p_theme text default null
) returns jsonb
language plpgsql security definer
set search_path = ''
as $$
declare
  u public.users;
begin
  if p_language is not null and p_language not in ('en', 'tr', 'es') then
    perform internal.raise('validation_failed', 'language');
  end if;
  if p_theme is not null and p_theme not in ('system', 'light', 'dark') then
    perform internal.raise('validation_failed', 'theme');
  end if;
  u := internal.lock_user(p_user_id);
  update public.users
  set language = coalesce(p_language, language), theme = coalesce(p_theme, theme), updated_at = now()
  where id = p_user_id
  returning * into u;
  return jsonb_build_object('user', internal.me_json(u));
end;
$$;

-- Called after a verified sign-in of auth user p_user_id by a caller whose session was
-- p_previous_user_id (null when they had none). All or nothing:
--  * the account's profile row is made registered with the auth user's email: a guest linked
--    in place keeps its id, credits and jobs; an unknown user gets a new registered row;
--  * a previous guest session that is another user is merged into the account (merge_guest)
--    and its anonymous auth user deleted;
--    a new account made for a merging guest gets no welcome credits of its own (the guest had
--    them); any other new account gets them once, like a new guest, unless p_welcome is false
--    (the caller's address used up its new-user allowance).
create function public.complete_sign_in(
  p_user_id uuid, p_previous_user_id uuid default null, p_language text default null,
  p_welcome boolean default true
) returns jsonb
language plpgsql security definer
set search_path = ''
as $$
declare
  au auth.users;
  u public.users;
  normalized text;
  guest_to_merge uuid;
  created boolean := false;
  merged jsonb;
  welcome_credits constant integer := 10;
begin
  if p_user_id is null then
    perform internal.raise('validation_failed', 'userId');
  end if;
  if p_language is not null and p_language not in ('en', 'tr', 'es') then
    perform internal.raise('validation_failed', 'language');
  end if;
  select * into au from auth.users where id = p_user_id;
  normalized := lower(btrim(au.email));
  if au.id is null or au.is_anonymous or normalized is null or normalized = '' then
    perform internal.raise('unauthorized');
  end if;
  if exists (select 1 from public.users o where o.email = normalized and o.id <> p_user_id) then
    perform internal.raise('validation_failed', 'email');
  end if;

  select g.id into guest_to_merge from public.users g
  where g.id = p_previous_user_id and g.id <> p_user_id and g.is_guest;

  select * into u from public.users where id = p_user_id for update;
  if found then
    update public.users set email = normalized, is_guest = false, updated_at = now()
    where id = p_user_id and (is_guest or email is distinct from normalized);
  else
    insert into public.users (id, email, is_guest, language)
    values (p_user_id, normalized, false, coalesce(p_language, 'en'));
    created := true;
    if guest_to_merge is null and coalesce(p_welcome, true) then
      perform internal.apply_credits(p_user_id, 'grant', welcome_credits);
    end if;
  end if;

  if guest_to_merge is not null then
    merged := public.merge_guest(guest_to_merge, p_user_id);
    delete from auth.users where id = guest_to_merge and is_anonymous;
  end if;
  select * into u from public.users where id = p_user_id;
  return jsonb_build_object(
    'user', internal.me_json(u),
    'created', created,
    'merged', guest_to_merge is not null,
    'creditsMerged', coalesce((merged ->> 'creditsMerged')::integer, 0),
    'jobsMoved', coalesce((merged ->> 'jobsMoved')::integer, 0)
  );
end;
$$;

-- Moves a guest into an existing registered account: jobs and push subscriptions move (the phone
-- that was told about the guest's videos is told about the account's), the guest's balance is
-- added as one "merge" ledger row, and the guest row is deleted. All or nothing.
create function public.merge_guest(p_guest_id uuid, p_target_id uuid) returns jsonb
language plpgsql security definer
set search_path = ''
as $$
declare
  guest public.users;
  target public.users;
  moved integer;
begin
  if p_guest_id is null then
    perform internal.raise('validation_failed', 'guestId');
  end if;
  if p_target_id is null or p_target_id = p_guest_id then
    perform internal.raise('validation_failed', 'targetId');
  end if;
  -- Lock both rows in a fixed order so two merges can never deadlock.
  perform 1 from public.users where id in (p_guest_id, p_target_id) order by id for update;
  select * into guest from public.users where id = p_guest_id;
  if not found then
    perform internal.raise('unauthorized');
  end if;
  select * into target from public.users where id = p_target_id;
  if not found then
    perform internal.raise('not_found');
  end if;
  if not guest.is_guest or target.is_guest then
    perform internal.raise('forbidden');
  end if;

  update public.video_jobs set user_id = p_target_id where user_id = p_guest_id;
  get diagnostics moved = row_count;
  update public.push_subscriptions set user_id = p_target_id, updated_at = now() where user_id = p_guest_id;
  if guest.credits > 0 then
    perform internal.apply_credits(p_target_id, 'merge', guest.credits);
  end if;
  delete from public.users where id = p_guest_id;
  select * into target from public.users where id = p_target_id;
  return jsonb_build_object('user', internal.me_json(target), 'creditsMerged', guest.credits, 'jobsMoved', moved);
end;
$$;

-- Deletes the user's profile and auth user, and with them everything hanging off the profile
-- (jobs, ledger, idempotency records, subscriptions), so a deleted account cannot come back
-- through its old session or be onboarded again for a second welcome grant. Returns the storage
-- paths to remove.
create function public.delete_account(p_user_id uuid) returns jsonb
language plpgsql security definer
set search_path = ''
as $$
declare
  paths jsonb;
begin
  perform internal.lock_user(p_user_id);
  select coalesce(jsonb_agg(p), '[]'::jsonb) into paths
  from public.video_jobs j,
       unnest(array[j.video_path, j.thumbnail_path, j.input_image_path]) as p
  where j.user_id = p_user_id and p is not null;
  delete from public.users where id = p_user_id;
  delete from auth.users where id = p_user_id;
  return jsonb_build_object('deleted', true, 'mediaPaths', paths);
end;
$$;


grant execute on function
  public.onboard_user(uuid, text),
  public.get_me(uuid),
  public.update_settings(uuid, text, text),
  public.complete_sign_in(uuid, uuid, text, boolean),
  public.merge_guest(uuid, uuid),
  public.delete_account(uuid)
to service_role;
