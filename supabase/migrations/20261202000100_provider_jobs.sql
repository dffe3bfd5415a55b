-- Jobs at a remote video provider (fal's queue): the request's cancel URL, its place in the
-- provider's queue, when a server last asked the provider about it; and how long each model
-- usually takes, for honest progress. mark_job_processing reports only real transitions.

alter table public.video_jobs
  add column provider_cancel_url text,
  add column provider_queue_position integer check (provider_queue_position >= 0),
  add column provider_checked_at timestamptz;

alter table public.models
  add column typical_seconds integer not null default 60 check (typical_seconds between 1 and 3600);

create or replace function internal.model_json(m public.models, locale text) returns jsonb
language sql stable
set search_path = ''
as $$
  select jsonb_build_object(
    'id', m.id,
    'slug', m.slug,
    'name', m.name,
    'description', coalesce(m.description ->> locale, m.description ->> 'en'),
    'category', m.category,
    'provider', m.provider,
    'thumbnailUrl', m.thumbnail_url,
    'isFeatured', m.is_featured,
    'inputs', m.inputs,
    'pricing', m.pricing,
    'typicalSeconds', m.typical_seconds
  )
$$;

-- queuePosition (1 = next): a remote provider's own position once it gave one (fal counts from
-- 0), else the job's place among this app's pending jobs.
create or replace function internal.job_json(j public.video_jobs) returns jsonb
language sql stable
set search_path = ''
as $$
  select jsonb_build_object(
    'id', j.id,
    'userId', j.user_id,
    'status', j.status,
    'progress', j.progress,
    'queuePosition', case
      when j.status <> 'pending' then null
      when j.provider_queue_position is not null then j.provider_queue_position + 1
      when j.provider = 'fal' then null
      else (
        select count(*) from public.video_jobs q
        where q.status = 'pending' and q.provider = 'local' and (q.created_at, q.id) <= (j.created_at, j.id)
      ) end,
    'prompt', j.prompt,
    'settings', jsonb_build_object(
      'durationSeconds', j.duration_seconds,
      'resolution', j.resolution,
      'aspectRatio', j.aspect_ratio,
      'audio', j.audio
    ),
    'model', (select jsonb_build_object('id', m.id, 'slug', m.slug, 'name', m.name,
                                        'typicalSeconds', m.typical_seconds)
              from public.models m where m.id = j.model_id),
    'themeId', j.theme_id,
    'creditsUsed', j.credits_used,
    'inputImagePath', j.input_image_path,
    'videoPath', j.video_path,
    'thumbnailPath', j.thumbnail_path,
    'errorCode', j.error_code,
    'refunded', j.refunded_at is not null,
    'provider', j.provider,
    'providerModelId', j.provider_model_id,
    'providerRequestId', j.provider_request_id,
    'providerStatusUrl', j.provider_status_url,
    'providerResponseUrl', j.provider_response_url,
    'providerCancelUrl', j.provider_cancel_url,
    'providerCheckedAt', internal.iso(j.provider_checked_at),
    'createdAt', internal.iso(j.created_at),
    'startedAt', internal.iso(j.started_at),
    'completedAt', internal.iso(j.completed_at),
    'deadlineAt', internal.iso(j.deadline_at),
    'expiresAt', internal.iso(j.expires_at)
  )
$$;

create or replace function internal.check_provider_request(
  p_provider_request_id text, p_status_url text, p_response_url text, p_cancel_url text
) returns void
language plpgsql
set search_path = ''
as $$
begin
  if length(p_provider_request_id) > 255 or p_provider_request_id = '' then
    perform internal.raise('validation_failed', 'providerRequestId');
  end if;
  if length(p_status_url) > 2000 or p_status_url = '' then
    perform internal.raise('validation_failed', 'statusUrl');
  end if;
  if length(p_response_url) > 2000 or p_response_url = '' then
    perform internal.raise('validation_failed', 'responseUrl');
  end if;
  if length(p_cancel_url) > 2000 or p_cancel_url = '' then
    perform internal.raise('validation_failed', 'cancelUrl');
  end if;
end;
$$;

-- The job's request at its provider: its id is set once (another id, on this job or taken by
-- another job, is idempotency_conflict), the URLs keep their first value.
create or replace function internal.set_provider_request(
  j public.video_jobs, p_provider_request_id text, p_status_url text, p_response_url text, p_cancel_url text
) returns void
language plpgsql
set search_path = ''
as $$
begin
  if p_provider_request_id is not null and (
       (j.provider_request_id is not null and j.provider_request_id <> p_provider_request_id)
       or exists (
         select 1 from public.video_jobs
         where provider = j.provider and provider_request_id = p_provider_request_id and id <> j.id
       )
     ) then
    perform internal.raise('idempotency_conflict');
  end if;
  update public.video_jobs
  set provider_request_id = coalesce(provider_request_id, p_provider_request_id),
      provider_status_url = coalesce(provider_status_url, p_status_url),
      provider_response_url = coalesce(provider_response_url, p_response_url),
      provider_cancel_url = coalesce(provider_cancel_url, p_cancel_url)
  where id = j.id;
