-- Local stand-in for what Supabase Auth (GoTrue) does when it creates a user: embedded and
-- postgres modes only (lib/server/auth/local.ts). On Supabase these rows are made by
-- signInAnonymously() and email sign-in, and this function does not exist.

create or replace function public.local_auth_create_user(p_email text default null) returns jsonb
language plpgsql security definer
set search_path = ''
as $$
declare
  normalized text := lower(btrim(p_email));
  u auth.users;
begin
  if p_email is not null and (length(normalized) > 254 or normalized !~ '^[^@\s]+@[^@\s]+\.[^@\s]+$') then
    raise exception using errcode = 'P0001', message = 'validation_failed', detail = 'email';
  end if;
  if normalized is not null then
    select * into u from auth.users where auth.users.email = normalized;
  end if;
  if u.id is null then
    insert into auth.users (email, is_anonymous) values (normalized, normalized is null) returning * into u;
  end if;
  return jsonb_build_object('id', u.id, 'email', u.email, 'isAnonymous', u.is_anonymous);
end;
$$;

revoke execute on function public.local_auth_create_user(text) from public, anon, authenticated;
grant execute on function public.local_auth_create_user(text) to service_role;
