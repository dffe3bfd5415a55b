-- History deletes and the retention sweep must not delete an input picture that another job
-- still uses: the create form keeps an uploaded picture in its draft, so two jobs can share one
-- `inputs/...` object, and removing it under a job still in flight would fail that job.
-- delete_job and sweep are redefined (same signatures, so their grants stay) to hand back an input
-- path only when no remaining job refers to it.

create index if not exists video_jobs_input_image_idx
  on public.video_jobs (input_image_path) where input_image_path is not null;

-- The input path if no job refers to it any more (call after the job's row is deleted), else null.
create or replace function internal.unshared_input(p_path text) returns text
language sql stable
set search_path = ''
as $$
  select case
    when p_path is null then null
    when exists (select 1 from public.video_jobs where input_image_path = p_path) then null
    else p_path
  end;
$$;
revoke execute on function internal.unshared_input(text) from public, anon, authenticated;

create or replace function public.delete_job(p_user_id uuid, p_job_id uuid) returns jsonb
language plpgsql security definer
set search_path = ''
as $$
declare
  j public.video_jobs;
begin
  if p_user_id is null then
    perform internal.raise('unauthorized');
  end if;
  perform internal.check_job_id(p_job_id);
  select * into j from public.video_jobs where id = p_job_id and user_id = p_user_id for update;
  if not found then
    perform internal.raise('job_not_found');
  end if;
  if j.status in ('pending', 'processing') then
    perform internal.raise('job_in_progress');
  end if;
  delete from public.video_jobs where id = p_job_id;
  return jsonb_build_object(
    'deleted', true,
    'mediaPaths', to_jsonb(array_remove(
      array[j.video_path, j.thumbnail_path, internal.unshared_input(j.input_image_path)], null))
  );
end;
$$;

create or replace function public.sweep() returns jsonb
language plpgsql security definer
set search_path = ''
as $$
declare
  stale record;
  failed integer := 0;
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
    'jobsExpired', expired,
    'mediaPaths', paths,
    'idempotencyRemoved', idem,
    'rateLimitsRemoved', counters,
    'webhookEventsRemoved', events
  );
end;
$$;
