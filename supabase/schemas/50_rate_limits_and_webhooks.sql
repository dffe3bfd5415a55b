-- Rate limits of costly endpoints, and the webhook deliveries already applied.

-- Fixed-window counters, keyed by a bucket name such as "generate:user:<id>".
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

-- No policy and no grant: nobody but service_role sees them.
alter table public.rate_limits enable row level security;
alter table public.webhook_events enable row level security;
revoke all on public.rate_limits, public.webhook_events from anon, authenticated;

-- Fixed-window rate limit. Counts this call; over the limit raises rate_limited with the
-- seconds until the window resets as the DETAIL.
create function public.check_rate_limit(
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
create function public.record_webhook_event(p_provider text, p_event_id text) returns jsonb
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


grant execute on function
  public.check_rate_limit(text, integer, integer),
  public.record_webhook_event(text, text)
to service_role;
