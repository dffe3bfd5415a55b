/**
 * Whether videos come from the `local` preview renderer (no AI) rather than a real provider, so
 * the UI can say so. Today every job is created with the local provider (lib/server/services/
 * jobs.ts passes p_provider "local"), and the Job contract does not carry its provider; when it
 * does, the result page should read `job.provider === "local"` instead of this.
 */
export function usesPreviewRenderer(): boolean {
  return true;
}
