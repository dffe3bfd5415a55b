-- Share pages: a finished video gets at most one public page, /v/<token>, that lasts as long as
-- the video does. The token is the only key to it (unguessable, 43 url-safe characters). The
-- owner chooses whether the page shows the prompt, and can take the page down; deleting the
-- video (or the account) deletes its link with it.

create table public.share_links (
  job_id uuid primary key references public.video_jobs (id) on delete cascade,
  token text not null unique check (token ~ '^[A-Za-z0-9_-]{43}$'),
  show_prompt boolean not null default true,
  created_at timestamptz not null default now()
);

-- No policy and no grant: only service_role (the server) reads or writes share links.
alter table public.share_links enable row level security;
revoke all on public.share_links from anon, authenticated;

-- 32 random bytes (two v4 UUIDs, 244 random bits) as unpadded base64url.
create function internal.new_share_token() returns text
language sql volatile
set search_path = ''
as $$
  select translate(
    rtrim(encode(uuid_send(gen_random_uuid()) || uuid_send(gen_random_uuid()), 'base64'), '='),
    '+/', '-_')
$$;

-- The user's own job, locked, for a change to its page; another user's reads as not found.
create function internal.own_job_for_share(p_user_id uuid, p_job_id uuid)
returns public.video_jobs
language plpgsql
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
  where id = p_job_id and user_id = p_user_id and expires_at > now()
  for update;
  if not found then
    perform internal.raise('job_not_found');
  end if;
  return j;
end;
$$;

-- Shares a finished video: its page's token, the same one when it is shared again (the prompt
-- choice follows the latest call). A video not made yet is job_in_progress; a failed one, which
-- has no video, is job_not_found.
create function public.share_job(p_user_id uuid, p_job_id uuid, p_show_prompt boolean default true)
returns jsonb
language plpgsql security definer
set search_path = ''
as $$
declare
  j public.video_jobs;
  link public.share_links;
begin
  j := internal.own_job_for_share(p_user_id, p_job_id);
  if j.status in ('pending', 'processing') then
    perform internal.raise('job_in_progress');
  end if;
  if j.status <> 'completed' or j.video_path is null then
    perform internal.raise('job_not_found');
  end if;
  insert into public.share_links (job_id, token, show_prompt)
  values (j.id, internal.new_share_token(), coalesce(p_show_prompt, true))
  on conflict (job_id) do update set show_prompt = excluded.show_prompt
  returning * into link;
  return jsonb_build_object('token', link.token, 'showPrompt', link.show_prompt);
end;
$$;

-- Takes a video's page down; already down is fine.
create function public.unshare_job(p_user_id uuid, p_job_id uuid) returns jsonb
language plpgsql security definer
set search_path = ''
as $$
declare
  j public.video_jobs;
begin
  j := internal.own_job_for_share(p_user_id, p_job_id);
  delete from public.share_links where job_id = j.id;
  return jsonb_build_object('unshared', found);
end;
$$;

-- The share tokens of some jobs (the server's own view of its jobs, to tell the owner what is shared).
create function public.list_share_tokens(p_job_ids jsonb) returns jsonb
language plpgsql stable security definer
set search_path = ''
as $$
declare
  result jsonb;
begin
  if p_job_ids is null or jsonb_typeof(p_job_ids) <> 'array' or exists (
    select 1 from jsonb_array_elements(p_job_ids) as ids(value)
    where jsonb_typeof(ids.value) <> 'string'
      or ids.value #>> '{}' !~* '^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$'
  ) then
    perform internal.raise('validation_failed', 'jobIds');
  end if;
  select jsonb_build_object('shares', coalesce(jsonb_agg(
    jsonb_build_object('jobId', s.job_id, 'token', s.token, 'showPrompt', s.show_prompt)), '[]'::jsonb))
  into result
  from public.share_links s
  where s.job_id in (select ids.value::uuid from jsonb_array_elements_text(p_job_ids) as ids(value));
  return result;
end;
$$;

-- What a public page shows, by its token: nothing (null) for a token that was never issued, was
-- taken down, or whose video is gone; a string that cannot be a token is validation_failed.
create function public.get_shared_video(p_token text) returns jsonb
language plpgsql stable security definer
set search_path = ''
as $$
begin
  if p_token is null or p_token !~ '^[A-Za-z0-9_-]{43}$' then
    perform internal.raise('validation_failed', 'token');
  end if;
  return (
    select jsonb_build_object('video', (
      select jsonb_build_object(
        'model', jsonb_build_object('id', m.id, 'slug', m.slug, 'name', m.name),
        'prompt', case when s.show_prompt then j.prompt end,
        'settings', jsonb_build_object(
          'durationSeconds', j.duration_seconds,
          'resolution', j.resolution,
          'aspectRatio', j.aspect_ratio,
          'audio', j.audio
        ),
        'videoPath', j.video_path,
        'thumbnailPath', j.thumbnail_path,
        'createdAt', internal.iso(j.created_at),
        'sharedAt', internal.iso(s.created_at)
      )
      from public.share_links s
      join public.video_jobs j on j.id = s.job_id
      join public.models m on m.id = j.model_id
      where s.token = p_token
        and j.status = 'completed'
        and j.video_path is not null
        and j.expires_at > now()
    )));
end;
$$;


grant execute on function
  public.share_job(uuid, uuid, boolean),
  public.unshare_job(uuid, uuid),
  public.list_share_tokens(jsonb),
  public.get_shared_video(text)
to service_role;
