-- A guest merged into another account no longer leaves its anonymous auth user behind: once
-- merge_guest has moved its jobs and credits and removed its profile, complete_sign_in deletes
-- the guest's auth.users row in the same transaction (its sessions and identities go with it),
-- as delete_account does for a deleted account. Only an anonymous auth user is ever deleted
-- here: never the account signed in to, never a permanent user (a guest profile whose auth user
-- already has an email keeps it). Same signature and result as 20261130000300_sign_in.sql.

-- Called after a verified sign-in of auth user p_user_id by a caller whose session was
-- p_previous_user_id (null when they had none). All or nothing:
--  * the account's profile row is made registered with the auth user's email: a guest linked
--    in place keeps its id, credits and jobs; an unknown user gets a new registered row;
--  * a previous guest session that is another user is merged into the account (merge_guest)
--    and its anonymous auth user deleted;
--    a new account made for a merging guest gets no welcome credits of its own (the guest had
--    them); any other new account gets them once, like a new guest, unless p_welcome is false
--    (the caller's address used up its new-user allowance).
create or replace function public.complete_sign_in(
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

revoke execute on function public.complete_sign_in(uuid, uuid, text, boolean) from public, anon, authenticated;
grant execute on function public.complete_sign_in(uuid, uuid, text, boolean) to service_role;