end;
$$;

-- pending -> processing. Only that is a change: a job already processing (or final) reports
-- changed = false, so a second server instance polling the same job never starts it twice.
-- Progress only moves forward, whoever reports it.
drop function public.mark_job_processing(uuid, text, text, text, real);
create or replace function public.mark_job_processing(
  p_job_id uuid,
  p_provider_request_id text default null,
  p_status_url text default null,
  p_response_url text default null,
  p_progress real default null,
  p_cancel_url text default null
) returns jsonb
language plpgsql security definer
set search_path = ''
as $$
declare
  j public.video_jobs;
  was text;
begin
  perform internal.check_job_id(p_job_id);
  if p_progress is not null and (p_progress < 0 or p_progress > 1 or p_progress = 'NaN'::real) then
    perform internal.raise('validation_failed', 'progress');
  end if;
  perform internal.check_provider_request(p_provider_request_id, p_status_url, p_response_url, p_cancel_url);
  select * into j from public.video_jobs where id = p_job_id for update;
  if not found then
    perform internal.raise('job_not_found');
  end if;
  perform internal.set_provider_request(j, p_provider_request_id, p_status_url, p_response_url, p_cancel_url);
  was := j.status;
  if was in ('completed', 'failed') then
    select * into j from public.video_jobs where id = p_job_id;
    return jsonb_build_object('job', internal.job_json(j), 'changed', false);
  end if;
  update public.video_jobs
  set status = 'processing',
      started_at = coalesce(started_at, now()),
      provider_queue_position = null,
      progress = greatest(progress, p_progress)
  where id = p_job_id
  returning * into j;
  return jsonb_build_object('job', internal.job_json(j), 'changed', was = 'pending');
end;
$$;

-- A pending job waiting in its provider's queue: the request (at submit) and its position
-- (fal's, from 0). changed = this call set the request id. A job already processing or final
-- keeps its state; only a missing request id is filled in.
create or replace function public.record_job_queued(
  p_job_id uuid,
  p_provider_request_id text default null,
  p_status_url text default null,
  p_response_url text default null,
  p_cancel_url text default null,
  p_queue_position integer default null
) returns jsonb
language plpgsql security definer
set search_path = ''
as $$
declare
  j public.video_jobs;
  had_request boolean;
begin
  perform internal.check_job_id(p_job_id);
  perform internal.check_provider_request(p_provider_request_id, p_status_url, p_response_url, p_cancel_url);
  if p_queue_position < 0 or p_queue_position > 1000000 then
    perform internal.raise('validation_failed', 'queuePosition');
  end if;
  select * into j from public.video_jobs where id = p_job_id for update;
  if not found then
    perform internal.raise('job_not_found');
  end if;
  perform internal.set_provider_request(j, p_provider_request_id, p_status_url, p_response_url, p_cancel_url);
  had_request := j.provider_request_id is not null;
  update public.video_jobs
  set provider_queue_position = case when status = 'pending'
                                     then coalesce(p_queue_position, provider_queue_position) end
  where id = p_job_id
  returning * into j;
  return jsonb_build_object(
    'job', internal.job_json(j),
    'changed', not had_request and j.provider_request_id is not null
  );
end;
$$;

-- Whether the caller may ask the provider about this in-flight job now: at most one caller per
-- p_min_seconds per job, across every server instance. A final job is never claimed.
create or replace function public.claim_job_check(p_job_id uuid, p_min_seconds integer) returns jsonb
language plpgsql security definer
set search_path = ''
as $$
declare
  j public.video_jobs;
begin
  perform internal.check_job_id(p_job_id);
  if p_min_seconds is null or p_min_seconds < 1 or p_min_seconds > 3600 then
    perform internal.raise('validation_failed', 'minSeconds');
  end if;
  update public.video_jobs
  set provider_checked_at = now()
  where id = p_job_id
    and status in ('pending', 'processing')
    and (provider_checked_at is null or provider_checked_at <= now() - make_interval(secs => p_min_seconds))
  returning * into j;
  if found then
    return jsonb_build_object('job', internal.job_json(j), 'claimed', true);
  end if;
  select * into j from public.video_jobs where id = p_job_id;
  if not found then
    perform internal.raise('job_not_found');
  end if;
  return jsonb_build_object('job', internal.job_json(j), 'claimed', false);
end;
$$;

revoke execute on function
  internal.check_provider_request(text, text, text, text),
  internal.set_provider_request(public.video_jobs, text, text, text, text)
from public, anon, authenticated;
revoke execute on function
  public.mark_job_processing(uuid, text, text, text, real, text),
  public.record_job_queued(uuid, text, text, text, text, integer),
  public.claim_job_check(uuid, integer)
from public, anon, authenticated;
grant execute on function
  public.mark_job_processing(uuid, text, text, text, real, text),
  public.record_job_queued(uuid, text, text, text, text, integer),
  public.claim_job_check(uuid, integer)
to service_role;
