-- Without a long-lived server the sweeper may run only once a day (Vercel Hobby cron), so a
-- job stuck past its deadline is also failed and refunded when its owner reads their jobs:
-- the server calls recover_overdue_jobs before get_job and list_jobs. The rule is the sweep's
-- (internal.fail_job with 'timeout'), so a refund happens once however many reads and sweeps
-- race: fail_job locks the user, then the job, and changes only a job still in flight.
create or replace function public.recover_overdue_jobs(p_user_id uuid) returns jsonb
language plpgsql security definer
set search_path = ''
as $$
declare
  stale record;
  failed_jobs jsonb := '[]'::jsonb;
begin
  if p_user_id is null then
    perform internal.raise('unauthorized');
  end if;
  for stale in
    select id from public.video_jobs
    where user_id = p_user_id and status in ('pending', 'processing') and deadline_at < now()
    order by created_at
  loop
    if internal.fail_job(stale.id, 'timeout') then
      failed_jobs := failed_jobs || jsonb_build_array(
        (select internal.job_json(j) from public.video_jobs j where j.id = stale.id));
    end if;
  end loop;
  return jsonb_build_object('failedJobs', failed_jobs);
end;
$$;

revoke execute on function public.recover_overdue_jobs(uuid) from public, anon, authenticated;
grant execute on function public.recover_overdue_jobs(uuid) to service_role;
