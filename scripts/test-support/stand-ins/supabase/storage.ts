import { createHash, randomUUID } from "node:crypto";
import type { StandInDatabase } from "./database";
import { bearer, json, jsonBody, type StandInRequest, type StandInResponse } from "./http";
import type { Signer } from "./tokens";

/**
 * Supabase Storage at /storage/v1, the routes supabase-js's storage client calls. Buckets are
 * rows of `storage.buckets` in the database (id, name, public, file_size_limit,
 * allowed_mime_types); objects live in memory. Storage's errors are
 * `{statusCode: "<code>", code, error, message}` sent with HTTP 400 (500 stays 500), as its
 * error handler does. The secret key acts as service_role; any other caller is treated as a
 * role without storage policies (its uploads violate RLS, it sees no objects). Not modelled:
 * public buckets' /object/public, image transforms, TUS/S3 uploads, listing objects.
 */

export type StoredObject = {
  id: string;
  bucket: string;
  key: string;
  data: Uint8Array;
  contentType: string;
  cacheControl: string;
  etag: string;
  createdAt: string;
};

export type Bucket = {
  id: string;
  name: string;
  public: boolean;
  file_size_limit: number | null;
  allowed_mime_types: string[] | null;
};

export type StorageContext = {
  db: StandInDatabase;
  signer: Signer;
  secretKey: string;
  /** The project's global upload limit in bytes (Free plan: 50 MB). */
  globalFileSizeLimit: number;
};

class StorageError extends Error {
  constructor(
    readonly statusCode: number,
    readonly code: string,
    message: string,
    readonly error: string = code,
  ) {
    super(message);
  }
}

const noSuchBucket = () => new StorageError(404, "NoSuchBucket", "Bucket not found", "Bucket not found");
const noSuchKey = () => new StorageError(404, "NoSuchKey", "Object not found", "not_found");
const invalidSignature = () => new StorageError(400, "InvalidSignature", "Invalid signature");

export type Storage = ReturnType<typeof createStorage>;

