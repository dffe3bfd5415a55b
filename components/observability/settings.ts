import "server-only";
import { getConfig } from "@/lib/server/config";
import type { BrowserSentry } from "./error-reporting";

/**
 * What the root layout hands the observability island for this page view, or null when it needs
 * none (no DSN and the view not sampled): then the page loads none of its code. The DSN comes at
 * run time, so one build serves deployments with and without it (Vercel previews).
 */
export function observabilityProps(): { sentry: BrowserSentry | null; vitals: boolean } | null {
  const config = getConfig();
  const sentry = config.sentryDsn
    ? { dsn: config.sentryDsn, release: `rendio-web@${config.version}`, environment: config.nodeEnv }
    : null;
  const vitals = Math.random() < config.vitalsSampleRate;
  return sentry || vitals ? { sentry, vitals } : null;
}
