-- Rendio schema: tables, constraints and indexes. Business rules live in the functions
-- migration; row-level security and grants in the security migration.

-- Internal helpers live outside the API-exposed "public" schema.
create schema if not exists internal;

-- Localized text: {"en": "...", "tr": "...", "es": "..."}, all three required.
create or replace function internal.is_localized(value jsonb) returns boolean
language sql immutable
set search_path = ''
as $$
  select jsonb_typeof(value) = 'object'
     and coalesce(length(value ->> 'en'), 0) > 0
     and coalesce(length(value ->> 'tr'), 0) > 0
     and coalesce(length(value ->> 'es'), 0) > 0
$$;

create table public.users (
  id uuid primary key references auth.users (id) on delete cascade,
  email text,
  is_guest boolean not null default true,
  credits integer not null default 0 check (credits >= 0),
  language text not null default 'en' check (language in ('en', 'tr', 'es')),
  theme text not null default 'system' check (theme in ('system', 'light', 'dark')),
  created_at timestamptz not null default now(),
  updated_at timestamptz not null default now(),
  constraint users_email_shape check (email is null or email = lower(email) and position('@' in email) > 1),
  constraint users_registered_have_email check (is_guest or email is not null)
);
create unique index users_email_key on public.users (email) where email is not null;

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
  created_at timestamptz not null default now()
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
  constraint video_jobs_completed_has_video check (status <> 'completed' or video_path is not null),
  constraint video_jobs_failed_has_code check (status <> 'failed' or error_code is not null),
  constraint video_jobs_refund_only_failed check (refunded_at is null or status = 'failed')
);
create index video_jobs_user_created_idx on public.video_jobs (user_id, created_at desc, id desc);
create index video_jobs_in_flight_idx on public.video_jobs (created_at) where status in ('pending', 'processing');
create index video_jobs_expires_idx on public.video_jobs (expires_at);
create unique index video_jobs_provider_request_key on public.video_jobs (provider, provider_request_id)
  where provider_request_id is not null;

-- Every change to a balance, with the balance right after it: sum(change) = users.credits.
create table public.credit_ledger (
  id bigint generated always as identity primary key,
  user_id uuid not null references public.users (id) on delete cascade,
  kind text not null check (kind in ('grant', 'spend', 'refund', 'purchase', 'merge', 'admin', 'chargeback')),
  change integer not null check (change <> 0 or kind = 'chargeback'),
  balance_after integer not null check (balance_after >= 0),
  job_id uuid references public.video_jobs (id) on delete set null,
  product_id uuid,
  external_ref text unique,
  -- A chargeback points at the purchase it takes back.
  reversal_of bigint references public.credit_ledger (id) on delete cascade,
  created_at timestamptz not null default now(),
  constraint credit_ledger_reversal_is_chargeback check (reversal_of is null or kind = 'chargeback'),
  constraint credit_ledger_sign check (
    (kind in ('grant', 'refund', 'purchase', 'merge') and change > 0)
    or (kind = 'spend' and change < 0)
    or (kind = 'chargeback' and change <= 0)
    or kind = 'admin'
  )
);
create index credit_ledger_user_idx on public.credit_ledger (user_id, id desc);
create index credit_ledger_reversal_idx on public.credit_ledger (reversal_of) where reversal_of is not null;
-- The welcome credits are granted once per user.
create unique index credit_ledger_one_grant on public.credit_ledger (user_id) where kind = 'grant';
-- A job is charged at most once and refunded at most once.
create unique index credit_ledger_one_per_job on public.credit_ledger (job_id, kind)
  where job_id is not null and kind in ('spend', 'refund');

create table public.idempotency_records (
  user_id uuid not null references public.users (id) on delete cascade,
  key uuid not null,
  operation text not null,
  request_hash text not null,
  response jsonb not null,
  created_at timestamptz not null default now(),
  expires_at timestamptz not null default now() + interval '24 hours',
  primary key (user_id, key)
);
create index idempotency_records_expires_idx on public.idempotency_records (expires_at);

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

-- Fixed-window counters for costly endpoints, keyed by a bucket name such as "generate:user:<id>".
create table public.rate_limits (
  bucket text not null check (length(bucket) between 1 and 200),
  window_start timestamptz not null,
  count integer not null check (count > 0),
  primary key (bucket, window_start)
);

-- Webhook deliveries already applied, so a replayed event changes nothing.
create table public.webhook_events (
  provider text not null check (provider in ('stripe', 'fal')),
  event_id text not null check (length(event_id) between 1 and 255),
  received_at timestamptz not null default now(),
  primary key (provider, event_id)
);
