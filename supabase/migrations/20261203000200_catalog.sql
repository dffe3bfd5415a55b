-- The catalog: video models, theme presets and credit packs. Reference data the app cannot run
-- without, so it is a migration (`supabase db push` applies migrations only, never seed.sql).
-- This was supabase/seed.sql, unchanged in content.
--
-- Every row has a fixed id and is upserted (`on conflict (id) do update`): a database that
-- already holds these rows (seeded before this migration existed) is brought to these values
-- and nothing is added twice. created_at is left as first inserted. A later change to the
-- catalog is a new migration with the same kind of upsert.
--
-- models.inputs: which settings the fal endpoint accepts (the adapter maps them to fal's
-- field names and types, e.g. Veo's duration is "8s", Kling's and Wan's are "5").
--   "auto" in aspectRatios means "follow the input image". For Kling and Wan image-to-video,
--   fal has no aspect_ratio field at all, so ["auto"] is the only option and the adapter must
--   not send one. Kling has no resolution field either: ["1080p"] is what it outputs.
-- models.typical_seconds: how long fal usually takes for a default video with this model
--   (shown as the expected wait while a job runs; fal reports no percentage).
-- models.pricing: 1 credit = US$0.10 of fal's list price.
--   credits = max(1, ceil(units * (centsByResolution[res] + (audio ? audioCents : 0)) / 10))
--   units = duration in seconds (per_second) or 1 (per_video).
-- Prices and input schemas were checked against fal's model pages (fal.ai/models/<id>/llms.txt
-- and fal.ai/docs/model-api-reference) as stored when these rows were written; fal changes them,
-- so re-check before changing a row.

-- ---------------------------------------------------------------------------------------------
-- Models
-- ---------------------------------------------------------------------------------------------

insert into public.models
  (id, slug, name, description, category, provider, provider_model_id, thumbnail_url,
   inputs, pricing, is_featured, is_available, sort_order, typical_seconds)
