// Next.js calls register() once when a server starts: say which mode this process runs in, and
// start the server's own background work (resuming jobs, sweeping).
export async function register(): Promise<void> {
  const { describeConfig, getConfig } = await import("./lib/server/config");
  const config = getConfig();
  if (config.runtime !== "nodejs" || config.isBuild) return;
  console.log(describeConfig(config));
  const { startBackgroundWork } = await import("./lib/server/jobs/background");
  startBackgroundWork();
}
