import "server-only";
import { randomUUID } from "node:crypto";
import { MAX_IMAGE_BYTES, type UploadResponse } from "../../contracts/api";
import { AppError } from "../../errors";
import type { Session } from "../auth";
import { getRpc } from "../db";
import * as sql from "../db/functions";
import { getMediaStore } from "../storage";

const UPLOADS_PER_HOUR = 60;
const PREVIEW_LINK_SECONDS = 3600;

/** The image type from the file's first bytes (never from its name or declared type). */
export function sniffImageType(bytes: Uint8Array): { type: string; extension: string } | undefined {
  const starts = (...sig: number[]) => sig.every((b, i) => bytes[i] === b);
  if (starts(0xff, 0xd8, 0xff)) return { type: "image/jpeg", extension: "jpg" };
  if (starts(0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a)) return { type: "image/png", extension: "png" };
  const ascii = (from: number, to: number) => String.fromCharCode(...bytes.slice(from, to));
  if (bytes.length >= 12 && ascii(0, 4) === "RIFF" && ascii(8, 12) === "WEBP") {
    return { type: "image/webp", extension: "webp" };
  }
  return undefined;
}

/** Stores an input image in the user's private folder and returns its reference for the job. */
export async function saveInputImage(session: Session, bytes: Uint8Array): Promise<UploadResponse> {
  if (bytes.byteLength > MAX_IMAGE_BYTES) throw new AppError("payload_too_large");
  const kind = sniffImageType(bytes);
  if (!kind || bytes.byteLength < 32) throw new AppError("validation_failed", { field: "file" });
  const rpc = await getRpc();
  await sql.checkRateLimit(rpc, {
    bucket: `upload:user:${session.userId}`,
    limit: UPLOADS_PER_HOUR,
    windowSeconds: 3600,
  });
  const path = `inputs/${session.userId}/${randomUUID()}.${kind.extension}`;
  const media = await getMediaStore();
  await media.put(path, bytes, kind.type);
  return {
    imageUrl: path,
    previewUrl: await media.signedUrl(path, { expiresInSeconds: PREVIEW_LINK_SECONDS }),
  };
}
