-- Web Push: the browsers (installed apps) that asked to be told when a video is ready. A row is a
-- PushSubscription (endpoint + the browser's P-256 key and auth secret) owned by one user; the
-- server reads them when a job reaches a final state and sends each an encrypted message.

create table public.push_subscriptions (
  id uuid primary key default gen_random_uuid(),
  user_id uuid not null references public.users (id) on delete cascade,
  -- The push service's URL for this browser: unique, so a browser re-subscribing as another user
  -- moves its row instead of being told about both users' videos.
  endpoint text not null unique check (length(endpoint) between 12 and 2048 and endpoint ~ '^https?://\S+$'),
  -- Unpadded base64url: p256dh is an uncompressed P-256 point (65 bytes), auth 16 bytes.
  p256dh text not null check (p256dh ~ '^[A-Za-z0-9_-]{87}$'),
  auth text not null check (auth ~ '^[A-Za-z0-9_-]{22}$'),
  expires_at timestamptz,
  created_at timestamptz not null default now(),
  updated_at timestamptz not null default now()
);
create index push_subscriptions_user_idx on public.push_subscriptions (user_id, updated_at desc);

-- No policy and no grant: only service_role (the server) reads or writes subscriptions.
alter table public.push_subscriptions enable row level security;
revoke all on public.push_subscriptions from anon, authenticated;

-- Unpadded base64url to bytes; null when it is not base64url.
create function internal.base64url_decode(p_value text) returns bytea
language plpgsql immutable
set search_path = ''
as $$
begin
  if p_value is null or p_value !~ '^[A-Za-z0-9_-]*$' or length(p_value) % 4 = 1 then
    return null;
  end if;
  return decode(
    translate(p_value, '-_', '+/') || repeat('=', (4 - length(p_value) % 4) % 4),
    'base64'
  );
end;
$$;

-- The most subscriptions one user keeps (phones, laptops, re-installs); older ones are dropped.
create function internal.push_subscriptions_per_user() returns integer
language sql immutable
set search_path = ''
as $$ select 10 $$;

-- Saves the browser's subscription for the user; the same endpoint again updates it (and moves it
-- to this user). Keeps the user's newest subscriptions only.
create function public.save_push_subscription(
  p_user_id uuid, p_endpoint text, p_p256dh text, p_auth text, p_expires_at timestamptz default null
) returns jsonb
language plpgsql security definer
set search_path = ''
as $$
declare
  key bytea := internal.base64url_decode(p_p256dh);
  secret bytea := internal.base64url_decode(p_auth);
  created boolean;
begin
  if p_user_id is null then
    perform internal.raise('unauthorized');
  end if;
  if p_endpoint is null or length(p_endpoint) not between 12 and 2048 or p_endpoint !~ '^https?://\S+$' then
    perform internal.raise('validation_failed', 'endpoint');
  end if;
  if key is null or length(key) <> 65 or get_byte(key, 0) <> 4 or length(p_p256dh) <> 87 then
    perform internal.raise('validation_failed', 'p256dh');
  end if;
  if secret is null or length(secret) <> 16 or length(p_auth) <> 22 then
    perform internal.raise('validation_failed', 'auth');
  end if;
  perform internal.lock_user(p_user_id);

  insert into public.push_subscriptions (user_id, endpoint, p256dh, auth, expires_at)
  values (p_user_id, p_endpoint, p_p256dh, p_auth, p_expires_at)
  on conflict (endpoint) do update
    set user_id = excluded.user_id, p256dh = excluded.p256dh, auth = excluded.auth,
        expires_at = excluded.expires_at, updated_at = now()
  returning (xmax = 0) into created;

  delete from public.push_subscriptions
  where user_id = p_user_id and id not in (
    select id from public.push_subscriptions where user_id = p_user_id
    order by updated_at desc, id limit internal.push_subscriptions_per_user()
  );
  return jsonb_build_object('subscribed', true, 'created', created);
end;
$$;

-- Removes the user's own subscription for the endpoint (another user's is left alone).
create function public.delete_push_subscription(p_user_id uuid, p_endpoint text) returns jsonb
language plpgsql security definer
set search_path = ''
as $$
declare
  removed integer;
begin
  if p_user_id is null then
    perform internal.raise('unauthorized');
  end if;
  if p_endpoint is null or length(p_endpoint) not between 12 and 2048 then
    perform internal.raise('validation_failed', 'endpoint');
  end if;
  delete from public.push_subscriptions where user_id = p_user_id and endpoint = p_endpoint;
  get diagnostics removed = row_count;
  return jsonb_build_object('deleted', removed > 0);
end;
$$;

-- Where to tell the user about a finished job, and in which language.
create function public.list_push_subscriptions(p_user_id uuid) returns jsonb
language plpgsql security definer stable
set search_path = ''
as $$
declare
  u public.users;
begin
  if p_user_id is null then
    perform internal.raise('unauthorized');
  end if;
  select * into u from public.users where id = p_user_id;
  if not found then
    perform internal.raise('unauthorized');
  end if;
  return jsonb_build_object(
    'language', u.language,
    'subscriptions', coalesce((
      select jsonb_agg(
        jsonb_build_object('endpoint', s.endpoint, 'p256dh', s.p256dh, 'auth', s.auth)
        order by s.updated_at desc, s.id
      )
      from public.push_subscriptions s
      where s.user_id = p_user_id and (s.expires_at is null or s.expires_at > now())
    ), '[]'::jsonb)
  );
end;
$$;

-- The push service said the subscription is gone (404/410): forget it, whoever owns it.
create function public.forget_push_subscription(p_endpoint text) returns jsonb
language plpgsql security definer
set search_path = ''
as $$
declare
  removed integer;
begin
  if p_endpoint is null or length(p_endpoint) not between 12 and 2048 then
    perform internal.raise('validation_failed', 'endpoint');
  end if;
  delete from public.push_subscriptions where endpoint = p_endpoint;
  get diagnostics removed = row_count;
  return jsonb_build_object('forgotten', removed > 0);
end;
$$;


grant execute on function
  public.save_push_subscription(uuid, text, text, text, timestamptz),
  public.delete_push_subscription(uuid, text),
  public.list_push_subscriptions(uuid),
  public.forget_push_subscription(text)
to service_role;
