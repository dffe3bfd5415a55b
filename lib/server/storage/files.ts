import "server-only";
import { createHmac, randomBytes, timingSafeEqual } from "node:crypto";
import { constants } from "node:fs";
import { access, copyFile, mkdir, rename, rm, stat, unlink, writeFile } from "node:fs/promises";
import nodePath from "node:path";
import { assertExpiry, assertMediaPath, isMediaPath, type MediaStore } from "./media-store";

/**
 * The files adapter of the Media port (embedded and postgres modes): objects live under
 * `<DATA_DIR>/media/<path>` and are served by app/api/media/[...path] through signed URLs:
 *
 *   /api/media/<path>?exp=<unix seconds>&sig=<base64url HMAC-SHA256("<path>\n<exp>\n<dl>")>[&dl=<name>]
 *
 * `dl` is the download file name ("" when absent), so it cannot be added or changed without the key.
 */

export const mediaRoutePrefix = "/api/media/";

export type FilesMediaStoreOptions = {
  /** The directory holding the objects: `<DATA_DIR>/media`. */
  root: string;
  /** The HMAC key for links (secrets.signingKey("media")). */
  key: () => Promise<Uint8Array>;
  /** Unix time in seconds; tests pass a fixed clock. */
  now?: () => number;
};

export function mediaRoot(dataDir: string): string {
  return nodePath.resolve(dataDir, "media");
}

/** The local file of a storage key; the key is validated so it can never leave `root`. */
export function mediaFilePath(root: string, path: string): string {
  assertMediaPath(path);
  return nodePath.join(root, ...path.split("/"));
}

export function signMedia(key: Uint8Array, path: string, exp: number, download: string): string {
  return createHmac("sha256", key).update(`${path}\n${exp}\n${download}`).digest("base64url");
}

export type MediaLinkCheck = { ok: true; expiresAt: number } | { ok: false; reason: "invalid" | "expired" };

/**
 * Checks a link's query against its path: a well-formed path, a whole-number `exp`, an HMAC that
 * matches (constant-time compare) and an expiry in the future. Never throws on bad input.
 */
export function verifyMediaSignature(
  key: Uint8Array,
  link: { path: string; exp: string | null; sig: string | null; dl: string | null },
  nowSeconds: number = unixNow(),
): MediaLinkCheck {
  const { path, exp, sig, dl } = link;
  if (!isMediaPath(path) || exp === null || sig === null) return { ok: false, reason: "invalid" };
  if (!/^\d{1,12}$/.test(exp) || !/^[A-Za-z0-9_-]{43}$/.test(sig)) return { ok: false, reason: "invalid" };
  const expected = Buffer.from(signMedia(key, path, Number(exp), dl ?? ""), "base64url");
  const given = Buffer.from(sig, "base64url");
  if (given.length !== expected.length || !timingSafeEqual(given, expected)) {
    return { ok: false, reason: "invalid" };
  }
  const expiresAt = Number(exp);
  if (expiresAt <= nowSeconds) return { ok: false, reason: "expired" };
  return { ok: true, expiresAt };
}

export function unixNow(): number {
  return Math.floor(Date.now() / 1000);
}

export function filesMediaStore(options: FilesMediaStoreOptions): MediaStore {
  const { root, key } = options;
  const now = options.now ?? unixNow;

  /** Writes through a temp file in the target directory, then renames: readers never see half a file. */
  async function place(path: string, write: (temp: string) => Promise<void>): Promise<void> {
    const target = mediaFilePath(root, path);
    await mkdir(nodePath.dirname(target), { recursive: true });
    const temp = `${target}.${randomBytes(6).toString("hex")}.tmp`;
    try {
      await write(temp);
      await rename(temp, target);
    } catch (error) {
      await rm(temp, { force: true });
      throw error;
    }
  }

  async function sign(path: string, options: { expiresInSeconds: number; download?: string }) {
    assertMediaPath(path);
    assertExpiry(options.expiresInSeconds);
    const exp = now() + options.expiresInSeconds;
    const sig = signMedia(await key(), path, exp, options.download ?? "");
    const query = new URLSearchParams({ exp: String(exp), sig });
    if (options.download !== undefined) query.set("dl", options.download);
    return `${mediaRoutePrefix}${path}?${query.toString()}`;
  }

  return {
    async put(path, data) {
      await place(path, (temp) => writeFile(temp, data));
    },

    async putFile(path, localFile) {
      await place(path, async (temp) => {
        try {
          await rename(localFile, temp);
        } catch (error) {
          // Another file system (e.g. a render directory in /tmp): copy, then remove the source.
          if ((error as NodeJS.ErrnoException).code !== "EXDEV") throw error;
          await copyFile(localFile, temp);
        }
      });
      await rm(localFile, { force: true });
    },

    async download(path, localFile) {
      await copyFile(mediaFilePath(root, path), localFile);
    },

    async delete(paths) {
      for (const path of paths) assertMediaPath(path);
      await Promise.all(
        paths.map((path) =>
          unlink(mediaFilePath(root, path)).catch((error: NodeJS.ErrnoException) => {
            if (error.code !== "ENOENT") throw error;
          }),
        ),
      );
    },

    signedUrl: sign,

    // Signing is local here: no round trip to save.
    async signedUrls(links, { expiresInSeconds }) {
      return Promise.all(links.map(({ path, download }) => sign(path, { expiresInSeconds, download })));
    },

    // The media directory, or the nearest existing folder it would be made in, must be a folder
    // this process may read and write.
    async reachable() {
      let folder = root;
      while (!(await exists(folder)) && nodePath.dirname(folder) !== folder)
        folder = nodePath.dirname(folder);
      if (!(await stat(folder)).isDirectory()) throw new Error(`${folder} is not a directory`);
      await access(folder, constants.R_OK | constants.W_OK);
    },
  };
}

async function exists(path: string): Promise<boolean> {
  return stat(path).then(
    () => true,
    () => false,
  );
}
