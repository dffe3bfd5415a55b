import "server-only";
import { constants } from "node:fs";
import { access } from "node:fs/promises";
import type { Config } from "../config";
import { ffmpegBinary } from "./ffmpeg";

/**
 * Throws unless the configured video provider can work, checked without calling it (deep health):
 * fal needs its key and well-formed URLs (the webhooks' origin included), the local renderer an
 * ffmpeg it may run. Messages never carry a setting's value.
 */
export async function checkProviderSetup(config: Config): Promise<void> {
  if (config.videoProvider === "local") {
    await access(await ffmpegBinary(), constants.X_OK);
    return;
  }
  const fal = config.fal;
  if (!fal || !/^\S+$/.test(fal.key)) throw new Error("FAL_KEY is missing or malformed");
  for (const [name, url] of [
    ["FAL_QUEUE_URL", fal.queueUrl],
    ["FAL_JWKS_URL", fal.jwksUrl],
    ["APP_URL", config.appOrigin],
  ] as const) {
    if (!isHttpUrl(url)) throw new Error(`${name} is missing or not an http(s) URL`);
  }
}

function isHttpUrl(value: string | undefined): boolean {
  if (!value || !URL.canParse(value)) return false;
  return ["http:", "https:"].includes(new URL(value).protocol);
}
