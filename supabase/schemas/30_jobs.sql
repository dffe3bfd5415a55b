-- Video jobs: a prompt and settings charged, created, handed to a provider (fal's queue or the
-- local renderer), finished or failed and refunded, listed in History, deleted or expired.

create table public.video_jobs (
  id uuid primary key default gen_random_uuid(),
  user_id uuid not null references public.users (id) on delete cascade,
  model_id uuid not null references public.models (id) on delete restrict,
  theme_id uuid references public.themes (id) on delete set null,
  prompt text not null check (length(prompt) between 1 and 1000),
  duration_seconds integer not null check (duration_seconds between 1 and 60),
  resolution text not null,
  aspect_ratio text not null,
  audio boolean not null,
  input_image_path text,
  status text not null default 'pending' check (status in ('pending', 'processing', 'completed', 'failed')),
  progress real check (progress between 0 and 1),
  credits_used integer not null check (credits_used > 0),
  provider text not null check (provider in ('fal', 'local')),
  provider_model_id text not null,
  provider_request_id text,
  provider_status_url text,
  provider_response_url text,
  video_path text,
  thumbnail_path text,
  error_code text,
  refunded_at timestamptz,
  created_at timestamptz not null default now(),
  started_at timestamptz,
  completed_at timestamptz,
  deadline_at timestamptz not null,
  expires_at timestamptz not null,
  -- The request at a remote provider: its cancel URL, its place in the provider's queue (fal
  -- counts from 0), and when a server last asked the provider about it.
  provider_cancel_url text,
  provider_queue_position integer check (provider_queue_position >= 0),
  provider_checked_at timestamptz,
  constraint video_jobs_completed_has_video check (status <> 'completed' or video_path is not null),
  constraint video_jobs_failed_has_code check (status <> 'failed' or error_code is not null),
  constraint video_jobs_refund_only_failed check (refunded_at is null or status = 'failed')
);
create index video_jobs_user_created_idx on public.video_jobs (user_id, created_at desc, id desc);
create index video_jobs_in_flight_idx on public.video_jobs (created_at) where status in ('pending', 'processing');
-- recover_overdue_jobs runs before every job read: a user's jobs still in flight.
create index video_jobs_user_in_flight_idx on public.video_jobs (user_id, deadline_at)
  where status in ('pending', 'processing');
create index video_jobs_expires_idx on public.video_jobs (expires_at);
create unique index video_jobs_provider_request_key on public.video_jobs (provider, provider_request_id)
  where provider_request_id is not null;
-- Two jobs may share one uploaded input picture (the create form keeps it in its draft).
create index video_jobs_input_image_idx
  on public.video_jobs (input_image_path) where input_image_path is not null;

alter table public.video_jobs enable row level security;
revoke all on public.video_jobs from anon, authenticated;
grant select on public.video_jobs to authenticated;
create policy video_jobs_read_own on public.video_jobs
  for select to authenticated using (user_id = (select auth.uid()));

-- A job as the API answers it. queuePosition (1 = next) is what a remote provider reports (fal's
-- queue counts from 0), else null: the local renderer has no line to tell.
create function internal.job_json(j public.video_jobs) returns jsonb
language plpgsql stable
set search_path = ''
as $$
begin
  return jsonb_build_object(
    'id', j.id,
    'userId', j.user_id,
    'status', j.status,
    'progress', j.progress,
    'queuePosition', case
      when j.status = 'pending' and j.provider_queue_position is not null then j.provider_queue_position + 1
    end,
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
  );
end;
$$;

create function internal.check_job_id(p_job_id uuid) returns void
language plpgsql
set search_path = ''
as $$
begin
  if p_job_id is null then
    perform internal.raise('validation_failed', 'jobId');
  end if;
end;
$$;

-- Fails an in-flight job and refunds its credits, once. Returns true when it changed the job.
create function internal.fail_job(p_job_id uuid, p_error_code text) returns boolean
language plpgsql
set search_path = ''
as $$
declare
  owner uuid;
  j public.video_jobs;
begin
  select user_id into owner from public.video_jobs where id = p_job_id;
  if not found then
    perform internal.raise('job_not_found');
  end if;
  perform internal.lock_user(owner);  -- lock order everywhere: user, then job
  select * into j from public.video_jobs where id = p_job_id for update;
  if j.status in ('completed', 'failed') then
    return false;
  end if;
  update public.video_jobs
  set status = 'failed', error_code = p_error_code, completed_at = now(), refunded_at = now()
  where id = p_job_id;
  perform internal.apply_credits(j.user_id, 'refund', j.credits_used, p_job_id);
  return true;
