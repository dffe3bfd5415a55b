-- The JSON builders as PL/pgSQL (issue 12: generate_video in parallel).
--
-- internal.iso, job_json, me_json and model_json were SQL functions with `set search_path`, which
-- PostgreSQL never inlines: each call site planned the function's body again in every statement
-- that used it. generate_video spent 6 of its 7.8 ms there (job_json with six iso calls), and
-- list_jobs ~0.3 ms per row. PL/pgSQL keeps the compiled body and its plans for the connection's
-- life. Same arguments, same results.

create or replace function internal.iso(ts timestamptz) returns text
language plpgsql immutable
set search_path = ''
as $$
begin
  return to_char(ts at time zone 'UTC', 'YYYY-MM-DD"T"HH24:MI:SS.MS"Z"');
end;
$$;

create or replace function internal.me_json(u public.users) returns jsonb
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

create or replace function internal.model_json(m public.models, locale text) returns jsonb
language plpgsql stable
set search_path = ''
as $$
begin
  return jsonb_build_object(
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
  );
end;
$$;

create or replace function internal.job_json(j public.video_jobs) returns jsonb
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
