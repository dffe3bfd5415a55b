import { MAX_PROMPT_LENGTH } from "@/lib/contracts/limits";

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

/**
 * The prompt after pasting `pasted` over the selection [start, end) of `value`, kept within the
 * limit, and how many characters of the paste were left out (0 when it all fit).
 */
export function pasteIntoPrompt(
  value: string,
  pasted: string,
  start: number,
  end: number,
  max = MAX_PROMPT_LENGTH,
): { text: string; caret: number; removed: number } {
  const before = value.slice(0, start);
  const after = value.slice(end);
  const room = Math.max(0, max - before.length - after.length);
  const kept = clampPrompt(pasted, room);
  return {
    text: before + kept + after,
    caret: before.length + kept.length,
    removed: pasted.length - kept.length,
  };
}
