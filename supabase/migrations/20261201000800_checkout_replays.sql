-- A Stripe checkout is idempotent by the client's key, like a generation: begin_checkout answers a
-- replayed key with the Checkout page it already made (and a key reused for another pack, or for
-- another operation, is a conflict) before the checkout limit counts anything; record_checkout
-- keeps the page's URL once Stripe has made it. Stripe's own idempotency key makes a retried
-- create return the same session, so a crash between the two costs nothing either.

create or replace function internal.checkout_request_hash(p_product_id uuid) returns text
language sql immutable
set search_path = ''
as $$
  select encode(sha256(convert_to(
    jsonb_build_object('operation', 'checkout', 'productId', p_product_id)::text, 'UTF8')), 'hex');
$$;

create or replace function public.begin_checkout(
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

create or replace function public.record_checkout(
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

revoke execute on function internal.checkout_request_hash(uuid) from public, anon, authenticated;
revoke execute on function
  public.begin_checkout(uuid, uuid, uuid, integer, integer),
  public.record_checkout(uuid, uuid, uuid, text)
from public, anon, authenticated;
grant execute on function
  public.begin_checkout(uuid, uuid, uuid, integer, integer),
  public.record_checkout(uuid, uuid, uuid, text)
to service_role;
