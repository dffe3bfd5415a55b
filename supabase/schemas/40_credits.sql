-- Credits: every balance change in a ledger, purchases (Stripe checkout and the grant its
-- webhook makes) and their reversals.

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

alter table public.credit_ledger enable row level security;
revoke all on public.credit_ledger from anon, authenticated;
revoke all on sequence public.credit_ledger_id_seq from anon, authenticated;
grant select on public.credit_ledger to authenticated;
create policy credit_ledger_read_own on public.credit_ledger
  for select to authenticated using (user_id = (select auth.uid()));

-- Applies a balance change and writes its ledger row. The caller holds the user row lock.
create function internal.apply_credits(
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

create function internal.checkout_request_hash(p_product_id uuid) returns text
language sql immutable
set search_path = ''
as $$
  select encode(sha256(convert_to(
    jsonb_build_object('operation', 'checkout', 'productId', p_product_id)::text, 'UTF8')), 'hex');
$$;

-- The user's credit history, newest first, paged by the last entry id.
create function public.list_ledger(
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

create function public.begin_checkout(
  p_user_id uuid, p_idempotency_key uuid, p_product_id uuid,
  p_limit integer, p_window_seconds integer
) returns jsonb
language plpgsql security definer
set search_path = ''
as $$
declare
  u public.users;
  rec public.idempotency_records;
begin
  if p_idempotency_key is null then
    perform internal.raise('idempotency_key_required');
  end if;
  if p_product_id is null then
    perform internal.raise('validation_failed', 'productId');
  end if;
  if not exists (select 1 from public.credit_products where id = p_product_id and is_active) then
    perform internal.raise('product_not_found');
  end if;
  u := internal.lock_user(p_user_id);
  if u.is_guest then
    perform internal.raise('forbidden');
  end if;
  select * into rec from public.idempotency_records where user_id = p_user_id and key = p_idempotency_key;
  if found and rec.expires_at > now() then
    if rec.operation <> 'checkout' or rec.request_hash <> internal.checkout_request_hash(p_product_id) then
      perform internal.raise('idempotency_conflict');
    end if;
    return jsonb_build_object('replayed', true, 'url', rec.response ->> 'url');
  end if;
  perform public.check_rate_limit('checkout:user:' || p_user_id::text, p_limit, p_window_seconds);
  return jsonb_build_object('replayed', false, 'url', null);
end;
$$;

create function public.record_checkout(
  p_user_id uuid, p_idempotency_key uuid, p_product_id uuid, p_url text
) returns jsonb
language plpgsql security definer
set search_path = ''
as $$
declare
  u public.users;
begin
  if p_idempotency_key is null then
    perform internal.raise('idempotency_key_required');
  end if;
  if p_product_id is null then
    perform internal.raise('validation_failed', 'productId');
  end if;
  if p_url is null or p_url !~ '^https://[^\s]+$' or length(p_url) > 2048 then
    perform internal.raise('validation_failed', 'url');
  end if;
  u := internal.lock_user(p_user_id);
  delete from public.idempotency_records
  where user_id = p_user_id and key = p_idempotency_key and expires_at <= now();
  insert into public.idempotency_records (user_id, key, operation, request_hash, response)
  values (p_user_id, p_idempotency_key, 'checkout', internal.checkout_request_hash(p_product_id),
          jsonb_build_object('url', p_url))
  on conflict (user_id, key) do nothing;
  return jsonb_build_object('recorded', found);
end;
$$;

-- Grants a credit pack for a payment, once per external reference (e.g. a Stripe event or
-- checkout session id): a replay of the same reference changes nothing, and comes before the
-- checkout limit (p_limit per p_window_seconds; null counts nothing).
create function public.grant_purchase(
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

-- Takes a refunded or disputed purchase back, never below a zero balance; once per reversal.
create function public.reverse_purchase(p_external_ref text, p_reversal_ref text)
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


grant execute on function
  public.list_ledger(uuid, integer, bigint),
  public.begin_checkout(uuid, uuid, uuid, integer, integer),
  public.record_checkout(uuid, uuid, uuid, text),
  public.grant_purchase(uuid, uuid, text, integer, integer),
  public.reverse_purchase(text, text)
to service_role;