values
-- Veo 3.1 Fast, text-to-video. fal-ai/veo3.1/fast: aspect_ratio 16:9|9:16, duration 4s|6s|8s
-- (default 8s), resolution 720p|1080p (4k also exists, priced differently, not offered here),
-- generate_audio bool (default true). Price (fal Veo 3.1 Fast tier, as on
-- fal.ai/models/fal-ai/veo3.1/fast/first-last-frame-to-video/llms.txt): $0.10/s audio off,
-- $0.15/s audio on, 720p or 1080p. 8 s 720p with audio = $1.20 = 12 credits.
(
  '6d0d0001-0000-4000-8000-000000000001', 'veo-3-1-fast', 'Veo 3.1 Fast',
  '{"en": "Google''s fast Veo 3.1 makes cinematic clips with optional native sound, dialogue and effects.",
    "tr": "Google''ın hızlı Veo 3.1 modeli, isteğe bağlı doğal ses, diyalog ve efektlerle sinematik klipler üretir.",
    "es": "El Veo 3.1 rápido de Google crea clips cinematográficos con sonido nativo, diálogos y efectos opcionales."}'::jsonb,
  'text-to-video', 'fal', 'fal-ai/veo3.1/fast', '/thumbnails/models/veo-3-1-fast.webp',
  '{"image": "none",
    "durations": [4, 6, 8], "defaultDuration": 8,
    "resolutions": ["720p", "1080p"], "defaultResolution": "720p",
    "aspectRatios": ["16:9", "9:16"], "defaultAspectRatio": "16:9",
    "audio": "optional", "defaultAudio": true}'::jsonb,
  '{"basis": "per_second", "centsByResolution": {"720p": 10, "1080p": 10}, "audioCents": 5}'::jsonb,
  true, true, 10, 60
),
-- Sora 2, image-to-video. fal-ai/sora-2/image-to-video (fal.ai/models/.../llms.txt):
-- image_url required, resolution auto|720p (default auto), aspect_ratio auto|9:16|16:9
-- (default auto), duration 4|8|12 (default 4; newer docs also list 16 and 20). Audio is always
-- generated, no switch. Price: $0.10/s. 4 s = $0.40 = 4 credits.
(
  '6d0d0002-0000-4000-8000-000000000002', 'sora-2-image-to-video', 'Sora 2 Image-to-Video',
  '{"en": "OpenAI''s Sora 2 turns your photo into a realistic clip with matching sound.",
    "tr": "OpenAI''ın Sora 2 modeli fotoğrafınızı uyumlu sesiyle gerçekçi bir klibe dönüştürür.",
    "es": "Sora 2 de OpenAI convierte tu foto en un clip realista con sonido a juego."}'::jsonb,
  'image-to-video', 'fal', 'fal-ai/sora-2/image-to-video', '/thumbnails/models/sora-2-image-to-video.webp',
  '{"image": "required",
    "durations": [4, 8, 12], "defaultDuration": 4,
    "resolutions": ["auto", "720p"], "defaultResolution": "auto",
    "aspectRatios": ["auto", "16:9", "9:16"], "defaultAspectRatio": "auto",
    "audio": "always", "defaultAudio": true}'::jsonb,
  '{"basis": "per_second", "centsByResolution": {"auto": 10, "720p": 10}, "audioCents": 0}'::jsonb,
  true, true, 20, 150
),
-- Kling 2.5 Turbo Pro, text-to-video. fal-ai/kling-video/v2.5-turbo/pro/text-to-video:
-- duration "5"|"10" (default "5"), aspect_ratio 16:9|9:16|1:1 (default 16:9), no resolution
-- field (1080p output), no audio. Price: $0.35 for 5 s + $0.07 per extra second = 7 cents/s
-- (checked on fal.ai/models/fal-ai/kling-video/v2.5-turbo/pro/image-to-video/llms.txt; the
-- text-to-video endpoint is listed at the same price). 5 s = $0.35 = 4 credits.
(
  '6d0d0003-0000-4000-8000-000000000003', 'kling-2-5-turbo-pro', 'Kling 2.5 Turbo Pro',
  '{"en": "Kling 2.5 Turbo Pro delivers smooth, dynamic 1080p motion that follows your prompt closely.",
    "tr": "Kling 2.5 Turbo Pro, isteminize sadık kalan akıcı ve dinamik 1080p hareket üretir.",
    "es": "Kling 2.5 Turbo Pro ofrece movimiento fluido y dinámico en 1080p muy fiel a tu descripción."}'::jsonb,
  'text-to-video', 'fal', 'fal-ai/kling-video/v2.5-turbo/pro/text-to-video', '/thumbnails/models/kling-2-5-turbo-pro.webp',
  '{"image": "none",
    "durations": [5, 10], "defaultDuration": 5,
    "resolutions": ["1080p"], "defaultResolution": "1080p",
    "aspectRatios": ["16:9", "9:16", "1:1"], "defaultAspectRatio": "16:9",
    "audio": "never", "defaultAudio": false}'::jsonb,
  '{"basis": "per_second", "centsByResolution": {"1080p": 7}, "audioCents": 0}'::jsonb,
  true, true, 30, 90
),
-- LTX-2 Fast, text-to-video. fal-ai/ltx-2/text-to-video/fast (llms.txt): duration 6..20 in
-- steps of 2 (default 6; over 10 s only at 25 fps and 1080p, so 12-20 are not offered here),
-- resolution 1080p|1440p|2160p (default 1080p), aspect_ratio 16:9 only, fps 25|50 (default 25),
-- generate_audio bool (default true, same price). Price: $0.04/s 1080p, $0.08/s 1440p,
-- $0.16/s 2160p. 6 s 1080p = $0.24 = 3 credits.
(
  '6d0d0004-0000-4000-8000-000000000004', 'ltx-2-fast', 'LTX-2 Fast',
  '{"en": "Lightricks LTX-2 Fast renders sharp 1080p to 4K clips with sound, quickly and affordably.",
    "tr": "Lightricks LTX-2 Fast, sesli ve net 1080p ile 4K arası klipleri hızlı ve uygun fiyata üretir.",
    "es": "LTX-2 Fast de Lightricks genera clips nítidos de 1080p a 4K con sonido, rápido y a buen precio."}'::jsonb,
  'text-to-video', 'fal', 'fal-ai/ltx-2/text-to-video/fast', '/thumbnails/models/ltx-2-fast.webp',
  '{"image": "none",
    "durations": [6, 8, 10], "defaultDuration": 6,
    "resolutions": ["1080p", "1440p", "2160p"], "defaultResolution": "1080p",
    "aspectRatios": ["16:9"], "defaultAspectRatio": "16:9",
    "audio": "optional", "defaultAudio": true}'::jsonb,
  '{"basis": "per_second", "centsByResolution": {"1080p": 4, "1440p": 8, "2160p": 16}, "audioCents": 0}'::jsonb,
  false, true, 40, 40
),
-- Sora 2, text-to-video. fal-ai/sora-2/text-to-video (llms.txt): resolution "720p" (default,
-- no other value listed), aspect_ratio 9:16|16:9 (default 16:9), duration 4|8|12|16|20
-- (default 4). Audio always generated. Price: $0.10/s. 4 s = $0.40 = 4 credits.
(
  '6d0d0005-0000-4000-8000-000000000005', 'sora-2-text-to-video', 'Sora 2 Text-to-Video',
  '{"en": "Sora 2 turns a written scene into lifelike video with believable physics and sound.",
    "tr": "Sora 2, yazdığınız sahneyi inandırıcı fizik ve sesle gerçeğe yakın bir videoya çevirir.",
    "es": "Sora 2 convierte una escena escrita en un vídeo realista con física creíble y sonido."}'::jsonb,
  'text-to-video', 'fal', 'fal-ai/sora-2/text-to-video', '/thumbnails/models/sora-2-text-to-video.webp',
  '{"image": "none",
    "durations": [4, 8, 12, 16, 20], "defaultDuration": 4,
    "resolutions": ["720p"], "defaultResolution": "720p",
    "aspectRatios": ["16:9", "9:16"], "defaultAspectRatio": "16:9",
    "audio": "always", "defaultAudio": true}'::jsonb,
  '{"basis": "per_second", "centsByResolution": {"720p": 10}, "audioCents": 0}'::jsonb,
  false, true, 50, 150
),
-- Veo 3.1 Fast, image-to-video. fal-ai/veo3.1/fast/image-to-video: image_url required,
-- aspect_ratio auto|16:9|9:16 (default auto), duration 4s|6s|8s (default 8s), resolution
-- 720p|1080p (4k not offered here), generate_audio bool (default true). Price: same Veo 3.1
-- Fast tier, $0.10/s audio off, $0.15/s audio on. 8 s 720p with audio = $1.20 = 12 credits.
(
  '6d0d0006-0000-4000-8000-000000000006', 'veo-3-1-fast-image-to-video', 'Veo 3.1 Fast Image-to-Video',
  '{"en": "Brings a still photo to life with Veo 3.1 motion and optional synchronized sound.",
    "tr": "Bir fotoğrafı Veo 3.1 hareketi ve isteğe bağlı senkron sesle hayata geçirir.",
    "es": "Da vida a una foto fija con el movimiento de Veo 3.1 y sonido sincronizado opcional."}'::jsonb,
  'image-to-video', 'fal', 'fal-ai/veo3.1/fast/image-to-video', '/thumbnails/models/veo-3-1-fast-image-to-video.webp',
  '{"image": "required",
    "durations": [4, 6, 8], "defaultDuration": 8,
    "resolutions": ["720p", "1080p"], "defaultResolution": "720p",
    "aspectRatios": ["auto", "16:9", "9:16"], "defaultAspectRatio": "auto",
    "audio": "optional", "defaultAudio": true}'::jsonb,
  '{"basis": "per_second", "centsByResolution": {"720p": 10, "1080p": 10}, "audioCents": 5}'::jsonb,
  false, true, 60, 60
),
-- Kling 2.5 Turbo Pro, image-to-video. fal-ai/kling-video/v2.5-turbo/pro/image-to-video
-- (llms.txt): image_url required, duration "5"|"10" (default "5"), optional tail_image_url;
-- no aspect_ratio (follows the image), no resolution field, no audio. Price: $0.35 for 5 s +
-- $0.07 per extra second = 7 cents/s. 5 s = $0.35 = 4 credits.
(
  '6d0d0007-0000-4000-8000-000000000007', 'kling-2-5-turbo-pro-image-to-video', 'Kling 2.5 Turbo Pro Image-to-Video',
  '{"en": "Turns a still image into fluid 1080p motion with cinematic camera moves.",
    "tr": "Durağan bir görseli sinematik kamera hareketleriyle akıcı bir 1080p videoya dönüştürür.",
    "es": "Convierte una imagen fija en movimiento fluido en 1080p con movimientos de cámara de cine."}'::jsonb,
  'image-to-video', 'fal', 'fal-ai/kling-video/v2.5-turbo/pro/image-to-video', '/thumbnails/models/kling-2-5-turbo-pro-image-to-video.webp',
  '{"image": "required",
    "durations": [5, 10], "defaultDuration": 5,
    "resolutions": ["1080p"], "defaultResolution": "1080p",
    "aspectRatios": ["auto"], "defaultAspectRatio": "auto",
    "audio": "never", "defaultAudio": false}'::jsonb,
  '{"basis": "per_second", "centsByResolution": {"1080p": 7}, "audioCents": 0}'::jsonb,
  false, true, 70, 90
),
-- Wan 2.5, image-to-video. fal-ai/wan-25-preview/image-to-video (llms.txt): image_url
-- required, duration "5"|"10" (default "5"), resolution 480p|720p|1080p (default 1080p),
-- optional audio_url; no aspect_ratio (follows the image). Audio is generated with the video,
-- no on/off switch. Price: $0.05/s 480p, $0.10/s 720p, $0.15/s 1080p.
-- 5 s 720p = $0.50 = 5 credits.
(
  '6d0d0008-0000-4000-8000-000000000008', 'wan-2-5-image-to-video', 'Wan 2.5 Image-to-Video',
  '{"en": "Alibaba''s Wan 2.5 animates your photo with natural motion and a generated soundtrack.",
    "tr": "Alibaba''nın Wan 2.5 modeli fotoğrafınızı doğal hareket ve üretilmiş bir ses kaydıyla canlandırır.",
    "es": "Wan 2.5 de Alibaba anima tu foto con movimiento natural y una banda sonora generada."}'::jsonb,
  'image-to-video', 'fal', 'fal-ai/wan-25-preview/image-to-video', '/thumbnails/models/wan-2-5-image-to-video.webp',
  '{"image": "required",
    "durations": [5, 10], "defaultDuration": 5,
    "resolutions": ["480p", "720p", "1080p"], "defaultResolution": "720p",
    "aspectRatios": ["auto"], "defaultAspectRatio": "auto",
    "audio": "always", "defaultAudio": true}'::jsonb,
  '{"basis": "per_second", "centsByResolution": {"480p": 5, "720p": 10, "1080p": 15}, "audioCents": 0}'::jsonb,
  false, true, 80, 120
)
on conflict (id) do update set
  slug = excluded.slug,
  name = excluded.name,
  description = excluded.description,
  category = excluded.category,
  provider = excluded.provider,
  provider_model_id = excluded.provider_model_id,
  thumbnail_url = excluded.thumbnail_url,
  inputs = excluded.inputs,
  pricing = excluded.pricing,
  is_featured = excluded.is_featured,
  is_available = excluded.is_available,
  sort_order = excluded.sort_order,
  typical_seconds = excluded.typical_seconds;

