/**
 * The Media port (docs/architecture.md: storage/). Objects are addressed by relative storage
 * keys made by our own code — `videos/<userId>/<jobId>.mp4`, `thumbnails/<userId>/<jobId>.jpg`,
 * `inputs/<userId>/<uuid>.jpg` — and are only ever handed out as short-lived signed URLs.
 */
export interface MediaStore {
  put(path: string, data: Uint8Array, contentType: string): Promise<void>;
  /**
   * Moves a local file (e.g. a rendered video) into the store; the local file is gone afterwards.
   * Only the local renderer works with files (a long-lived server with a disk); remote providers'
   * output goes through `put`, so supabase mode in production never writes to the local disk.
   */
  putFile(path: string, localFile: string, contentType: string): Promise<void>;
  /** Copies an object to a local file (e.g. an input image for the local renderer). */
  download(path: string, localFile: string): Promise<void>;
  /** Deletes objects; paths that do not exist are fine. */
  delete(paths: string[]): Promise<void>;
  /** A URL that serves the object until it expires; `download` makes it an attachment with that name. */
  signedUrl(path: string, options: { expiresInSeconds: number; download?: string }): Promise<string>;
  /**
   * Links for many objects at once, in the order asked (a page of jobs: one round trip per
   * bucket, not one per link). Each may be a download under its own file name.
   */
  signedUrls(links: MediaLinkRequest[], options: { expiresInSeconds: number }): Promise<string[]>;
  /** Throws unless the store can be reached and used now; reads only (deep health). */
  reachable(): Promise<void>;
}

export type MediaLinkRequest = { path: string; download?: string };

export const mediaBuckets = ["videos", "thumbnails", "inputs"] as const;
export type MediaBucket = (typeof mediaBuckets)[number];

const segment = /^[A-Za-z0-9._-]+$/;

/** Why a storage key is not acceptable, or undefined when it is. */
export function mediaPathProblem(path: string): string | undefined {
  if (typeof path !== "string" || path.length === 0) return "is empty";
  if (path.length > 512) return "is too long";
  if (path.includes("\\")) return "contains a backslash";
  if (path.startsWith("/")) return "is absolute";
  if (!/^[A-Za-z0-9._/-]+$/.test(path)) return "contains characters outside [A-Za-z0-9._/-]";
  for (const part of path.split("/")) {
    if (part === "") return "has an empty segment";
    if (part === "." || part === "..") return "has a relative segment";
    if (!segment.test(part)) return "has an invalid segment";
  }
  return undefined;
}

export function isMediaPath(path: string): boolean {
  return mediaPathProblem(path) === undefined;
}

/** Storage keys come from our own code, so a bad one is a bug: throw a plain Error. */
export function assertMediaPath(path: string): void {
  const problem = mediaPathProblem(path);
  if (problem) throw new Error(`Invalid media path ${JSON.stringify(path)}: ${problem}`);
}

export function assertExpiry(expiresInSeconds: number): void {
  if (!Number.isInteger(expiresInSeconds) || expiresInSeconds <= 0) {
    throw new Error(
      `Invalid media link lifetime ${expiresInSeconds}: must be a positive whole number of seconds`,
    );
  }
}

const contentTypes: Record<string, string> = {
  mp4: "video/mp4",
  jpg: "image/jpeg",
  jpeg: "image/jpeg",
  png: "image/png",
  webp: "image/webp",
  gif: "image/gif",
};

/** The Content-Type served for a storage key, by its extension. */
export function contentTypeFor(path: string): string {
  const extension = path.slice(path.lastIndexOf(".") + 1).toLowerCase();
  return contentTypes[extension] ?? "application/octet-stream";
}

/**
 * A download file name safe inside a quoted Content-Disposition `filename="..."`: printable
 * ASCII without quotes, backslashes, slashes or control characters; never empty.
 */
export function safeDownloadName(name: string): string {
  const cleaned = name
    .normalize("NFKD")
    .replace(/[\u0300-\u036f]/g, "")
    .replace(/[^A-Za-z0-9._ ()-]+/g, "_")
    .replace(/_+/g, "_")
    .replace(/^[\s._]+|[\s_]+$/g, "")
    .slice(0, 120);
  return cleaned === "" ? "download" : cleaned;
}
