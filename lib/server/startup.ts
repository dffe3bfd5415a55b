import { type Config, ConfigError, configWarnings, describeConfig, getConfig } from "./config";

/**
 * What a server does once, when it starts (instrumentation.ts register()): check the settings —
 * a bad one ends the process here, with its message, since Next itself would only log it and
 * answer 500 to every request — say which mode it runs in, then start the background work
 * (resuming jobs, sweeping), let route handlers' declared lengths reach the wire and hand
 * scripts/serve.mjs the catalog's answers. With SENTRY_DSN set, error reporting starts first.
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
  const { startBackgroundWork } = await import("./jobs/background");
  startBackgroundWork();
}
