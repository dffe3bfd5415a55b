// Next.js calls register() once when a server starts (lib/server/startup.ts says what happens
// then). The literal NEXT_RUNTIME check (the one process.env read outside lib/server/config.ts)
// lets the bundler drop the Node-only start-up from the Edge build of this file.
export async function register(): Promise<void> {
  if (process.env.NEXT_RUNTIME !== "nodejs") return;
  const { startServer } = await import("./lib/server/startup");
  await startServer();
}
