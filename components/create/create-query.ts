import type { RequestedSettings } from "@/lib/contracts/catalog";
import { clampPrompt } from "./prompt";

/**
 * The create page's query string, used by Regenerate / Retry and by theme links:
 *   /create/<model>?prompt=…&duration=8&resolution=720p&aspect=9%3A16&audio=1&theme=<theme-slug>
 * Every part is optional; a part that does not parse is ignored (never an error page), and values
 * the model does not offer are dropped later by sanitizeSettings.
 */

export type CreateQuery = {
  prompt?: string;
  settings: RequestedSettings;
  themeSlug?: string;
};

type QueryInput = URLSearchParams | Record<string, string | string[] | undefined>;

const SLUG = /^[a-z0-9][a-z0-9-]{0,79}$/;
const RESOLUTION = /^[A-Za-z0-9]{1,16}$/;
const ASPECT = /^(auto|\d{1,2}:\d{1,2})$/;

function first(input: QueryInput, name: string): string | undefined {
  if (input instanceof URLSearchParams) return input.get(name) ?? undefined;
  const value = input[name];
  return Array.isArray(value) ? value[0] : value;
}

export function parseCreateQuery(input: QueryInput): CreateQuery {
  const settings: RequestedSettings = {};
  const duration = first(input, "duration");
  if (duration && /^\d{1,3}$/.test(duration) && Number(duration) > 0)
    settings.durationSeconds = Number(duration);
  const resolution = first(input, "resolution");
  if (resolution && RESOLUTION.test(resolution)) settings.resolution = resolution;
  const aspect = first(input, "aspect");
  if (aspect && ASPECT.test(aspect)) settings.aspectRatio = aspect;
  const audio = first(input, "audio")?.toLowerCase();
  if (audio === "1" || audio === "true" || audio === "on") settings.audio = true;
  if (audio === "0" || audio === "false" || audio === "off") settings.audio = false;

  const query: CreateQuery = { settings };
  const prompt = first(input, "prompt");
  if (prompt !== undefined && prompt.trim() !== "") query.prompt = clampPrompt(prompt);
  const theme = first(input, "theme");
  if (theme && SLUG.test(theme)) query.themeSlug = theme;
  return query;
}

/** True when the link asks for anything (then it wins over a saved draft). */
export function hasCreateQuery(query: CreateQuery): boolean {
  return (
    query.prompt !== undefined || query.themeSlug !== undefined || Object.keys(query.settings).length > 0
  );
}

export function buildCreateHref(
  modelSlug: string,
  options: { prompt?: string; settings?: RequestedSettings; themeSlug?: string | null } = {},
): string {
  const search = new URLSearchParams();
  if (options.prompt) search.set("prompt", options.prompt);
  const s = options.settings ?? {};
  if (s.durationSeconds !== undefined) search.set("duration", String(s.durationSeconds));
  if (s.resolution !== undefined) search.set("resolution", s.resolution);
  if (s.aspectRatio !== undefined) search.set("aspect", s.aspectRatio);
  if (s.audio !== undefined) search.set("audio", s.audio ? "1" : "0");
  if (options.themeSlug) search.set("theme", options.themeSlug);
  const query = search.toString();
  return `/create/${encodeURIComponent(modelSlug)}${query ? `?${query}` : ""}`;
}
