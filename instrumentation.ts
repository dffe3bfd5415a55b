// Next.js calls register() once when a server starts: check the settings (a bad one ends the
// process here, with its message: Next itself would only log it and answer 500 to every request),
// say which mode this process runs in, start the server's own background work (resuming jobs,
// sweeping), and let route handlers' declared lengths reach the wire (lib/server/content-length.ts). The literal NEXT_RUNTIME
// check (the one process.env read outside lib/server/config.ts) lets the bundler drop the
// Node-only modules from the Edge build of this file.
export async function register(): Promise<void> {
  if (process.env.NEXT_RUNTIME !== "nodejs") return;
  const { ConfigError, configWarnings, describeConfig, getConfig } = await import("./lib/server/config");
  let config: ReturnType<typeof getConfig>;
  try {
    config = getConfig();
  } catch (error) {
    if (!(error instanceof ConfigError)) throw error;
    console.error(error.message);
    process.exit(1);
  }
  if (config.isBuild) return;
  console.log(describeConfig(config));
  for (const warning of configWarnings(config)) console.warn(warning);
  const { restoreDeclaredLengths } = await import("./lib/server/content-length");
  restoreDeclaredLengths();
  const { startBackgroundWork } = await import("./lib/server/jobs/background");
  startBackgroundWork();
}
