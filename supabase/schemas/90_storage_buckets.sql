-- The three private Storage buckets the supabase-mode media store writes to
-- (lib/server/storage/supabase.ts: the first path segment names the bucket). Supabase Storage
-- keeps buckets as rows of storage.buckets; `supabase db diff` does not carry rows, so a change
-- here also needs a hand-written migration (as 20261203000100_storage_buckets.sql made them).
--
-- Each limit mirrors a constant in the code, checked by supabase/tests/migrate.test.ts:
--   videos      200 MiB  = MAX_OUTPUT_BYTES (lib/server/providers/fal/output.ts), video/mp4 only
--                          (every video is stored as .mp4, lib/server/jobs/transitions.ts)
--   thumbnails    5 MiB  JPEG frames made by ffmpeg
--   inputs        4 MiB  = MAX_IMAGE_BYTES (lib/contracts/api.ts), the types uploads accept
-- Storage also applies the project's global file size limit (50 MB on the Free plan): the
-- smaller of the two wins.

insert into storage.buckets (id, name, public, file_size_limit, allowed_mime_types)
values
  ('videos', 'videos', false, 209715200, array['video/mp4']),
  ('thumbnails', 'thumbnails', false, 5242880, array['image/jpeg']),
  ('inputs', 'inputs', false, 4194304, array['image/jpeg', 'image/png', 'image/webp'])
on conflict (id) do nothing;
