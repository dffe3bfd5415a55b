import "server-only";
import { readFile, rm, writeFile } from "node:fs/promises";
import { adminClient } from "../supabase/clients";
import {
  assertExpiry,
  assertMediaPath,
  type MediaBucket,
  type MediaStore,
  mediaBuckets,
} from "./media-store";

/**
 * The Supabase Storage adapter of the Media port (supabase mode): private buckets `videos`,
 * `thumbnails` and `inputs`; the first path segment names the bucket,
 * the rest is the object key. Links are Supabase's own signed URLs.
 */

export type SupabaseMediaStoreOptions = {
  url: string;
  secretKey: string;
};

export function splitMediaPath(path: string): { bucket: MediaBucket; key: string } {
  assertMediaPath(path);
  const slash = path.indexOf("/");
  const bucket = path.slice(0, slash);
  if (slash < 0 || !(mediaBuckets as readonly string[]).includes(bucket)) {
    throw new Error(
      `Media path ${JSON.stringify(path)} does not start with one of ${mediaBuckets.join(", ")}`,
    );
  }
  return { bucket: bucket as MediaBucket, key: path.slice(slash + 1) };
}

export function supabaseMediaStore(options: SupabaseMediaStoreOptions): MediaStore {
  const client = adminClient(options);

  function fail(operation: string, path: string, error: { message: string }): never {
    const bug = new Error(`Supabase Storage ${operation} ${path} failed: ${error.message}`);
    bug.cause = error;
    throw bug;
  }

  async function upload(path: string, data: Uint8Array, contentType: string): Promise<void> {
    const { bucket, key } = splitMediaPath(path);
    const { error } = await client.storage
      .from(bucket)
      .upload(key, data, { contentType, upsert: true, cacheControl: "3600" });
    if (error) fail("upload", path, error);
  }

  /** One createSignedUrls call for a bucket's keys: key -> link. */
  async function signBucket(bucket: MediaBucket, keys: string[], expiresIn: number) {
    const { data, error } = await client.storage.from(bucket).createSignedUrls(keys, expiresIn);
    if (error) fail("sign", `${bucket}/${keys.join(",")}`, error);
    return keys.map((key, index) => {
      const item = data.find((entry) => entry.path === key) ?? data[index];
      if (!item?.signedUrl) fail("sign", `${bucket}/${key}`, { message: item?.error ?? "no link" });
      return [key, item.signedUrl] as const;
    });
  }

  return {
    put: upload,

    async putFile(path, localFile, contentType) {
      await upload(path, new Uint8Array(await readFile(localFile)), contentType);
      await rm(localFile, { force: true });
    },

    async download(path, localFile) {
      const { bucket, key } = splitMediaPath(path);
      const { data, error } = await client.storage.from(bucket).download(key);
      if (error || !data) fail("download", path, error ?? { message: "no data" });
      await writeFile(localFile, new Uint8Array(await data.arrayBuffer()));
    },

    async delete(paths) {
      const byBucket = new Map<MediaBucket, string[]>();
      for (const path of paths) {
        const { bucket, key } = splitMediaPath(path);
        byBucket.set(bucket, [...(byBucket.get(bucket) ?? []), key]);
      }
      // Storage answers 200 with the objects it removed; keys that did not exist are simply absent.
      for (const [bucket, keys] of byBucket) {
        const { error } = await client.storage.from(bucket).remove(keys);
        if (error) fail("remove", `${bucket}/${keys.join(",")}`, error);
      }
    },

    async signedUrl(path, { expiresInSeconds, download }) {
      assertExpiry(expiresInSeconds);
      const { bucket, key } = splitMediaPath(path);
      const { data, error } = await client.storage
        .from(bucket)
        .createSignedUrl(key, expiresInSeconds, download ? { download } : undefined);
      if (error) fail("sign", path, error);
      return data.signedUrl;
    },

    async signedUrls(links, { expiresInSeconds }) {
      assertExpiry(expiresInSeconds);
      const parts = links.map((link) => ({ ...splitMediaPath(link.path), download: link.download }));
      const signed = new Map<string, string>();
      await Promise.all(
        [...new Set(parts.map((part) => part.bucket))].map(async (bucket) => {
          const keys = [...new Set(parts.filter((p) => p.bucket === bucket).map((p) => p.key))];
          for (const [key, url] of await signBucket(bucket, keys, expiresInSeconds)) {
            signed.set(`${bucket}/${key}`, url);
          }
        }),
      );
      return parts.map(({ bucket, key, download }) => {
        const url = signed.get(`${bucket}/${key}`) as string;
        // Storage reads `download` beside the token, unsigned, as createSignedUrl's own option does.
        return download === undefined ? url : `${url}&download=${encodeURIComponent(download)}`;
      });
    },

    async reachable() {
      const { data, error } = await client.storage.listBuckets();
      if (error) fail("listBuckets", "", error);
      const missing = mediaBuckets.filter((name) => !data.some((bucket) => bucket.name === name));
      if (missing.length) throw new Error(`Supabase Storage has no bucket ${missing.join(", ")}`);
    },
  };
}
