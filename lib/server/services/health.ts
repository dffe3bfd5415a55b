import { setTimeout as sleep } from "node:timers/promises";
import { getConfig, type Mode } from "../config";
import { getRpc } from "../db";
import * as sql from "../db/functions";
import { logger } from "../log/logger";
import { checkProviderSetup } from "../providers/setup";
import { getMediaStore } from "../storage";

export type Health = { ok: true; mode: Mode; version: string };

/** Healthy when the database answers; otherwise the Rpc port raises service_unavailable. */
export async function checkHealth(): Promise<Health> {
  const config = getConfig();
  const rpc = await getRpc();
  await sql.healthCheck(rpc);
  return { ok: true, mode: config.mode, version: config.version };
}

export const HEALTH_PARTS = ["database", "storage", "provider"] as const;
export type HealthPart = (typeof HEALTH_PARTS)[number];
export type PartHealth = { ok: true; ms: number } | { ok: false; ms: number; error: "failed" | "timeout" };
export type DeepHealth = {
  ok: boolean;
  mode: Mode;
  version: string;
  provider: "local" | "fal";
  checks: Record<HealthPart, PartHealth>;
  /** The parts that failed, when any did. */
  failed: HealthPart[];
};

/** How long each part may take to answer before it counts as failed. */
const CHECK_TIMEOUT_MS = 3_000;

/**
 * The database (a trivial query), storage (reachable, read-only) and the video provider's
 * settings (fal) or its ffmpeg (local), checked side by side, each with its own time limit. The
 * answer says only which part failed and how; what went wrong is written to the log.
 */
export async function checkDeepHealth(): Promise<DeepHealth> {
  const config = getConfig();
  const work: Record<HealthPart, () => Promise<unknown>> = {
    database: async () => sql.healthCheck(await getRpc()),
    storage: async () => (await getMediaStore()).reachable(),
    provider: () => checkProviderSetup(config),
  };
  const results = await Promise.all(HEALTH_PARTS.map((part) => checkPart(part, work[part])));
  const checks = Object.fromEntries(
    HEALTH_PARTS.map((part, i) => [part, results[i]]),
  ) as DeepHealth["checks"];
  const failed = HEALTH_PARTS.filter((part) => !checks[part].ok);
  return {
    ok: failed.length === 0,
    mode: config.mode,
    version: config.version,
    provider: config.videoProvider,
    checks,
    failed,
  };
}

async function checkPart(part: HealthPart, work: () => Promise<unknown>): Promise<PartHealth> {
  const started = performance.now();
  const elapsed = () => Math.round(performance.now() - started);
  const stop = new AbortController();
  const timedOut = sleep(CHECK_TIMEOUT_MS, "timeout" as const, { signal: stop.signal }).catch(
    () => undefined,
  );
  try {
    const outcome = await Promise.race([work().then(() => "ok" as const), timedOut]);
    if (outcome === "ok") return { ok: true, ms: elapsed() };
    logger().warn({ part, timeoutMs: CHECK_TIMEOUT_MS }, "health check timed out");
    return { ok: false, ms: elapsed(), error: "timeout" };
  } catch (error) {
    logger().warn({ part, err: error }, "health check failed");
    return { ok: false, ms: elapsed(), error: "failed" };
  } finally {
    stop.abort();
  }
}
