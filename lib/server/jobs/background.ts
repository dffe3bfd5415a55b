import { getConfig } from "../config";
import { logger } from "../log/logger";
import { reportError } from "../log/report";
import { getVideoProvider } from "../providers";
import { removeRenderLeftovers } from "./render-temp";
import { sweepOnce } from "./sweeper";

export { sweep } from "./sweeper";

/** How often the sweeper runs inside a long-lived server (embedded and postgres modes). */
export const SWEEP_EVERY_MS = 60_000;

const holder = globalThis as typeof globalThis & { __rendioBackground?: boolean };

/**
 * Work a long-lived server does on its own: remove render folders a killed server left, resume
 * local jobs left in flight, and sweep (fail and refund stale jobs, delete expired ones with their
 * media) at start and then every minute, one sweep at a time. Never during `next build`; in supabase mode (serverless) the scheduled route
 * GET /api/cron/sweep does the sweeping.
 */
export function startBackgroundWork(): void {
  const config = getConfig();
  if (holder.__rendioBackground || config.isBuild || config.mode === "supabase") return;
  holder.__rendioBackground = true;
  // A resumed job renders afresh, so what a killed server left half-rendered goes first.
  void removeRenderLeftovers(config.dataDir)
    .then((count) => count > 0 && logger().info({ count }, "removed unfinished render folders"))
    .catch((error) => reportError(error, "could not remove unfinished renders"))
    .then(() => getVideoProvider("local"))
    .then((local) => local.reconcile())
    .catch((error) => reportError(error, "could not resume jobs"));
  const run = () => {
    void sweepOnce().catch((error) => reportError(error, "sweep failed"));
  };
  run();
  // unref: the timer never keeps a process alive that is otherwise done.
  setInterval(run, SWEEP_EVERY_MS).unref();
}
