// Next.js calls register() once when a server starts: say which mode this process runs in.
export async function register(): Promise<void> {
  const { describeConfig, getConfig } = await import("./lib/server/config");
  console.log(describeConfig(getConfig()));
}