-- ---------------------------------------------------------------------------------------------
-- Themes (prompt presets). model_id is the recommended text-to-video model; every value in
-- default_settings is one of that model's inputs options.
-- ---------------------------------------------------------------------------------------------

insert into public.themes
  (id, slug, name, description, prompt, thumbnail_url, model_id, default_settings,
   is_featured, is_available, sort_order)
values
(
  '7e3e0001-0000-4000-8000-000000000001', 'christmas-magic',
  '{"en": "Christmas Magic", "tr": "Noel Büyüsü", "es": "Magia navideña"}'::jsonb,
  '{"en": "Snowfall, twinkling lights and a cozy glow on Christmas Eve.",
    "tr": "Noel arifesinde lapa lapa kar, ışıl ışıl süsler ve sıcacık bir ışıltı.",
    "es": "Nieve, luces titilantes y un cálido resplandor en Nochebuena."}'::jsonb,
  'A snowy village square on Christmas Eve at dusk. A tall pine tree wrapped in warm golden string lights and red glass ornaments stands in the center, a glowing star on top. Soft snowflakes drift down, children in knitted scarves laugh and build a snowman, and frosted windows glow amber. Slow cinematic push-in toward the tree, gentle bokeh, distant sleigh bells and a soft choir.',
  '/thumbnails/themes/christmas-magic.webp', '6d0d0001-0000-4000-8000-000000000001',
  '{"durationSeconds": 8, "aspectRatio": "16:9", "resolution": "720p", "audio": true}'::jsonb,
  true, true, 10
),
(
  '7e3e0002-0000-4000-8000-000000000002', 'thanksgiving-feast',
  '{"en": "Thanksgiving Feast", "tr": "Şükran Günü Sofrası", "es": "Banquete de Acción de Gracias"}'::jsonb,
  '{"en": "A golden turkey, candlelight and a table full of autumn colors.",
    "tr": "Altın rengi hindi, mum ışığı ve sonbahar renkleriyle dolu bir sofra.",
    "es": "Un pavo dorado, luz de velas y una mesa llena de colores de otoño."}'::jsonb,
  'A long wooden harvest table set for Thanksgiving in a warm farmhouse dining room. A glistening golden roast turkey sits in the center, surrounded by mashed potatoes, cranberry sauce, pumpkin pie and small orange pumpkins. Candles flicker, maple leaves rest on a linen runner, and late-afternoon sunlight pours through the window. Slow overhead dolly along the table, steam rising, rich warm tones.',
  '/thumbnails/themes/thanksgiving-feast.webp', '6d0d0003-0000-4000-8000-000000000003',
  '{"durationSeconds": 5, "aspectRatio": "16:9", "resolution": "1080p", "audio": false}'::jsonb,
  true, true, 20
),
(
  '7e3e0003-0000-4000-8000-000000000003', 'halloween-spooky',
  '{"en": "Halloween Spooky", "tr": "Ürkütücü Cadılar Bayramı", "es": "Halloween terrorífico"}'::jsonb,
  '{"en": "Glowing pumpkins, a full moon and bats over a haunted hill.",
    "tr": "Parlayan balkabakları, dolunay ve perili bir tepenin üzerinde uçuşan yarasalar.",
    "es": "Calabazas brillantes, luna llena y murciélagos sobre una colina encantada."}'::jsonb,
  'A misty hillside on Halloween night under an enormous full moon. Rows of carved jack-o''-lanterns glow orange along a crooked path leading to an old haunted house with one flickering window. Bats flutter across the moon, bare twisted trees sway, and low fog rolls over the grass. Slow creeping camera move up the path, eerie violet and orange palette, creaking wood and distant owl hoots.',
  '/thumbnails/themes/halloween-spooky.webp', '6d0d0001-0000-4000-8000-000000000001',
  '{"durationSeconds": 8, "aspectRatio": "16:9", "resolution": "720p", "audio": true}'::jsonb,
  true, true, 30
),
(
  '7e3e0004-0000-4000-8000-000000000004', 'summer-beach',
  '{"en": "Summer Beach", "tr": "Yaz Plajı", "es": "Playa de verano"}'::jsonb,
  '{"en": "Turquoise waves, bright sun and palm trees on a tropical shore.",
    "tr": "Tropik bir sahilde turkuaz dalgalar, parlak güneş ve palmiyeler.",
    "es": "Olas turquesa, sol radiante y palmeras en una costa tropical."}'::jsonb,
  'A sunny tropical beach at midday. Crystal-clear turquoise waves roll gently onto white sand, palm trees sway in a warm breeze, and a striped umbrella and two deck chairs sit near the water. Seagulls glide across a bright blue sky with a few puffy clouds, and sunlight sparkles on the water. Smooth low tracking shot along the shoreline, vivid summer colors, sound of waves and wind.',
  '/thumbnails/themes/summer-beach.webp', '6d0d0004-0000-4000-8000-000000000004',
  '{"durationSeconds": 8, "aspectRatio": "16:9", "resolution": "1080p", "audio": true}'::jsonb,
  true, true, 40
),
(
  '7e3e0005-0000-4000-8000-000000000005', 'city-nightlife',
  '{"en": "City Nightlife", "tr": "Şehir Gece Hayatı", "es": "Vida nocturna urbana"}'::jsonb,
  '{"en": "Neon streets, glowing skyscrapers and the buzz of the city after dark.",
    "tr": "Neon sokaklar, ışıl ışıl gökdelenler ve karanlık çökünce canlanan şehir.",
    "es": "Calles de neón, rascacielos iluminados y el bullicio de la ciudad de noche."}'::jsonb,
  'A vibrant downtown street at night just after rain. Neon signs in magenta and cyan reflect on wet asphalt, taxis and scooters stream past with light trails, and people in stylish coats spill out of a lively rooftop bar. Glass skyscrapers glow against a deep indigo sky. Sweeping crane shot rising from street level to the skyline, cinematic contrast, city hum and distant music.',
  '/thumbnails/themes/city-nightlife.webp', '6d0d0005-0000-4000-8000-000000000005',
  '{"durationSeconds": 8, "aspectRatio": "16:9", "resolution": "720p", "audio": true}'::jsonb,
  true, true, 50
),
(
  '7e3e0006-0000-4000-8000-000000000006', 'new-year-fireworks',
  '{"en": "New Year Fireworks", "tr": "Yılbaşı Havai Fişekleri", "es": "Fuegos artificiales de Año Nuevo"}'::jsonb,
  '{"en": "Midnight fireworks bursting over a glittering city skyline.",
    "tr": "Gece yarısı ışıl ışıl şehir silüetinin üzerinde patlayan havai fişekler.",
    "es": "Fuegos artificiales a medianoche sobre el brillante perfil de la ciudad."}'::jsonb,
  'New Year''s Eve at midnight over a riverside city. Huge fireworks burst in gold, magenta and electric blue above the skyline, their reflections shimmering on the water. A cheering crowd on a bridge raises sparklers and glasses of champagne as confetti drifts through the air. Slow upward tilt from the crowd to the sky, festive glow, booming fireworks and cheers.',
  '/thumbnails/themes/new-year-fireworks.webp', '6d0d0001-0000-4000-8000-000000000001',
  '{"durationSeconds": 8, "aspectRatio": "9:16", "resolution": "720p", "audio": true}'::jsonb,
  false, true, 60
),
(
  '7e3e0007-0000-4000-8000-000000000007', 'cherry-blossom-spring',
  '{"en": "Cherry Blossom Spring", "tr": "Kiraz Çiçeği Baharı", "es": "Primavera de cerezos en flor"}'::jsonb,
  '{"en": "Soft pink petals drifting through a sunny spring park.",
    "tr": "Güneşli bir bahar parkında süzülen yumuşak pembe yapraklar.",
    "es": "Suaves pétalos rosas flotando en un parque soleado de primavera."}'::jsonb,
  'A peaceful park in full spring bloom. Rows of cherry trees heavy with pale pink blossoms arch over a stone path beside a calm pond, and a gentle breeze sends petals swirling through the air and onto the water. A small wooden bridge and a snow-capped mountain sit in the soft distance under a pastel morning sky. Slow dreamy dolly forward, shallow depth of field, delicate light.',
  '/thumbnails/themes/cherry-blossom-spring.webp', '6d0d0004-0000-4000-8000-000000000004',
  '{"durationSeconds": 10, "aspectRatio": "16:9", "resolution": "1080p", "audio": true}'::jsonb,
  false, true, 70
),
(
  '7e3e0008-0000-4000-8000-000000000008', 'birthday-party',
  '{"en": "Birthday Party", "tr": "Doğum Günü Partisi", "es": "Fiesta de cumpleaños"}'::jsonb,
  '{"en": "Balloons, confetti and a glowing cake ready for a wish.",
    "tr": "Balonlar, konfetiler ve dilek tutulmayı bekleyen mumlu bir pasta.",
    "es": "Globos, confeti y una tarta con velas lista para pedir un deseo."}'::jsonb,
  'A joyful surprise birthday party in a bright living room. A three-layer cake with pastel frosting and glowing candles is carried toward the camera, colorful balloons float near the ceiling, and confetti bursts through the air as friends cheer and clap. Warm string lights and paper garlands decorate the walls. Handheld camera moving with the cake, cheerful saturated colors, laughter and a birthday song.',
  '/thumbnails/themes/birthday-party.webp', '6d0d0005-0000-4000-8000-000000000005',
  '{"durationSeconds": 8, "aspectRatio": "9:16", "resolution": "720p", "audio": true}'::jsonb,
  false, true, 80
)
on conflict (id) do update set
  slug = excluded.slug,
  name = excluded.name,
  description = excluded.description,
  prompt = excluded.prompt,
  thumbnail_url = excluded.thumbnail_url,
  model_id = excluded.model_id,
  default_settings = excluded.default_settings,
  is_featured = excluded.is_featured,
  is_available = excluded.is_available,
  sort_order = excluded.sort_order;

