-- Business rules. Every public function here is SECURITY DEFINER with an empty search_path,
-- returns jsonb, raises SQLSTATE P0001 with an api.md error code as the message (and the
-- offending field, when there is one, as the DETAIL), and is executable by service_role only
-- (see the security migration). Internal helpers live in schema "internal".

-- ---------------------------------------------------------------------------------------
-- Internal helpers
-- ---------------------------------------------------------------------------------------

create or replace function internal.iso(ts timestamptz) returns text
language sql immutable
set search_path = ''
as $$
  select to_char(ts at time zone 'UTC', 'YYYY-MM-DD"T"HH24:MI:SS.MS"Z"')
$$;

create or replace function internal.raise(code text, field text default null) returns void
language plpgsql
set search_path = ''
as $$
begin
  raise exception using errcode = 'P0001', message = code, detail = coalesce(field, '');
end;
$$;

create or replace function internal.me_json(u public.users) returns jsonb
language sql stable
set search_path = ''
as $$
  select jsonb_build_object(
    'id', u.id,
    'isGuest', u.is_guest,
    'email', u.email,
    'credits', u.credits,
    'language', u.language,
    'theme', u.theme,
    'createdAt', internal.iso(u.created_at)
  )
$$;

create or replace function internal.job_json(j public.video_jobs) returns jsonb
language sql stable
set search_path = ''
as $$
  select jsonb_build_object(
    'id', j.id,
    'userId', j.user_id,
    'status', j.status,
    'progress', j.progress,
    'queuePosition', case when j.status = 'pending' then (
        select count(*) from public.video_jobs q
        where q.status = 'pending' and (q.created_at, q.id) <= (j.created_at, j.id)
      ) end,
    'prompt', j.prompt,
    'settings', jsonb_build_object(
      'durationSeconds', j.duration_seconds,
      'resolution', j.resolution,
      'aspectRatio', j.aspect_ratio,
      'audio', j.audio
    ),
    'model', (select jsonb_build_object('id', m.id, 'slug', m.slug, 'name', m.name)
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
    'createdAt', internal.iso(j.created_at),
    'startedAt', internal.iso(j.started_at),
    'completedAt', internal.iso(j.completed_at),
    'deadlineAt', internal.iso(j.deadline_at),
    'expiresAt', internal.iso(j.expires_at)
  )
$$;

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
    'pricing', m.pricing
  )
$$;

create or replace function internal.check_locale(locale text) returns void
language plpgsql
set search_path = ''
as $$
begin
  if locale is null or locale not in ('en', 'tr', 'es') then
    perform internal.raise('validation_failed', 'locale');
  end if;
end;
$$;

-- The user row, locked for the rest of the transaction; unknown users are unauthorized.
create or replace function internal.lock_user(p_user_id uuid) returns public.users
language plpgsql
set search_path = ''
as $$
declare
  u public.users;
begin
  select * into u from public.users where id = p_user_id for update;
  if not found then
    perform internal.raise('unauthorized');
  end if;
  return u;
end;
$$;

-- Applies a balance change and writes its ledger row. The caller holds the user row lock.
create or replace function internal.apply_credits(
  p_user_id uuid, p_kind text, p_change integer,
  p_job_id uuid default null, p_product_id uuid default null, p_external_ref text default null,
  p_reversal_of bigint default null
) returns integer
language plpgsql
set search_path = ''
as $$
declare
  new_balance integer;
begin
  update public.users set credits = credits + p_change, updated_at = now()
  where id = p_user_id
  returning credits into new_balance;
  insert into public.credit_ledger
    (user_id, kind, change, balance_after, job_id, product_id, external_ref, reversal_of)
  values (p_user_id, p_kind, p_change, new_balance, p_job_id, p_product_id, p_external_ref, p_reversal_of);
  return new_balance;
end;
$$;