end;
$$;

-- The input path if no job refers to it any more (call after the job's row is deleted), else null.
create function internal.unshared_input(p_path text) returns text
language sql stable
set search_path = ''
as $$
  select case
    when p_path is null then null
    when exists (select 1 from public.video_jobs where input_image_path = p_path) then null
    else p_path
  end;
$$;

create function internal.check_provider_request(
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
create function internal.set_provider_request(
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

-- Charges the user and creates the job in one transaction. The same idempotency key with the
-- same arguments replays the first answer and charges nothing; with other arguments it is a
-- conflict. Replays come before the rate limit: p_per_minute (the user's generation limit; null
-- counts nothing) counts the request only after the idempotency lookup. The user row lock
-- serialises all of a user's charges.
create function public.generate_video(
  p_user_id uuid,
  p_idempotency_key uuid,
  p_model_id uuid,
  p_prompt text,
  p_settings jsonb default '{}'::jsonb,
  p_theme_id uuid default null,
  p_input_image_path text default null,
  p_provider text default 'local',
  p_per_minute integer default null
) returns jsonb
language plpgsql security definer
set search_path = ''
as $$
declare
  u public.users;
  m public.models;
  j public.video_jobs;
  rec public.idempotency_records;
  request_hash text;
  prompt text := regexp_replace(p_prompt, '^\s+|\s+$', '', 'g');
  resolved jsonb;
  cost integer;
  balance integer;
  response jsonb;
  max_prompt_length constant integer := 1000;
begin
  if p_user_id is null then
    perform internal.raise('unauthorized');
  end if;
  if p_idempotency_key is null then
    perform internal.raise('idempotency_key_required');
  end if;
  u := internal.lock_user(p_user_id);

  request_hash := encode(sha256(convert_to(jsonb_build_object(
    'modelId', p_model_id, 'prompt', p_prompt, 'settings', coalesce(p_settings, '{}'::jsonb),
    'themeId', p_theme_id, 'inputImagePath', p_input_image_path, 'provider', p_provider
  )::text, 'UTF8')), 'hex');
  select * into rec from public.idempotency_records where user_id = p_user_id and key = p_idempotency_key;
  if found and rec.expires_at > now() then
    if rec.request_hash <> request_hash then
      perform internal.raise('idempotency_conflict');
    end if;
    return rec.response || jsonb_build_object('replayed', true);
  elsif found then
    delete from public.idempotency_records where user_id = p_user_id and key = p_idempotency_key;
  end if;
  if p_per_minute is not null then
    perform public.check_rate_limit('generate:user:' || p_user_id::text, p_per_minute, 60);
  end if;

  if p_provider is null or p_provider not in ('fal', 'local') then
    perform internal.raise('validation_failed', 'provider');
  end if;
  if prompt is null or prompt = '' or length(prompt) > max_prompt_length then
    perform internal.raise('validation_failed', 'prompt');
  end if;
  m := internal.available_model(p_model_id);
  if p_theme_id is not null
     and not exists (select 1 from public.themes where id = p_theme_id and is_available) then
    perform internal.raise('validation_failed', 'themeId');
  end if;
  if m.inputs ->> 'image' = 'required' and coalesce(p_input_image_path, '') = '' then
    perform internal.raise('validation_failed', 'imageUrl');
  end if;
  if p_input_image_path is not null and (
       m.inputs ->> 'image' = 'none'
       or p_input_image_path !~ ('^inputs/' || p_user_id::text || '/[A-Za-z0-9_-]{1,100}\.(jpg|jpeg|png|webp)$')
     ) then
    perform internal.raise('validation_failed', 'imageUrl');
  end if;
  resolved := internal.resolve_settings(m, p_settings);
  cost := internal.price(m, resolved);
  if u.credits < cost then
    perform internal.raise('insufficient_credits');
  end if;

  insert into public.video_jobs (
    user_id, model_id, theme_id, prompt, duration_seconds, resolution, aspect_ratio, audio,
    input_image_path, credits_used, provider, provider_model_id, deadline_at, expires_at
  ) values (
    p_user_id, m.id, p_theme_id, prompt, (resolved ->> 'durationSeconds')::integer,
    resolved ->> 'resolution', resolved ->> 'aspectRatio', (resolved ->> 'audio')::boolean,
    p_input_image_path, cost, p_provider, m.provider_model_id,
    now() + interval '30 minutes', now() + interval '7 days'
  ) returning * into j;
  balance := internal.apply_credits(p_user_id, 'spend', -cost, j.id);

  response := jsonb_build_object('job', internal.job_json(j), 'credits', balance);
  insert into public.idempotency_records (user_id, key, operation, request_hash, response)
  values (p_user_id, p_idempotency_key, 'generate_video', request_hash, response);
  return response || jsonb_build_object('replayed', false);
end;
$$;

-- A pending job waiting in its provider's queue: the request (at submit) and its position
-- (fal's, from 0). changed = this call set the request id. A job already processing or final
-- keeps its state; only a missing request id is filled in.
create function public.record_job_queued(
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

-- pending -> processing. Only that is a change: a job already processing (or final) reports
-- changed = false, so a second server instance polling the same job never starts it twice.
-- Progress only moves forward, whoever reports it.
create function public.mark_job_processing(
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

-- pending|processing -> completed (idempotent; a failed, refunded job stays failed).
create function public.mark_job_completed(
  p_job_id uuid, p_video_path text, p_thumbnail_path text default null
) returns jsonb
language plpgsql security definer
set search_path = ''
as $$
declare
  j public.video_jobs;
begin
  perform internal.check_job_id(p_job_id);
  if p_video_path is null or p_video_path = '' or length(p_video_path) > 500 then
    perform internal.raise('validation_failed', 'videoPath');
  end if;
  if p_thumbnail_path = '' or length(p_thumbnail_path) > 500 then
    perform internal.raise('validation_failed', 'thumbnailPath');
  end if;
  select * into j from public.video_jobs where id = p_job_id for update;
  if not found then
    perform internal.raise('job_not_found');
  end if;
  if j.status in ('completed', 'failed') then
    return jsonb_build_object('job', internal.job_json(j), 'changed', false);
  end if;
  update public.video_jobs
  set status = 'completed', progress = 1, video_path = p_video_path, thumbnail_path = p_thumbnail_path,
      started_at = coalesce(started_at, now()), completed_at = now()
  where id = p_job_id
  returning * into j;
  return jsonb_build_object('job', internal.job_json(j), 'changed', true);
end;
$$;

-- pending|processing -> failed, refunding the credits exactly once (idempotent).
create function public.mark_job_failed(p_job_id uuid, p_error_code text) returns jsonb
language plpgsql security definer
set search_path = ''
as $$
declare
  changed boolean;
  j public.video_jobs;
begin
  perform internal.check_job_id(p_job_id);
  if p_error_code is null or p_error_code !~ '^[a-z][a-z0-9_]{0,63}$' then
    perform internal.raise('validation_failed', 'errorCode');
  end if;
  changed := internal.fail_job(p_job_id, p_error_code);
  select * into j from public.video_jobs where id = p_job_id;
  return jsonb_build_object(
    'job', internal.job_json(j),
    'changed', changed,
    'credits', (select credits from public.users where id = j.user_id)
  );
end;
$$;

-- Whether the caller may ask the provider about this in-flight job now: at most one caller per
-- p_min_seconds per job, across every server instance. A final job is never claimed.
create function public.claim_job_check(p_job_id uuid, p_min_seconds integer) returns jsonb
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

-- Jobs still in flight with a provider, oldest first: what a restarted worker picks up again.
create function public.list_in_flight_jobs(p_provider text, p_limit integer default 100)
returns jsonb
language plpgsql stable security definer
set search_path = ''
as $$
begin
  if p_provider is null or p_provider not in ('fal', 'local') then
    perform internal.raise('validation_failed', 'provider');
  end if;
  if p_limit is null or p_limit < 1 or p_limit > 1000 then
    perform internal.raise('validation_failed', 'limit');
  end if;
  return jsonb_build_object('jobs', coalesce((
    select jsonb_agg(internal.job_json(j) order by j.created_at)
    from (
      select * from public.video_jobs
      where provider = p_provider and status in ('pending', 'processing') and deadline_at > now()
      order by created_at limit p_limit
    ) j
  ), '[]'::jsonb));
end;
$$;

-- Without a long-lived server the sweeper may run only once a day (Vercel Hobby cron), so a
-- job stuck past its deadline is also failed and refunded when its owner reads their jobs:
-- the server calls recover_overdue_jobs before get_job and list_jobs. The rule is the sweep's
-- (internal.fail_job with 'timeout'), so a refund happens once however many reads and sweeps
-- race: fail_job locks the user, then the job, and changes only a job still in flight.
create function public.recover_overdue_jobs(p_user_id uuid) returns jsonb
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

-- A user's own job; another user's or an expired job reads as not found.
create function public.get_job(p_user_id uuid, p_job_id uuid) returns jsonb
language plpgsql stable security definer
set search_path = ''
as $$
declare
  j public.video_jobs;
begin
  if p_user_id is null then
    perform internal.raise('unauthorized');
  end if;
  perform internal.check_job_id(p_job_id);
  select * into j from public.video_jobs
  where id = p_job_id and user_id = p_user_id and expires_at > now();
  if not found then
    perform internal.raise('job_not_found');
  end if;
  return jsonb_build_object('job', internal.job_json(j));
end;
$$;

-- Any job by id, for the server's own workers and webhooks (never with a user's input alone).
create function public.find_job(p_job_id uuid) returns jsonb
language plpgsql stable security definer
set search_path = ''
as $$
declare
  j public.video_jobs;
begin
  perform internal.check_job_id(p_job_id);
  select * into j from public.video_jobs where id = p_job_id;
  if not found then
    perform internal.raise('job_not_found');
  end if;
  return jsonb_build_object('job', internal.job_json(j));
end;
$$;

-- History: newest first, unexpired only, optionally filtered by prompt text, paged by a cursor
-- "<createdAt ISO with microseconds>_<id>" taken from the previous page. The cursor is always a
-- bound on the index (user_id, created_at desc, id desc), the first page's being "after
-- everything": written as "no cursor or before it", a cached generic plan filtered rather than
-- sought, reading every newer job of the user to reach a deep page.
create function public.list_jobs(
  p_user_id uuid, p_limit integer default 20, p_cursor text default null, p_query text default null
) returns jsonb
language plpgsql stable security definer
set search_path = ''
as $$
declare
  cursor_at timestamptz;
  cursor_id uuid;
  pattern text;
  jobs jsonb;
  fetched integer;
  last_cursor text;
begin
  if p_user_id is null then
    perform internal.raise('unauthorized');
  end if;
  if p_limit is null or p_limit < 1 or p_limit > 100 then
    perform internal.raise('validation_failed', 'limit');
  end if;
  if p_cursor is not null then
    if p_cursor !~ '^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}\.\d{6}Z_[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$' then
      perform internal.raise('validation_failed', 'cursor');
    end if;
    begin
      cursor_at := split_part(p_cursor, '_', 1)::timestamptz;
      cursor_id := split_part(p_cursor, '_', 2)::uuid;
    exception when others then
      perform internal.raise('validation_failed', 'cursor');
    end;
  end if;
  if p_query is not null then
    if length(p_query) > 200 then
      perform internal.raise('validation_failed', 'q');
    end if;
    pattern := '%' || replace(replace(replace(btrim(p_query), '\', '\\'), '%', '\%'), '_', '\_') || '%';
  end if;

  -- One row more than asked tells whether another page follows.
  select
    coalesce(jsonb_agg(internal.job_json(page.job) order by page.n) filter (where page.n <= p_limit), '[]'::jsonb),
    count(*),
    max(case when page.n = p_limit then
      to_char((page.job).created_at at time zone 'UTC', 'YYYY-MM-DD"T"HH24:MI:SS.US"Z"') || '_' || (page.job).id::text
    end)
  into jobs, fetched, last_cursor
  from (
    select j as job, row_number() over (order by j.created_at desc, j.id desc) as n
    from public.video_jobs j
    where j.user_id = p_user_id
      and j.expires_at > now()
      and (j.created_at, j.id) < (coalesce(cursor_at, 'infinity'), coalesce(cursor_id, 'ffffffff-ffff-ffff-ffff-ffffffffffff'))
      and (pattern is null or j.prompt ilike pattern)
    order by j.created_at desc, j.id desc
    limit p_limit + 1
  ) page;

  return jsonb_build_object(
    'jobs', jobs,
    'nextCursor', case when fetched > p_limit then last_cursor end
  );
end;
$$;

-- Deletes a finished job of the user's and returns the storage paths to remove: its input
-- picture only when no other job uses it (two jobs may share one).
create function public.delete_job(p_user_id uuid, p_job_id uuid) returns jsonb
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


grant execute on function
  public.generate_video(uuid, uuid, uuid, text, jsonb, uuid, text, text, integer),
  public.record_job_queued(uuid, text, text, text, text, integer),
  public.mark_job_processing(uuid, text, text, text, real, text),
  public.mark_job_completed(uuid, text, text),
  public.mark_job_failed(uuid, text),
  public.claim_job_check(uuid, integer),
  public.list_in_flight_jobs(text, integer),
  public.recover_overdue_jobs(uuid),
  public.get_job(uuid, uuid),
  public.find_job(uuid),
  public.list_jobs(uuid, integer, text, text),
  public.delete_job(uuid, uuid)
to service_role;