-- ---------------------------------------------------------------------------------------------
-- Credit packs (the user-facing catalog: support FAQ + StoreKit mock).
-- ---------------------------------------------------------------------------------------------

-- Only one product may be popular (unique partial index); clear any other first so the
-- upsert below cannot trip over a row that was marked popular by hand.
update public.credit_products
set is_popular = false
where is_popular and id <> 'c2ed0003-0000-4000-8000-000000000003';

insert into public.credit_products
  (id, slug, credits, price_cents, currency, label, is_popular, is_active, sort_order)
values
(
  'c2ed0001-0000-4000-8000-000000000001', 'pack-10', 10, 99, 'usd',
  '{"en": "Perfect for trying out", "tr": "Denemek için ideal", "es": "Perfecto para probar"}'::jsonb,
  false, true, 10
),
(
  'c2ed0002-0000-4000-8000-000000000002', 'pack-25', 25, 199, 'usd',
  '{"en": "Great value", "tr": "Çok avantajlı", "es": "Muy buen precio"}'::jsonb,
  false, true, 20
),
(
  'c2ed0003-0000-4000-8000-000000000003', 'pack-50', 50, 299, 'usd',
  '{"en": "Most popular", "tr": "En popüler", "es": "El más popular"}'::jsonb,
  true, true, 30
),
(
  'c2ed0004-0000-4000-8000-000000000004', 'pack-100', 100, 499, 'usd',
  '{"en": "Best value", "tr": "En avantajlı", "es": "La mejor relación calidad-precio"}'::jsonb,
  false, true, 40
),
(
  'c2ed0005-0000-4000-8000-000000000005', 'pack-250', 250, 999, 'usd',
  '{"en": "Ultimate package", "tr": "En büyük paket", "es": "El paquete definitivo"}'::jsonb,
  false, true, 50
)
on conflict (id) do update set
  slug = excluded.slug,
  credits = excluded.credits,
  price_cents = excluded.price_cents,
  currency = excluded.currency,
  label = excluded.label,
  is_popular = excluded.is_popular,
  is_active = excluded.is_active,
  sort_order = excluded.sort_order;
