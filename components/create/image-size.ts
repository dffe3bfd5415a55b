import { IMAGE_TYPES, MAX_IMAGE_BYTES } from "@/lib/contracts/limits";

/** Input images are scaled so the long edge is at most this many pixels before upload. */
export const MAX_IMAGE_EDGE = 2048;
/** JPEG quality of the re-encoded upload. */
export const UPLOAD_JPEG_QUALITY = 0.85;
/**
 * The largest picked file the device tries to shrink (a phone photo is far below it); past it,
 * decoding alone could exhaust a phone's memory.
 */
export const MAX_PICKED_IMAGE_BYTES = 40 * 1024 * 1024;

/**
 * Encodings tried in turn until the JPEG fits the upload limit (MAX_IMAGE_BYTES): almost every
 * photo fits at the first; a very detailed one gets a lower quality, then fewer pixels.
 */
export const UPLOAD_ATTEMPTS: readonly { maxEdge: number; quality: number }[] = [
  { maxEdge: MAX_IMAGE_EDGE, quality: UPLOAD_JPEG_QUALITY },
  { maxEdge: MAX_IMAGE_EDGE, quality: 0.7 },
  { maxEdge: 1600, quality: 0.7 },
  { maxEdge: 1280, quality: 0.6 },
];

/** Whether an encoded upload of `bytes` fits the server's limit. */
export function fitsUpload(bytes: number): boolean {
  return bytes > 0 && bytes <= MAX_IMAGE_BYTES;
}

/** The size that fits within `maxEdge` on the long side, keeping the proportions; never enlarges. */
export function fitWithin(
  width: number,
  height: number,
  maxEdge = MAX_IMAGE_EDGE,
): { width: number; height: number } {
  if (!(width > 0) || !(height > 0)) return { width: 0, height: 0 };
  const long = Math.max(width, height);
  if (long <= maxEdge) return { width: Math.round(width), height: Math.round(height) };
  const scale = maxEdge / long;
  // The long side lands exactly on maxEdge; the short side never rounds down to zero.
  return width >= height
    ? { width: maxEdge, height: Math.max(1, Math.round(height * scale)) }
    : { width: Math.max(1, Math.round(width * scale)), height: maxEdge };
}

export type ImageProblem = "type" | "size" | "empty";

/** What is wrong with a picked file before we try to read it; null when it may go ahead. */
export function checkImageFile(file: { type: string; size: number }): ImageProblem | null {
  if (!(IMAGE_TYPES as readonly string[]).includes(file.type.toLowerCase())) return "type";
  if (file.size === 0) return "empty";
  if (file.size > MAX_PICKED_IMAGE_BYTES) return "size";
  return null;
}

/** The upload limit people are told (the picture is shrunk on the device to fit it). */
export const MAX_IMAGE_MEGABYTES = Math.round(MAX_IMAGE_BYTES / (1024 * 1024));
