import { randomUUID } from "node:crypto";
import { getMediaStore } from "@/lib/server/storage";

/**
 * Stores an upload that passes the JPEG magic-byte check but that no decoder can read, so a
 * render of it fails for real. Returns its media path.
 */
export async function putUndecodableImage(userId: string): Promise<string> {
  const path = `inputs/${userId}/${randomUUID()}.jpg`;
  const broken = new Uint8Array(512).fill(7);
  broken.set([0xff, 0xd8, 0xff, 0xe0]);
  await (await getMediaStore()).put(path, broken, "image/jpeg");
  return path;
}
