import { type Config, ConfigError, configWarnings, describeConfig, getConfig } from "./config";

/**
 * What a server does once, when it starts (instrumentation.ts register()): check the settings —
 * a bad one ends the process here, with its message, since Next itself would only log it and
 * answer 500 to every request — say which mode it runs in, let route handlers' declared
 * lengths reach the wire, hand scripts/serve.mjs the catalog's answers, subscribe the push
 * service to finished jobs, then start the background work (resuming jobs, sweeping). With
 * SENTRY_DSN set, error reporting starts first.
 */
export async function startServer(): Promise<void> {
  let config: Config;
  try {
    config = getConfig();
  } catch (error) {
    if (!(error instanceof ConfigError)) throw error;
    // No logger without a configuration (its level is a setting): the message goes out plain.
    console.error(error.message);
    process.exit(1);
  }
  if (config.isBuild) return;
  const { logger } = await import("./log/logger");
  logger().info(describeConfig(config));
  for (const warning of configWarnings(config)) logger().warn(warning);
  if (config.sentryDsn) {
    const { startSentry } = await import("./log/sentry");
    startSentry(config);
  }
  const { restoreDeclaredLengths } = await import("./content-length");
  restoreDeclaredLengths();
  const { registerCatalogFirst } = await import("./catalog-http");
  registerCatalogFirst();
  await listenToJobEvents();
  const { startBackgroundWork } = await import("./jobs/background");
  startBackgroundWork();
}

/**
 * The services that act on job events (lib/server/jobs/finished.ts) subscribe here, once per
 * process, before any job can finish in it (route tests that assert pushes call this too).
 */
export async function listenToJobEvents(): Promise<void> {
  const { announceFinishedJobs } = await import("./services/push");
  announceFinishedJobs();
}
