-- Account deletion also removes the auth user (reference-spec §5 [W] "delete media, rows, the
-- auth user"), so a deleted account cannot come back through its old session or be onboarded
-- again for a second welcome grant. Deleting auth.users cascades to public.users and from there
-- to jobs, ledger and idempotency records. Same signature and result as before.

create or replace function public.delete_account(p_user_id uuid) returns jsonb
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

revoke execute on function public.delete_account(uuid) from public, anon, authenticated;
grant execute on function public.delete_account(uuid) to service_role;
