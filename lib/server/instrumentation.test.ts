import { afterEach, expect, test, vi } from "vitest";

/**
 * Next.js runs instrumentation.ts register() when a server starts (`next start`, scripts/serve.mjs,
 * a Vercel function's cold start). A bad setting must end the process there with its message:
 * Next only logs an error thrown from register() and then answers 500 to every request.
 */

afterEach(() => {
  vi.unstubAllEnvs();
  vi.restoreAllMocks();
  vi.resetModules();
});

test("supabase mode without SESSION_SECRET stops the server at start, naming the setting", async () => {
  for (const [name, value] of Object.entries({
    NEXT_RUNTIME: "nodejs",
    NODE_ENV: "production",
    NEXT_PUBLIC_SUPABASE_URL: "https://abc.supabase.co",
    NEXT_PUBLIC_SUPABASE_PUBLISHABLE_KEY: "sb_publishable_x",
    SUPABASE_SECRET_KEY: "sb_secret_x",
    SESSION_SECRET: "",
    DATABASE_URL: "",
  })) {
    vi.stubEnv(name, value);
  }
  const exit = vi.spyOn(process, "exit").mockImplementation((code) => {
    throw new Error(`process.exit(${code})`);
  });
  const logged = vi.spyOn(console, "error").mockImplementation(() => undefined);
  const { register } = await import("../../instrumentation");
  await expect(register()).rejects.toThrow("process.exit(1)");
  expect(exit).toHaveBeenCalledWith(1);
  const message = String(logged.mock.calls[0]?.[0]);
  expect(message).toMatch(/SESSION_SECRET is required in supabase mode/);
  expect(message).toMatch(/VIDEO_PROVIDER=fal/);
  expect(message).toMatch(/CRON_SECRET/);
});
