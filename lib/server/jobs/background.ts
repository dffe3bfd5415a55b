import { getConfig } from "../config";
import { getRpc } from "../db";
import { sweepResult } from "../db/results";
import { getMediaStore } from "../storage";
import { resumeLocalJobs } from "./local-runner";

/** How often the sweeper runs inside a long-lived server (embedded and postgres modes). */
const SWEEP_EVERY_MS = 60_000;

const holder = globalThis as typeof globalThis & { __rendioBackground?: boolean };

/**
 * Work a long-lived server does on its own: resume local jobs left in flight, and sweep (fail and
 * refund stale jobs, delete expired ones with their media). Never during `next build`; in supabase
 * mode a scheduled route does the sweeping.
 */
export function startBackgroundWork(): void {
  const config = getConfig();
  if (holder.__rendioBackground || config.isBuild || config.mode === "supabase") return;
  holder.__rendioBackground = true;
  void resumeLocalJobs()
    .then((count) => count > 0 && console.log(`[rendio] resumed ${count} job(s) left in flight`))
    .catch((error) => console.error("[rendio] could not resume jobs", error));
  const timer = setInterval(() => {
    void sweep().catch((error) => console.error("[rendio] sweep failed", error));
  }, SWEEP_EVERY_MS);
  timer.unref();
}

/** One sweep: the database decides, then the media of removed jobs is deleted. */
export async function sweep() {
  const rpc = await getRpc();
  const result = await rpc.call("sweep", {}, sweepResult);
  await (await getMediaStore()).delete(result.mediaPaths);
  return result;
}
