-- Health and housekeeping: the health check, and the sweep a schedule runs (docs/operations.md).

create function public.health_check() returns jsonb
language sql stable security definer
set search_path = ''
as $$
  select jsonb_build_object('ok', true, 'time', internal.iso(now()))
$$;

-- Housekeeping, run on a schedule: fails and refunds jobs past their deadline (handing them back,
-- so the server announces them like any other failed job), removes expired jobs (returning their
-- storage paths for deletion; an input picture only when no remaining job uses it), expired
-- idempotency records, old rate-limit counters and webhook events.
create function public.sweep() returns jsonb
language plpgsql security definer
set search_path = ''
as $$
declare
  stale record;
  failed integer := 0;
  failed_jobs jsonb := '[]'::jsonb;
  expired integer;
  paths jsonb;
  idem integer;
  counters integer;
  events integer;
begin
  for stale in
    select id from public.video_jobs
    where status in ('pending', 'processing') and deadline_at < now()
    order by created_at
  loop
    if internal.fail_job(stale.id, 'timeout') then
      failed := failed + 1;
      failed_jobs := failed_jobs || jsonb_build_array(
        (select internal.job_json(j) from public.video_jobs j where j.id = stale.id));
    end if;
  end loop;

  -- The outer query still sees the rows the CTE deletes (one snapshot), so an input counts as
  -- shared only when a job outside `gone` refers to it.
  with gone as (
    delete from public.video_jobs
    where expires_at <= now() and status in ('completed', 'failed')
    returning id, video_path, thumbnail_path, input_image_path
  )
  select count(*), coalesce((
           select jsonb_agg(distinct p) from gone g2,
             unnest(array[g2.video_path, g2.thumbnail_path, g2.input_image_path]) as p
           where p is not null
             and not exists (
               select 1 from public.video_jobs other
               where other.input_image_path = p and other.id not in (select id from gone))),
         '[]'::jsonb)
  into expired, paths
  from gone;

  delete from public.idempotency_records where expires_at <= now();
  get diagnostics idem = row_count;
  delete from public.rate_limits where window_start < now() - interval '1 day';
  get diagnostics counters = row_count;
  delete from public.webhook_events where received_at < now() - interval '30 days';
  get diagnostics events = row_count;

  return jsonb_build_object(
    'jobsFailed', failed,
    'failedJobs', failed_jobs,
    'jobsExpired', expired,
    'mediaPaths', paths,
    'idempotencyRemoved', idem,
    'rateLimitsRemoved', counters,
    'webhookEventsRemoved', events
  );
end;
$$;


grant execute on function
  public.health_check(),
  public.sweep()
to service_role;
