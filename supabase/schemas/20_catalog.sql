-- The catalog: video models, prompt themes and credit packs. Their rows are reference data in
-- supabase/migrations/20261203000200_catalog.sql (a later change is a new migration of the same
-- kind of upsert: `supabase db diff` does not carry rows).

-- The video models people pick from. `inputs` says which settings a model accepts and
-- `pricing` how much they cost; both are read by SQL (internal.resolve_settings,
-- internal.price) and by the browser (lib/contracts/pricing.ts) with the same formula.
create table public.models (
  id uuid primary key,
  slug text not null unique check (slug ~ '^[a-z0-9]+(-[a-z0-9]+)*$'),
  name text not null check (length(name) between 1 and 80),
  description jsonb not null check (internal.is_localized(description)),
  category text not null check (category in ('text-to-video', 'image-to-video')),
  provider text not null check (provider in ('fal')),
  provider_model_id text not null,
  thumbnail_url text not null,
  inputs jsonb not null check (jsonb_typeof(inputs) = 'object'),
  pricing jsonb not null check (jsonb_typeof(pricing) = 'object'),
  is_featured boolean not null default false,
  is_available boolean not null default true,
  sort_order integer not null default 100,
  created_at timestamptz not null default now(),
  -- How long the provider usually takes for a default video (the expected wait shown while a job runs).
  typical_seconds integer not null default 60 check (typical_seconds between 1 and 3600)
);
create index models_available_idx on public.models (is_featured desc, sort_order, name) where is_available;

-- Prompt presets ("Start from a theme"); a theme may recommend a model.
create table public.themes (
  id uuid primary key,
  slug text not null unique check (slug ~ '^[a-z0-9]+(-[a-z0-9]+)*$'),
  name jsonb not null check (internal.is_localized(name)),
  description jsonb not null check (internal.is_localized(description)),
  prompt text not null check (length(prompt) between 1 and 1000),
  thumbnail_url text not null,
  model_id uuid references public.models (id) on delete set null,
  default_settings jsonb not null default '{}'::jsonb check (jsonb_typeof(default_settings) = 'object'),
  is_featured boolean not null default false,
  is_available boolean not null default true,
  sort_order integer not null default 100,
  created_at timestamptz not null default now()
);

create table public.credit_products (
  id uuid primary key,
  slug text not null unique check (slug ~ '^[a-z0-9]+(-[a-z0-9]+)*$'),
  credits integer not null check (credits > 0),
  price_cents integer not null check (price_cents > 0),
  currency text not null default 'usd' check (currency ~ '^[a-z]{3}$'),
  label jsonb not null check (internal.is_localized(label)),
  is_popular boolean not null default false,
  is_active boolean not null default true,
  sort_order integer not null default 100
);
create unique index credit_products_one_popular on public.credit_products (is_popular) where is_popular;

alter table public.models enable row level security;
alter table public.themes enable row level security;
alter table public.credit_products enable row level security;
revoke all on public.models, public.themes, public.credit_products from anon, authenticated;
grant select on public.models, public.themes, public.credit_products to anon, authenticated;
create policy models_read_available on public.models
  for select to anon, authenticated using (is_available);
create policy themes_read_available on public.themes
  for select to anon, authenticated using (is_available);
create policy credit_products_read_active on public.credit_products
  for select to anon, authenticated using (is_active);

create function internal.model_json(m public.models, locale text) returns jsonb
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

create function internal.available_model(p_model_id uuid) returns public.models
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

-- Resolves requested settings against a model's inputs: missing values take the model's
-- defaults, anything the model does not offer is rejected with the setting as the field.
create function internal.resolve_settings(m public.models, p_settings jsonb) returns jsonb
language plpgsql stable
set search_path = ''
as $$
declare
  settings jsonb := coalesce(p_settings, '{}'::jsonb);
  unknown_key text;
  -- The settings the model offers as a list in its inputs: the setting, its list, its default
  -- there, and the JSON type of its values.
  listed constant text[] := array[
    ['durationSeconds', 'durations', 'defaultDuration', 'number'],
    ['resolution', 'resolutions', 'defaultResolution', 'string'],
    ['aspectRatio', 'aspectRatios', 'defaultAspectRatio', 'string']
  ];
  setting text[];
  v jsonb;
  chosen text[] := '{}';  -- the values of `listed`, in its order
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

  foreach setting slice 1 in array listed loop
    v := settings -> setting[1];
    if v is null or v = 'null'::jsonb then
      v := m.inputs -> setting[3];
    elsif jsonb_typeof(v) <> setting[4]
       or not coalesce((m.inputs -> setting[2]) @> jsonb_build_array(v), false) then
      perform internal.raise('validation_failed', 'settings.' || setting[1]);
    end if;
    chosen := array_append(chosen, v #>> '{}');
  end loop;

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

  if array_position(chosen, null) is not null then
    perform internal.raise('model_unavailable');
  end if;
  return jsonb_build_object(
    'durationSeconds', chosen[1]::numeric::integer,
    'resolution', chosen[2],
    'aspectRatio', chosen[3],
    'audio', audio
  );
end;
$$;

-- Credits for resolved settings; the same formula as lib/contracts/pricing.ts:
-- max(1, ceil(units * (cents for the resolution + audio cents if audio) / 10)).
create function internal.price(m public.models, resolved jsonb) returns integer
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

create function public.list_catalog(p_locale text default 'en') returns jsonb
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
create function public.get_model(p_model text, p_locale text default 'en') returns jsonb
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

create function public.list_credit_products(p_locale text default 'en') returns jsonb
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
create function public.price_of(p_model_id uuid, p_settings jsonb default '{}'::jsonb)
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


grant execute on function
  public.list_catalog(text),
  public.get_model(text, text),
  public.list_credit_products(text),
  public.price_of(uuid, jsonb)
to service_role;
