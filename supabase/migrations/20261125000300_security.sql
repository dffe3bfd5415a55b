-- Row-level security and privileges. The browser never talks to the database directly, but
-- if it did (with the publishable key, as anon or authenticated) it could read only its own
-- rows and the public catalog, write nothing, and call no business function.

alter table public.users enable row level security;
alter table public.models enable row level security;
alter table public.themes enable row level security;
alter table public.video_jobs enable row level security;
alter table public.credit_ledger enable row level security;
alter table public.idempotency_records enable row level security;
alter table public.credit_products enable row level security;
alter table public.rate_limits enable row level security;
alter table public.webhook_events enable row level security;

-- Supabase grants anon and authenticated everything on new tables; take it all back, then
-- give back only reads.
revoke all on all tables in schema public from anon, authenticated;
revoke all on all sequences in schema public from anon, authenticated;
grant select on public.users, public.video_jobs, public.credit_ledger, public.idempotency_records
  to authenticated;
grant select on public.models, public.themes, public.credit_products to anon, authenticated;

create policy users_read_own on public.users
  for select to authenticated using (id = (select auth.uid()));
create policy video_jobs_read_own on public.video_jobs
  for select to authenticated using (user_id = (select auth.uid()));
create policy credit_ledger_read_own on public.credit_ledger
  for select to authenticated using (user_id = (select auth.uid()));
create policy idempotency_records_read_own on public.idempotency_records
  for select to authenticated using (user_id = (select auth.uid()));
create policy models_read_available on public.models
  for select to anon, authenticated using (is_available);
create policy themes_read_available on public.themes
  for select to anon, authenticated using (is_available);
create policy credit_products_read_active on public.credit_products
  for select to anon, authenticated using (is_active);
-- rate_limits and webhook_events: no policy, so nobody but service_role sees them.

-- Functions: PostgreSQL grants EXECUTE to PUBLIC and Supabase to anon/authenticated by default.
revoke execute on all functions in schema public from public, anon, authenticated;
alter default privileges in schema public revoke execute on functions from anon, authenticated;
-- EXECUTE for PUBLIC is a global default; only a global rule takes it back for future functions.
alter default privileges revoke execute on functions from public;
revoke all on schema internal from public, anon, authenticated;
revoke execute on all functions in schema internal from public, anon, authenticated;

grant execute on function
  public.health_check(),
  public.onboard_user(uuid, text),
  public.get_me(uuid),
  public.update_settings(uuid, text, text),
  public.list_catalog(text),
  public.get_model(text, text),
  public.list_credit_products(text),
  public.price_of(uuid, jsonb),
  public.generate_video(uuid, uuid, uuid, text, jsonb, uuid, text, text),
  public.mark_job_processing(uuid, text, text, text, real),
  public.mark_job_completed(uuid, text, text),
  public.mark_job_failed(uuid, text),
  public.get_job(uuid, uuid),
  public.find_job(uuid),
  public.list_in_flight_jobs(text, integer),
  public.list_jobs(uuid, integer, text, text),
  public.delete_job(uuid, uuid),
  public.grant_purchase(uuid, uuid, text),
  public.reverse_purchase(text, text),
  public.merge_guest(uuid, uuid),
  public.delete_account(uuid),
  public.check_rate_limit(text, integer, integer),
  public.record_webhook_event(text, text),
  public.list_ledger(uuid, integer, bigint),
  public.sweep()
to service_role;