-- Resolves requested settings against a model's inputs: missing values take the model's
-- defaults, anything the model does not offer is rejected with the setting as the field.
create or replace function internal.resolve_settings(m public.models, p_settings jsonb) returns jsonb
language plpgsql stable
set search_path = ''
as $$
declare
  settings jsonb := coalesce(p_settings, '{}'::jsonb);
  unknown_key text;
  v jsonb;
  duration integer;
  resolution text;
  aspect text;
  audio boolean;
begin
  if jsonb_typeof(settings) <> 'object' then
    perform internal.raise('validation_failed', 'settings');
  end if;
  select k into unknown_key from jsonb_object_keys(settings) k
  where k not in ('durationSeconds', 'resolution', 'aspectRatio', 'audio') limit 1;
  if unknown_key is not null then
    perform internal.raise('validation_failed', 'settings.' || unknown_key);
  end if;

  v := settings -> 'durationSeconds';
  if v is null or v = 'null'::jsonb then
    duration := (m.inputs ->> 'defaultDuration')::integer;
  elsif jsonb_typeof(v) = 'number' and (m.inputs -> 'durations') @> jsonb_build_array(v) then
    duration := (v #>> '{}')::numeric::integer;
  else
    perform internal.raise('validation_failed', 'settings.durationSeconds');
  end if;

  v := settings -> 'resolution';
  if v is null or v = 'null'::jsonb then
    resolution := m.inputs ->> 'defaultResolution';
  elsif jsonb_typeof(v) = 'string' and (m.inputs -> 'resolutions') @> jsonb_build_array(v) then
    resolution := v #>> '{}';
  else
    perform internal.raise('validation_failed', 'settings.resolution');
  end if;

  v := settings -> 'aspectRatio';
  if v is null or v = 'null'::jsonb then
    aspect := m.inputs ->> 'defaultAspectRatio';
  elsif jsonb_typeof(v) = 'string' and (m.inputs -> 'aspectRatios') @> jsonb_build_array(v) then
    aspect := v #>> '{}';
  else
    perform internal.raise('validation_failed', 'settings.aspectRatio');
  end if;

  v := settings -> 'audio';
  if v is null or v = 'null'::jsonb then
    audio := case m.inputs ->> 'audio'
      when 'always' then true
      when 'never' then false
      else coalesce((m.inputs ->> 'defaultAudio')::boolean, false)
    end;
  elsif jsonb_typeof(v) <> 'boolean'
     or (m.inputs ->> 'audio' = 'always' and v = 'false'::jsonb)
     or (m.inputs ->> 'audio' = 'never' and v = 'true'::jsonb) then
    perform internal.raise('validation_failed', 'settings.audio');
  else
    audio := (v #>> '{}')::boolean;
  end if;

  if duration is null or resolution is null or aspect is null then
    perform internal.raise('model_unavailable');
  end if;
  return jsonb_build_object(
    'durationSeconds', duration, 'resolution', resolution, 'aspectRatio', aspect, 'audio', audio
  );
end;
$$;

-- Credits for resolved settings; the same formula as lib/contracts/pricing.ts:
-- max(1, ceil(units * (cents for the resolution + audio cents if audio) / 10)).
create or replace function internal.price(m public.models, resolved jsonb) returns integer
language plpgsql stable
set search_path = ''
as $$
declare
  cents integer;
  units integer;
begin
  cents := (m.pricing -> 'centsByResolution' ->> (resolved ->> 'resolution'))::integer
         + case when (resolved ->> 'audio')::boolean
                then coalesce((m.pricing ->> 'audioCents')::integer, 0) else 0 end;
  units := case m.pricing ->> 'basis'
             when 'per_second' then (resolved ->> 'durationSeconds')::integer
             when 'per_video' then 1
           end;
  if cents is null or units is null then
    perform internal.raise('model_unavailable');
  end if;
  return greatest(1, (units * cents + 9) / 10);
end;
$$;

create or replace function internal.available_model(p_model_id uuid) returns public.models
language plpgsql stable
set search_path = ''
as $$
declare
  m public.models;
begin
  if p_model_id is null then
    perform internal.raise('validation_failed', 'modelId');
  end if;
  select * into m from public.models where id = p_model_id;
  if not found then
    perform internal.raise('model_not_found');
  end if;
  if not m.is_available then
    perform internal.raise('model_unavailable');
  end if;
  return m;
end;
$$;

-- Fails an in-flight job and refunds its credits, once. Returns true when it changed the job.
create or replace function internal.fail_job(p_job_id uuid, p_error_code text) returns boolean
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

create or replace function internal.check_job_id(p_job_id uuid) returns void
language plpgsql
set search_path = ''
as $$
begin
  if p_job_id is null then
    perform internal.raise('validation_failed', 'jobId');
  end if;
end;
$$;

-- ---------------------------------------------------------------------------------------
-- Public API (service_role only)
-- ---------------------------------------------------------------------------------------

create or replace function public.health_check() returns jsonb
language sql stable security definer
set search_path = ''
as $$
  select jsonb_build_object('ok', true, 'time', internal.iso(now()))
$$;

-- Creates the profile row of an auth user (idempotent) and grants the welcome credits once.
create or replace function public.onboard_user(p_user_id uuid, p_language text default null)
returns jsonb
language plpgsql security definer
set search_path = ''
as $$
declare
  au auth.users;
  u public.users;
  normalized_email text;
  created boolean;
  granted boolean := false;
  welcome_credits constant integer := 10;
begin
  if p_user_id is null then
    perform internal.raise('validation_failed', 'userId');
  end if;
  if p_language is not null and p_language not in ('en', 'tr', 'es') then
    perform internal.raise('validation_failed', 'language');
  end if;
  select * into au from auth.users where id = p_user_id;
  if not found then
    perform internal.raise('unauthorized');
  end if;
  normalized_email := lower(btrim(au.email));
  if not au.is_anonymous and normalized_email is not null and (
       normalized_email !~ '^[^@\s]+@[^@\s]+$'
       or exists (select 1 from public.users u2 where u2.email = normalized_email and u2.id <> p_user_id)
     ) then
    perform internal.raise('validation_failed', 'email');
  end if;

  insert into public.users (id, email, is_guest, language)
  values (
    au.id,
    case when au.is_anonymous then null else normalized_email end,
    au.is_anonymous or normalized_email is null,
    coalesce(p_language, 'en')
  )
  on conflict (id) do nothing;
  created := found;

  u := internal.lock_user(p_user_id);
  if not exists (select 1 from public.credit_ledger where user_id = p_user_id and kind = 'grant') then
    perform internal.apply_credits(p_user_id, 'grant', welcome_credits);
    granted := true;
  end if;
  select * into u from public.users where id = p_user_id;
  return jsonb_build_object('user', internal.me_json(u), 'created', created, 'granted', granted);
end;
$$;

create or replace function public.get_me(p_user_id uuid) returns jsonb
language plpgsql stable security definer
set search_path = ''
as $$
declare
  u public.users;
begin
  select * into u from public.users where id = p_user_id;
  if not found then
    perform internal.raise('unauthorized');
  end if;
  return jsonb_build_object('user', internal.me_json(u));
end;
$$;

create or replace function public.update_settings(
  p_user_id uuid, p_language text default null, p_theme text default null
) returns jsonb
language plpgsql security definer
set search_path = ''
as $$
declare
  u public.users;
begin
  if p_language is not null and p_language not in ('en', 'tr', 'es') then
    perform internal.raise('validation_failed', 'language');
  end if;
  if p_theme is not null and p_theme not in ('system', 'light', 'dark') then
    perform internal.raise('validation_failed', 'theme');
  end if;
  u := internal.lock_user(p_user_id);
  update public.users
  set language = coalesce(p_language, language), theme = coalesce(p_theme, theme), updated_at = now()
  where id = p_user_id
  returning * into u;
  return jsonb_build_object('user', internal.me_json(u));
end;
$$;

create or replace function public.list_catalog(p_locale text default 'en') returns jsonb
language plpgsql stable security definer
set search_path = ''
as $$
begin
  perform internal.check_locale(p_locale);
  return jsonb_build_object(
    'models', coalesce((
      select jsonb_agg(internal.model_json(m, p_locale) order by m.is_featured desc, m.sort_order, m.name)
      from public.models m where m.is_available
    ), '[]'::jsonb),
    'themes', coalesce((
      select jsonb_agg(jsonb_build_object(
        'id', t.id,
        'slug', t.slug,
        'name', coalesce(t.name ->> p_locale, t.name ->> 'en'),
        'description', coalesce(t.description ->> p_locale, t.description ->> 'en'),
        'prompt', t.prompt,
        'thumbnailUrl', t.thumbnail_url,
        'modelId', t.model_id,
        'defaultSettings', t.default_settings,
        'isFeatured', t.is_featured
      ) order by t.is_featured desc, t.sort_order, t.slug)
      from public.themes t where t.is_available
    ), '[]'::jsonb)
  );
end;
$$;

-- One model by id or slug (unavailable models read as not found).
create or replace function public.get_model(p_model text, p_locale text default 'en') returns jsonb
language plpgsql stable security definer
set search_path = ''
as $$
declare
  m public.models;
begin
  perform internal.check_locale(p_locale);
  if p_model is null or length(p_model) > 100 then
    perform internal.raise('model_not_found');
  end if;
  select * into m from public.models
  where is_available and (slug = p_model or id::text = lower(p_model));
  if not found then
    perform internal.raise('model_not_found');
  end if;
  return jsonb_build_object('model', internal.model_json(m, p_locale));
end;
$$;

create or replace function public.list_credit_products(p_locale text default 'en') returns jsonb
language plpgsql stable security definer
set search_path = ''
as $$
begin
  perform internal.check_locale(p_locale);
  return jsonb_build_object('products', coalesce((
    select jsonb_agg(jsonb_build_object(
      'id', p.id,
      'slug', p.slug,
      'credits', p.credits,
      'priceCents', p.price_cents,
      'currency', p.currency,
      'label', coalesce(p.label ->> p_locale, p.label ->> 'en'),
      'isPopular', p.is_popular
    ) order by p.sort_order, p.credits)
    from public.credit_products p where p.is_active
  ), '[]'::jsonb));
end;
$$;

-- The price of a model for the given settings, with the settings it resolved to.
create or replace function public.price_of(p_model_id uuid, p_settings jsonb default '{}'::jsonb)
returns jsonb
language plpgsql stable security definer
set search_path = ''
as $$
declare
  m public.models;
  resolved jsonb;
begin
  m := internal.available_model(p_model_id);
  resolved := internal.resolve_settings(m, p_settings);
  return jsonb_build_object('credits', internal.price(m, resolved), 'settings', resolved);
end;
$$;

-- Charges the user and creates the job in one transaction. The same idempotency key with the
-- same arguments replays the first answer and charges nothing; with other arguments it is a
-- conflict. The user row lock serialises all of a user's charges.
create or replace function public.generate_video(
  p_user_id uuid,
  p_idempotency_key uuid,
  p_model_id uuid,
  p_prompt text,
  p_settings jsonb default '{}'::jsonb,
  p_theme_id uuid default null,
  p_input_image_path text default null,
  p_provider text default 'local'
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

-- pending -> processing (idempotent; progress only moves forward; final jobs are untouched).
create or replace function public.mark_job_processing(
  p_job_id uuid,
  p_provider_request_id text default null,
  p_status_url text default null,
  p_response_url text default null,
  p_progress real default null
) returns jsonb
language plpgsql security definer
set search_path = ''
as $$
declare
  j public.video_jobs;
begin
  perform internal.check_job_id(p_job_id);
  if p_progress is not null and (p_progress < 0 or p_progress > 1 or p_progress = 'NaN'::real) then
    perform internal.raise('validation_failed', 'progress');
  end if;
  if length(p_provider_request_id) > 255 or p_provider_request_id = '' then
    perform internal.raise('validation_failed', 'providerRequestId');
  end if;
  if length(p_status_url) > 2000 or p_status_url = '' then
    perform internal.raise('validation_failed', 'statusUrl');
  end if;
  if length(p_response_url) > 2000 or p_response_url = '' then
    perform internal.raise('validation_failed', 'responseUrl');
  end if;
  select * into j from public.video_jobs where id = p_job_id for update;
  if not found then
    perform internal.raise('job_not_found');
  end if;
  if p_provider_request_id is not null and exists (
       select 1 from public.video_jobs
       where provider = j.provider and provider_request_id = p_provider_request_id and id <> p_job_id
     ) then
    perform internal.raise('idempotency_conflict');
  end if;
  if j.status in ('completed', 'failed') then
    return jsonb_build_object('job', internal.job_json(j), 'changed', false);
  end if;
  update public.video_jobs
  set status = 'processing',
      started_at = coalesce(started_at, now()),
      provider_request_id = coalesce(p_provider_request_id, provider_request_id),
      provider_status_url = coalesce(p_status_url, provider_status_url),
      provider_response_url = coalesce(p_response_url, provider_response_url),
      progress = greatest(progress, p_progress)
  where id = p_job_id
  returning * into j;
  return jsonb_build_object('job', internal.job_json(j), 'changed', true);
end;
$$;

-- pending|processing -> completed (idempotent; a failed, refunded job stays failed).
create or replace function public.mark_job_completed(
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
create or replace function public.mark_job_failed(p_job_id uuid, p_error_code text) returns jsonb
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

-- Jobs still in flight with a provider, oldest first: what a restarted worker picks up again.
create or replace function public.list_in_flight_jobs(p_provider text, p_limit integer default 100)
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

-- A user's own job; another user's or an expired job reads as not found.
create or replace function public.get_job(p_user_id uuid, p_job_id uuid) returns jsonb
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
create or replace function public.find_job(p_job_id uuid) returns jsonb
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

-- History: newest first, unexpired only, optionally filtered by prompt text, paged by a
-- cursor "<createdAt ISO with microseconds>_<id>" taken from the previous page.
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
      and (cursor_at is null or (j.created_at, j.id) < (cursor_at, cursor_id))
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

-- Deletes a finished job of the user's and returns the storage paths to remove.
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
    'mediaPaths', to_jsonb(array_remove(array[j.video_path, j.thumbnail_path, j.input_image_path], null))
  );
end;
$$;

-- Grants a credit pack for a payment, once per external reference (e.g. a Stripe event or
-- checkout session id). A replay of the same reference changes nothing.
create or replace function public.grant_purchase(
  p_user_id uuid, p_product_id uuid, p_external_ref text
) returns jsonb
language plpgsql security definer
set search_path = ''
as $$
declare
  u public.users;
  p public.credit_products;
  prior public.credit_ledger;
  balance integer;
begin
  if p_external_ref is null or length(p_external_ref) < 1 or length(p_external_ref) > 255 then
    perform internal.raise('validation_failed', 'externalRef');
  end if;
  if p_product_id is null then
    perform internal.raise('validation_failed', 'productId');
  end if;
  select * into p from public.credit_products where id = p_product_id and is_active;
  if not found then
    perform internal.raise('product_not_found');
  end if;
  u := internal.lock_user(p_user_id);
  if u.is_guest then
    perform internal.raise('forbidden');
  end if;
  select * into prior from public.credit_ledger where external_ref = p_external_ref;
  if found then
    if prior.kind <> 'purchase' or prior.user_id <> p_user_id or prior.product_id is distinct from p_product_id then
      perform internal.raise('idempotency_conflict');
    end if;
    return jsonb_build_object('granted', false, 'creditsAdded', 0, 'credits', u.credits);
  end if;
  balance := internal.apply_credits(p_user_id, 'purchase', p.credits, null, p.id, p_external_ref);
  return jsonb_build_object('granted', true, 'creditsAdded', p.credits, 'credits', balance);
end;
$$;

-- Takes a refunded or disputed purchase back, never below a zero balance; once per reversal.
create or replace function public.reverse_purchase(p_external_ref text, p_reversal_ref text)
returns jsonb
language plpgsql security definer
set search_path = ''
as $$
declare
  purchase public.credit_ledger;
  prior public.credit_ledger;
  u public.users;
  already integer;
  taken integer;
  balance integer;
begin
  if p_external_ref is null or length(p_external_ref) < 1 or length(p_external_ref) > 255 then
    perform internal.raise('validation_failed', 'externalRef');
  end if;
  if p_reversal_ref is null or length(p_reversal_ref) < 1 or length(p_reversal_ref) > 255
     or p_reversal_ref = p_external_ref then
    perform internal.raise('validation_failed', 'reversalRef');
  end if;
  select * into purchase from public.credit_ledger where external_ref = p_external_ref and kind = 'purchase';
  if not found then
    perform internal.raise('not_found');
  end if;
  u := internal.lock_user(purchase.user_id);
  select * into prior from public.credit_ledger where external_ref = p_reversal_ref;
  if found then
    if prior.reversal_of is distinct from purchase.id then
      perform internal.raise('idempotency_conflict');
    end if;
    return jsonb_build_object('reversed', false, 'creditsRemoved', 0, 'credits', u.credits);
  end if;
  -- Never take back more than the purchase gave, across all of its reversals.
  select coalesce(-sum(change), 0) into already from public.credit_ledger where reversal_of = purchase.id;
  taken := greatest(0, least(u.credits, purchase.change - already));
  balance := internal.apply_credits(
    u.id, 'chargeback', -taken, null, purchase.product_id, p_reversal_ref, purchase.id
  );
  return jsonb_build_object('reversed', true, 'creditsRemoved', taken, 'credits', balance);
end;
$$;

-- Moves a guest into an existing registered account: jobs move, the guest's balance is added
-- as one "merge" ledger row, and the guest row is deleted. All or nothing.
create or replace function public.merge_guest(p_guest_id uuid, p_target_id uuid) returns jsonb
language plpgsql security definer
set search_path = ''
as $$
declare
  guest public.users;
  target public.users;
  moved integer;
begin
  if p_guest_id is null then
    perform internal.raise('validation_failed', 'guestId');
  end if;
  if p_target_id is null or p_target_id = p_guest_id then
    perform internal.raise('validation_failed', 'targetId');
  end if;
  -- Lock both rows in a fixed order so two merges can never deadlock.
  perform 1 from public.users where id in (p_guest_id, p_target_id) order by id for update;
  select * into guest from public.users where id = p_guest_id;
  if not found then
    perform internal.raise('unauthorized');
  end if;
  select * into target from public.users where id = p_target_id;
  if not found then
    perform internal.raise('not_found');
  end if;
  if not guest.is_guest or target.is_guest then
    perform internal.raise('forbidden');
  end if;

  update public.video_jobs set user_id = p_target_id where user_id = p_guest_id;
  get diagnostics moved = row_count;
  if guest.credits > 0 then
    perform internal.apply_credits(p_target_id, 'merge', guest.credits);
  end if;
  delete from public.users where id = p_guest_id;
  select * into target from public.users where id = p_target_id;
  return jsonb_build_object('user', internal.me_json(target), 'creditsMerged', guest.credits, 'jobsMoved', moved);
end;
$$;

-- Deletes the user's row and everything hanging off it; returns the storage paths to remove.
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
  return jsonb_build_object('deleted', true, 'mediaPaths', paths);
end;
$$;

-- Fixed-window rate limit. Counts this call; over the limit raises rate_limited with the
-- seconds until the window resets as the DETAIL.
create or replace function public.check_rate_limit(
  p_bucket text, p_limit integer, p_window_seconds integer
) returns jsonb
language plpgsql security definer
set search_path = ''
as $$
declare
  current_window timestamptz;
  reset_at timestamptz;
  used integer;
begin
  if p_bucket is null or length(p_bucket) < 1 or length(p_bucket) > 200 then
    perform internal.raise('validation_failed', 'bucket');
  end if;
  if p_limit is null or p_limit < 1 or p_limit > 1000000 then
    perform internal.raise('validation_failed', 'limit');
  end if;
  if p_window_seconds is null or p_window_seconds < 1 or p_window_seconds > 86400 then
    perform internal.raise('validation_failed', 'windowSeconds');
  end if;
  current_window := to_timestamp(floor(extract(epoch from now()) / p_window_seconds) * p_window_seconds);
  reset_at := current_window + make_interval(secs => p_window_seconds);
  insert into public.rate_limits (bucket, window_start, count)
  values (p_bucket, current_window, 1)
  on conflict (bucket, window_start) do update set count = public.rate_limits.count + 1
  returning count into used;
  if used > p_limit then
    perform internal.raise('rate_limited', ceil(extract(epoch from reset_at - now()))::integer::text);
  end if;
  return jsonb_build_object('allowed', true, 'remaining', p_limit - used, 'resetAt', internal.iso(reset_at));
end;
$$;

-- Records a webhook delivery; firstTime is false when the event was already applied.
create or replace function public.record_webhook_event(p_provider text, p_event_id text) returns jsonb
language plpgsql security definer
set search_path = ''
as $$
begin
  if p_provider is null or p_provider not in ('stripe', 'fal') then
    perform internal.raise('validation_failed', 'provider');
  end if;
  if p_event_id is null or length(p_event_id) < 1 or length(p_event_id) > 255 then
    perform internal.raise('validation_failed', 'eventId');
  end if;
  insert into public.webhook_events (provider, event_id) values (p_provider, p_event_id)
  on conflict do nothing;
  return jsonb_build_object('firstTime', found);
end;
$$;

-- The user's credit history, newest first, paged by the last entry id.
create or replace function public.list_ledger(
  p_user_id uuid, p_limit integer default 20, p_cursor bigint default null
) returns jsonb
language plpgsql stable security definer
set search_path = ''
as $$
declare
  entries jsonb;
  last_id bigint;
  page_size integer;
begin
  if p_user_id is null then
    perform internal.raise('unauthorized');
  end if;
  if p_limit is null or p_limit < 1 or p_limit > 100 then
    perform internal.raise('validation_failed', 'limit');
  end if;
  if p_cursor is not null and p_cursor < 1 then
    perform internal.raise('validation_failed', 'cursor');
  end if;
  select coalesce(jsonb_agg(jsonb_build_object(
           'id', l.id, 'kind', l.kind, 'change', l.change, 'balanceAfter', l.balance_after,
           'jobId', l.job_id, 'createdAt', internal.iso(l.created_at)) order by l.id desc), '[]'::jsonb),
         min(l.id), count(*)
  into entries, last_id, page_size
  from (
    select * from public.credit_ledger
    where user_id = p_user_id and (p_cursor is null or id < p_cursor)
    order by id desc limit p_limit
  ) l;
  return jsonb_build_object(
    'entries', entries,
    'nextCursor', case when page_size = p_limit and exists (
      select 1 from public.credit_ledger where user_id = p_user_id and id < last_id
    ) then last_id::text end
  );
end;
$$;

-- Housekeeping, run on a schedule: fails and refunds jobs past their deadline, removes expired
-- jobs (returning their storage paths for deletion), idempotency records and old counters.
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

  with gone as (
    delete from public.video_jobs
    where expires_at <= now() and status in ('completed', 'failed')
    returning video_path, thumbnail_path, input_image_path
  )
  select count(*), coalesce((
           select jsonb_agg(p) from gone g2,
             unnest(array[g2.video_path, g2.thumbnail_path, g2.input_image_path]) as p
           where p is not null), '[]'::jsonb)
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
