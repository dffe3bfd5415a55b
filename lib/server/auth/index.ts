import { getConfig } from "../config";
import type { SessionPort } from "./session";

export type { CallerAuth } from "./caller";
export type { CookieJar } from "./cookies";
export { requestCookieJar } from "./cookies";
export type { Session, SessionPort, SignOutScope } from "./session";

/** The Session adapter of the configured mode. */
export async function getSessionPort(): Promise<SessionPort> {
  if (getConfig().mode === "supabase") return (await import("./supabase")).supabaseSessions;
  return (await import("./local")).localSessions;
}
