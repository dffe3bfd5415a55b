import type { Job, JobStatus } from "@/lib/contracts/job";

const rank: Record<JobStatus, number> = { pending: 0, processing: 1, completed: 2, failed: 2 };

/**
 * Whether a job the worker posted may replace the one the page holds: never a step back (a
 * late `processing` after the page already saw `completed`), and never an older progress. A final job may be replaced (fresh media links).
 */
export function isNewerJob(current: Job | undefined, next: Job): boolean {
  if (!current || current.id !== next.id) return true;
  if (rank[next.status] !== rank[current.status]) return rank[next.status] > rank[current.status];
  if (rank[next.status] === 2) return true;
  return (next.progress ?? 0) >= (current.progress ?? 0);
}
