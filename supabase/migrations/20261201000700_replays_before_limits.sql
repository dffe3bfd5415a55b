-- Idempotent replays come before rate limits: generate_video and grant_purchase take the
-- caller's limit and count the request only after the idempotency lookup, so replaying a key
-- that already has an answer returns that answer (and a key reused with other content is a
-- conflict) even when the user is at the limit. Without a limit (null) nothing is counted, as
-- before. A new parameter is a new signature, so the old functions are dropped first.

drop function public.generate_video(uuid, uuid, uuid, text, jsonb, uuid, text, text);
drop function public.grant_purchase(uuid, uuid, text);

-- Charges the user and creates the job in one transaction (see 20261125000200_functions.sql);
-- p_per_minute is the user's generation limit.
create or replace function public.generate_video(
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

-- A purchase granted once per external reference; p_limit per p_window_seconds limits checkouts.
create or replace function public.grant_purchase(
  p_user_id uuid, p_product_id uuid, p_external_ref text,
  p_limit integer default null, p_window_seconds integer default null
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
  if p_limit is not null then
    perform public.check_rate_limit('checkout:user:' || p_user_id::text, p_limit, p_window_seconds);
  end if;
  balance := internal.apply_credits(p_user_id, 'purchase', p.credits, null, p.id, p_external_ref);
  return jsonb_build_object('granted', true, 'creditsAdded', p.credits, 'credits', balance);
end;
$$;

revoke execute on function
  public.generate_video(uuid, uuid, uuid, text, jsonb, uuid, text, text, integer),
  public.grant_purchase(uuid, uuid, text, integer, integer)
from public, anon, authenticated;
grant execute on function
  public.generate_video(uuid, uuid, uuid, text, jsonb, uuid, text, text, integer),
  public.grant_purchase(uuid, uuid, text, integer, integer)
to service_role;
