-- Job reads at scale (issue 12).
--
-- A job's JSON no longer counts the pending jobs of the whole system for its queue position:
-- every read of a pending job was O(pending jobs system-wide), which made 20 users generating at
-- once slower than one at a time. queuePosition is now what a remote provider reports (fal's
-- queue, 0-based there, 1 = next here) and null otherwise: the local renderer has no line to
-- tell, it shows a job's progress once the job starts.

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
  )
$$;

-- History: as before (20261125000200_functions.sql), but the cursor is always a bound on the
-- index (user_id, created_at desc, id desc), the first page's being "after everything". Written
-- as "no cursor or before it", a cached generic plan filtered rather than sought, reading every
-- newer job of the user to reach a deep page.
create or replace function public.list_jobs(
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

-- recover_overdue_jobs runs before every job read; its user's jobs still in flight are found here,
-- not among all the user's jobs or all jobs in flight.
create index video_jobs_user_in_flight_idx on public.video_jobs (user_id, deadline_at)
  where status in ('pending', 'processing');