export function createStorage(ctx: StorageContext) {
  const objects = new Map<string, StoredObject>();

  async function findBucket(id: string): Promise<Bucket> {
    try {
      const { rows } = await ctx.db.query<Bucket>(
        `select id, name, public, file_size_limit::float8 as file_size_limit, allowed_mime_types
           from storage.buckets where id = $1`,
        [id],
      );
      if (rows[0]) return rows[0];
    } catch (error) {
      if ((error as { code?: string }).code !== "42P01" && (error as { code?: string }).code !== "3F000")
        throw error;
    }
    throw noSuchBucket();
  }

  async function listBuckets(): Promise<Bucket[]> {
    try {
      const { rows } = await ctx.db.query<Bucket>(
        `select id, name, public, file_size_limit::float8 as file_size_limit, allowed_mime_types
           from storage.buckets order by name`,
      );
      return rows;
    } catch (error) {
      if ((error as { code?: string }).code === "42P01" || (error as { code?: string }).code === "3F000")
        return [];
      throw error;
    }
  }

  function bucketJson(b: Bucket) {
    return { ...b, owner: "", created_at: new Date(0).toISOString(), updated_at: new Date(0).toISOString() };
  }

  async function readUpload(
    request: StandInRequest,
  ): Promise<{ data: Uint8Array; type: string; cache: string }> {
    const type = request.headers.get("content-type") ?? "application/octet-stream";
    if (!type.startsWith("multipart/form-data")) {
      return {
        data: new Uint8Array(request.body),
        type,
        cache: request.headers.get("cache-control") ?? "no-cache",
      };
    }
    const form = await new Request("http://stand-in/", {
      method: "POST",
      headers: request.headers,
      body: new Uint8Array(request.body),
    }).formData();
    let file: File | undefined;
    form.forEach((value) => {
      if (typeof value !== "string") file = value;
    });
    if (!file) throw new StorageError(400, "InvalidRequest", "No file in the form");
    const cacheField = form.get("cacheControl");
    return {
      data: new Uint8Array(await file.arrayBuffer()),
      type: file.type || "application/octet-stream",
      cache: typeof cacheField === "string" ? `max-age=${cacheField}` : "no-cache",
    };
  }

  async function put(bucketId: string, key: string, request: StandInRequest, upsert: boolean) {
    const bucket = await findBucket(bucketId);
    const { data, type, cache } = await readUpload(request);
    const limit = Math.min(bucket.file_size_limit ?? Number.POSITIVE_INFINITY, ctx.globalFileSizeLimit);
    if (data.byteLength > limit) {
      throw new StorageError(
        413,
        "EntityTooLarge",
        "The object exceeded the maximum allowed size",
        "Payload too large",
      );
    }
    const mime = (type.split(";")[0] ?? "").trim().toLowerCase();
    const allowed = bucket.allowed_mime_types ?? [];
    if (
      allowed.length > 0 &&
      !allowed.some((a) => (a.endsWith("/*") ? mime.startsWith(a.slice(0, -1)) : a.toLowerCase() === mime))
    ) {
      throw new StorageError(
        415,
        "InvalidMimeType",
        `mime type ${type} is not supported`,
        "invalid_mime_type",
      );
    }
    const path = `${bucketId}/${key}`;
    if (objects.has(path) && !upsert) {
      throw new StorageError(409, "ResourceAlreadyExists", "The resource already exists", "Duplicate");
    }
    const object: StoredObject = {
      id: objects.get(path)?.id ?? randomUUID(),
      bucket: bucketId,
      key,
      data,
      contentType: type,
      cacheControl: cache,
      etag: `"${createHash("md5").update(data).digest("hex")}"`,
      createdAt: new Date().toISOString(),
    };
    objects.set(path, object);
    return json(200, { Id: object.id, Key: path });
  }

  function find(bucketId: string, key: string): StoredObject {
    const object = objects.get(`${bucketId}/${key}`);
    if (!object) throw noSuchKey();
    return object;
  }

  function serve(object: StoredObject, request: StandInRequest, download: string | null): StandInResponse {
    const headers: Record<string, string> = {
      "accept-ranges": "bytes",
      "content-type": object.contentType,
      etag: object.etag,
      "cache-control": object.cacheControl,
      "last-modified": new Date(object.createdAt).toUTCString(),
      "x-robots-tag": "none",
    };
    if (download !== null) {
      const name = encodeURIComponent(download);
      headers["content-disposition"] =
        download === "" ? "attachment;" : `attachment; filename=${name}; filename*=UTF-8''${name}`;
    }
    const total = object.data.byteLength;
    const range = /^bytes=(\d*)-(\d*)$/.exec(request.headers.get("range") ?? "");
    if (!range)
      return { status: 200, headers: { ...headers, "content-length": String(total) }, body: object.data };
    let start = range[1] ? Number(range[1]) : total - Number(range[2]);
    let end = range[1] && range[2] ? Number(range[2]) : total - 1;
    start = Math.max(0, start);
    end = Math.min(end, total - 1);
    if (start > end || start >= total) {
      return { status: 416, headers: { ...headers, "content-range": `bytes */${total}` }, body: "" };
    }
    return {
      status: 206,
      headers: {
        ...headers,
        "content-range": `bytes ${start}-${end}/${total}`,
        "content-length": String(end - start + 1),
      },
      body: object.data.subarray(start, end + 1),
    };
  }

  async function signToken(claims: Record<string, unknown>, expiresIn: unknown): Promise<string> {
    const seconds = Number(expiresIn);
    if (!Number.isInteger(seconds) || seconds < 1) {
      throw new StorageError(400, "InvalidRequest", "body/expiresIn must be >= 1");
    }
    return ctx.signer.sign(claims, seconds);
  }

  async function checkToken(
    token: string | null,
    path: string,
    scope: string,
  ): Promise<Record<string, unknown>> {
    if (!token) throw new StorageError(400, "MissingParameter", "Missing Required Parameter token");
    let claims: Record<string, unknown>;
    try {
      claims = await ctx.signer.verify(token);
    } catch (error) {
      if ((error as { code?: string }).code === "ERR_JWT_EXPIRED") {
        throw new StorageError(400, "ExpiredToken", "The provided token has expired.");
      }
      throw invalidSignature();
    }
    if (claims.url !== path || claims.scope !== scope) throw invalidSignature();
    return claims;
  }

  async function signBatch(bucket: string, body: Record<string, unknown>, serviceRole: boolean) {
    if (!Array.isArray(body.paths)) {
      throw new StorageError(400, "InvalidRequest", "body must have required property 'paths'");
    }
    await findBucket(bucket);
    return Promise.all(
      (body.paths as string[]).map(async (p) => {
        if (!serviceRole || !objects.has(`${bucket}/${p}`)) {
          return {
            error: "Either the object does not exist or you do not have access to it",
            path: p,
            signedURL: null,
          };
        }
        const token = await signToken({ url: `${bucket}/${p}`, scope: "download" }, body.expiresIn);
        return { error: null, path: p, signedURL: `/object/sign/${bucket}/${encodeURI(p)}?token=${token}` };
      }),
    );
  }

  async function remove(bucket: string, body: Record<string, unknown>, serviceRole: boolean) {
    await findBucket(bucket);
    if (!Array.isArray(body.prefixes)) {
      throw new StorageError(400, "InvalidRequest", "body must have required property 'prefixes'");
    }
    const removed = [];
    for (const key of serviceRole ? (body.prefixes as string[]) : []) {
      const object = objects.get(`${bucket}/${key}`);
      if (!object) continue;
      objects.delete(`${bucket}/${key}`);
      removed.push({
        id: object.id,
        name: key,
        bucket_id: bucket,
        owner: null,
        created_at: object.createdAt,
        updated_at: object.createdAt,
        last_accessed_at: object.createdAt,
        metadata: {
          size: object.data.byteLength,
          mimetype: object.contentType,
          cacheControl: object.cacheControl,
        },
      });
    }
    return removed;
  }

  type Route = {
    methods: string[];
    pattern: RegExp;
    /** bucket and key from the pattern's groups. */
    run: (
      request: StandInRequest,
      bucket: string,
      key: string,
      serviceRole: boolean,
    ) => Promise<StandInResponse>;
  };

  const denied = () =>
    new StorageError(403, "AccessDenied", "new row violates row-level security policy", "Unauthorized");

  // In order: the first match answers (the signing routes before the plain object routes).
  const routes: Route[] = [
    {
      methods: ["GET"],
      pattern: /^\/bucket$/,
      run: async (_r, _b, _k, service) => json(200, service ? (await listBuckets()).map(bucketJson) : []),
    },
    {
      methods: ["GET"],
      pattern: /^\/bucket\/([^/]+)$/,
      run: async (_r, bucket, _k, service) => {
        if (!service) throw noSuchBucket();
        return json(200, bucketJson(await findBucket(bucket)));
      },
    },
    {
      methods: ["GET"],
      pattern: /^\/object\/sign\/([^/]+)\/(.+)$/,
      run: async (request, bucket, key) => {
        await checkToken(request.url.searchParams.get("token"), `${bucket}/${key}`, "download");
        return serve(find(bucket, key), request, request.url.searchParams.get("download"));
      },
    },
    {
      methods: ["PUT"],
      pattern: /^\/object\/upload\/sign\/([^/]+)\/(.+)$/,
      run: async (request, bucket, key) => {
        const claims = await checkToken(request.url.searchParams.get("token"), `${bucket}/${key}`, "upload");
        return put(bucket, key, request, claims.upsert === true);
      },
    },
    {
      methods: ["POST"],
      pattern: /^\/object\/upload\/sign\/([^/]+)\/(.+)$/,
      run: async (request, bucket, key, service) => {
        if (!service) throw denied();
        await findBucket(bucket);
        const upsert = request.headers.get("x-upsert") === "true";
        const token = await ctx.signer.sign({ url: `${bucket}/${key}`, upsert, scope: "upload" }, 7200);
        return json(200, { url: `/object/upload/sign/${bucket}/${key}?token=${token}`, token });
      },
    },
    {
      methods: ["POST"],
      pattern: /^\/object\/sign\/([^/]+)$/,
      run: async (request, bucket, _k, service) =>
        json(200, await signBatch(bucket, jsonBody(request) ?? {}, service)),
    },
    {
      methods: ["POST"],
      pattern: /^\/object\/sign\/([^/]+)\/(.+)$/,
      run: async (request, bucket, key, service) => {
        await findBucket(bucket);
        if (!service) throw noSuchKey();
        find(bucket, key);
        const token = await signToken(
          { url: `${bucket}/${key}`, scope: "download" },
          jsonBody(request)?.expiresIn,
        );
        return json(200, { signedURL: `/object/sign/${encodeURI(`${bucket}/${key}`)}?token=${token}` });
      },
    },
    {
      methods: ["POST", "PUT"],
      pattern: /^\/object\/([^/]+)\/(.+)$/,
      run: async (request, bucket, key, service) => {
        await findBucket(bucket);
        if (!service) throw denied();
        return put(
          bucket,
          key,
          request,
          request.method === "PUT" || request.headers.get("x-upsert") === "true",
        );
      },
    },
    {
      methods: ["GET"],
      pattern: /^\/object\/(?:authenticated\/)?([^/]+)\/(.+)$/,
      run: async (request, bucket, key, service) => {
        await findBucket(bucket);
        if (!service) throw noSuchKey();
        return serve(find(bucket, key), request, request.url.searchParams.get("download"));
      },
    },
    {
      methods: ["DELETE"],
      pattern: /^\/object\/([^/]+)$/,
      run: async (request, bucket, _k, service) =>
        json(200, await remove(bucket, jsonBody(request) ?? {}, service)),
    },
  ];

  async function route(request: StandInRequest, serviceRole: boolean): Promise<StandInResponse> {
    const path = decodeURIComponent(request.url.pathname.replace(/^\/storage\/v1/, ""));
    for (const candidate of routes) {
      if (!candidate.methods.includes(request.method)) continue;
      const match = candidate.pattern.exec(path);
      if (match) return candidate.run(request, match[1] ?? "", match[2] ?? "", serviceRole);
    }
    throw new StorageError(404, "NotFound", `Route ${request.method}:${path} not found`, "Not Found");
  }

  return {
    objects,
    async handle(request: StandInRequest): Promise<StandInResponse> {
      try {
        return await route(request, bearer(request) === ctx.secretKey);
      } catch (error) {
        if (!(error instanceof StorageError)) throw error;
        const body = {
          statusCode: String(error.statusCode),
          code: error.code,
          error: error.error,
          message: error.message,
        };
        return json(error.statusCode >= 500 ? 500 : 400, body);
      }
    },
  };
}
