import { getConfig, type Mode } from "../config";
import { getRpc } from "../db";
import { healthResult } from "../db/results";

export type Health = { ok: true; mode: Mode; version: string };

/** Healthy when the database answers; otherwise the Rpc port raises service_unavailable. */
export async function checkHealth(): Promise<Health> {
  const config = getConfig();
  const rpc = await getRpc();
  await rpc.call("health_check", {}, healthResult);
  return { ok: true, mode: config.mode, version: config.version };
}
