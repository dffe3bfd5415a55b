-- internal.resolve_settings as supabase/schemas/20_catalog.sql defines it: the three settings a
-- model offers as a list (duration, resolution, aspect ratio) are checked by one loop instead of
-- three copies of the same block. Same signature (so its grants stay), same results and errors.
-- Written as `supabase db diff` writes a changed function: the whole function, replaced.

-- Resolves requested settings against a model's inputs: missing values take the model's
-- defaults, anything the model does not offer is rejected with the setting as the field.
create or replace function internal.resolve_settings(m public.models, p_settings jsonb) returns jsonb
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
