import "server-only";
import { logJobEvent } from "../../log/job-events";
import { logger } from "../../log/logger";
import type { VideoProvider } from "../video-provider";
import { localJobRunner, resumeLocalJobs } from "./runner";

/**
 * The `local` provider: no AI, a preview video rendered with ffmpeg in this server process
 * (renderer.ts), one job at a time (runner.ts). Single-server by design: at start-up a job still
 * processing is taken to be one the previous (stopped) server of this deployment was rendering.
 * Loaded with `await import("./local")` from providers/index.ts, so the renderer stays out of the
 * routes' own code.
 */
export function createLocalProvider(): VideoProvider {
  return {
    name: "local",
    // Queues the render and answers at once: the job moves on in the background.
    async start(job) {
      localJobRunner().ensure(job);
      logJobEvent("submitted", job);
      return job;
    },
    // A job in flight that this process does not know (a restart) is queued again.
    async refresh(job) {
      localJobRunner().ensure(job);
      return job;
    },
    async reconcile() {
      const count = await resumeLocalJobs();
      if (count > 0) logger().info({ count }, "resumed local jobs left in flight");
    },
    async cancel(job) {
      localJobRunner().cancel(job.id);
    },
  };
}
