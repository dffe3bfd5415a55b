/** The largest video we take from fal: the `videos` bucket's limit (20261203000100_storage_buckets.sql). */
export const MAX_OUTPUT_BYTES = 200 * 1024 * 1024;
const DOWNLOAD_TIMEOUT_MS = 120_000;

/**
 * Why an output could not be fetched: `gone` (fal no longer has it: 403/404/410), `invalid` (not
 * a video, or too large) — both final for the job — or `unavailable` (network, timeout, 5xx,
 * 429), worth trying again later.
 */
export class OutputError extends Error {
  constructor(
    readonly kind: "gone" | "invalid" | "unavailable",
    message: string,
  ) {
    super(message);
    this.name = "OutputError";
  }
}

/**
 * Reads fal's output video at `url` into memory, within a time limit and a size cap, checking
 * that it is served as a video. Nothing touches the disk (a serverless host may have none).
 */
export async function fetchOutput(
  url: string,
  options: { timeoutMs?: number; maxBytes?: number } = {},
): Promise<Uint8Array> {
  const maxBytes = options.maxBytes ?? MAX_OUTPUT_BYTES;
  if (!URL.canParse(url) || !/^https?:$/.test(new URL(url).protocol)) {
    throw new OutputError("invalid", "the output URL is not an http(s) URL");
  }
  const signal = AbortSignal.timeout(options.timeoutMs ?? DOWNLOAD_TIMEOUT_MS);
  let response: Response;
  try {
    response = await fetch(url, { signal, redirect: "follow" });
  } catch (error) {
    throw new OutputError("unavailable", `the output could not be fetched: ${errorText(error)}`);
  }
  if (!response.ok || !response.body) {
    await response.body?.cancel();
    const kind = [403, 404, 410].includes(response.status)
      ? "gone"
      : response.status >= 500 || response.status === 429
        ? "unavailable"
        : "invalid";
    throw new OutputError(kind, `the output answered ${response.status}`);
  }
  const type = (response.headers.get("content-type") ?? "").split(";")[0]?.trim().toLowerCase() ?? "";
  if (!type.startsWith("video/") && type !== "application/octet-stream") {
    await response.body.cancel();
    throw new OutputError("invalid", `the output is ${type || "untyped"}, not a video`);
  }
  const declared = Number(response.headers.get("content-length"));
  if (Number.isFinite(declared) && declared > maxBytes) {
    await response.body.cancel();
    throw new OutputError("invalid", `the output is ${declared} bytes, over the ${maxBytes} limit`);
  }
  const chunks: Uint8Array[] = [];
  let bytes = 0;
  try {
    for await (const chunk of response.body as AsyncIterable<Uint8Array>) {
      bytes += chunk.length;
      if (bytes > maxBytes) throw new OutputError("invalid", `the output is over the ${maxBytes} byte limit`);
      chunks.push(chunk);
    }
  } catch (error) {
    if (error instanceof OutputError) throw error;
    throw new OutputError("unavailable", `the output download broke off: ${errorText(error)}`);
  }
  if (bytes === 0) throw new OutputError("invalid", "the output is empty");
  return new Uint8Array(Buffer.concat(chunks, bytes));
}

function errorText(error: unknown): string {
  return error instanceof Error ? error.message : String(error);
}
