import type { RequestedSettings } from "@/lib/contracts/catalog";
import { clampPrompt } from "./prompt";

/**
 * The form's draft, kept per model in sessionStorage (`rendio.draft.<modelSlug>`) so leaving the
 * page and coming back (Back, a tab switch, a reload) restores the prompt, settings and image.
 * Storage can be missing or full (private modes): every call is best effort and never throws.
 */

export type DraftImage = {
  /** The reference the API returned for the upload (sent as `imageUrl`). */
  imageUrl: string;
  /** A short-lived signed link to show the picture. */
  previewUrl: string;
  uploadedAt: number;
};

export type Draft = {
  prompt: string;
  settings: RequestedSettings;
  themeId: string | null;
  image: DraftImage | null;
};

type ReadableStorage = Pick<Storage, "getItem">;
type WritableStorage = Pick<Storage, "setItem" | "removeItem">;

/** The upload's preview link lasts an hour; a restored image is dropped well before that. */
export const DRAFT_IMAGE_MAX_AGE_MS = 45 * 60 * 1000;

export function draftKey(modelSlug: string): string {
  return `rendio.draft.${modelSlug}`;
}

function isRecord(value: unknown): value is Record<string, unknown> {
  return typeof value === "object" && value !== null && !Array.isArray(value);
}

function readSettings(value: unknown): RequestedSettings {
  if (!isRecord(value)) return {};
  const out: RequestedSettings = {};
  if (Number.isInteger(value.durationSeconds) && (value.durationSeconds as number) > 0) {
    out.durationSeconds = value.durationSeconds as number;
  }
  if (typeof value.resolution === "string") out.resolution = value.resolution;
  if (typeof value.aspectRatio === "string") out.aspectRatio = value.aspectRatio;
  if (typeof value.audio === "boolean") out.audio = value.audio;
  return out;
}

function readImage(value: unknown, now: number): DraftImage | null {
  if (!isRecord(value)) return null;
  const { imageUrl, previewUrl, uploadedAt } = value;
  if (typeof imageUrl !== "string" || typeof previewUrl !== "string" || typeof uploadedAt !== "number")
    return null;
  if (now - uploadedAt > DRAFT_IMAGE_MAX_AGE_MS || uploadedAt > now + 60_000) return null;
  return { imageUrl, previewUrl, uploadedAt };
}

export function readDraft(
  storage: ReadableStorage | null | undefined,
  modelSlug: string,
  now = Date.now(),
): Draft | null {
  let raw: string | null = null;
  try {
    raw = storage?.getItem(draftKey(modelSlug)) ?? null;
  } catch {
    return null;
  }
  if (!raw) return null;
  let parsed: unknown;
  try {
    parsed = JSON.parse(raw);
  } catch {
    return null;
  }
  if (!isRecord(parsed) || typeof parsed.prompt !== "string") return null;
  return {
    prompt: clampPrompt(parsed.prompt),
    settings: readSettings(parsed.settings),
    themeId: typeof parsed.themeId === "string" ? parsed.themeId : null,
    image: readImage(parsed.image, now),
  };
}

export function writeDraft(
  storage: WritableStorage | null | undefined,
  modelSlug: string,
  draft: Draft,
): void {
  try {
    const empty =
      draft.prompt.trim() === "" && draft.image === null && Object.keys(draft.settings).length === 0;
    if (empty) storage?.removeItem(draftKey(modelSlug));
    else storage?.setItem(draftKey(modelSlug), JSON.stringify(draft));
  } catch {
    // Full or unavailable storage: the draft is a convenience, the form still works.
  }
}

export function clearDraft(storage: WritableStorage | null | undefined, modelSlug: string): void {
  try {
    storage?.removeItem(draftKey(modelSlug));
  } catch {
    // ignore
  }
}

/** sessionStorage when the browser allows it. */
export function sessionStore(): Storage | null {
  try {
    return typeof window === "undefined" ? null : window.sessionStorage;
  } catch {
    return null;
  }
}
