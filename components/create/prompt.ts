import { MAX_PROMPT_LENGTH } from "@/lib/contracts/api";

/**
 * The prompt limit is one number for the form, the API (zod `.max`, UTF-16 code units, like a
 * textarea's maxLength) and the database. Cutting keeps surrogate pairs whole, so an emoji at the
 * edge is dropped rather than split into an invalid character.
 */
export function clampPrompt(text: string, max = MAX_PROMPT_LENGTH): string {
  if (text.length <= max) return text;
  const cut = text.slice(0, max);
  const last = cut.charCodeAt(cut.length - 1);
  return last >= 0xd800 && last <= 0xdbff ? cut.slice(0, -1) : cut;
}

/** How the counter measures a prompt (the same unit as the limit). */
export function promptLength(text: string): number {
  return text.length;
}

/** The counter's tone: calm, close to the limit, at the limit. */
export function counterTone(length: number, max = MAX_PROMPT_LENGTH): "normal" | "near" | "full" {
  if (length >= max) return "full";
  if (length >= max * 0.9) return "near";
  return "normal";
}
