import { socketStamp } from "./client-address";
import { type Config, getConfig } from "./config";

/**
 * The origin browsers reach the app at, for the Origin check, the Secure cookie flag and links
 * back to us: APP_URL where set. Otherwise the request's Host and the scheme our own server
 * spoke; X-Forwarded-Proto and X-Forwarded-Host count only when TRUST_PROXY says a proxy wrote
 * them (a client can write them too).
 */

type Source = { headers: Headers; url?: string };
type Settings = Pick<Config, "trustProxy" | "appOrigin">;

const hostPattern = /^(?:[A-Za-z0-9.-]+|\[[0-9A-Fa-f:.]+\])(?::\d{1,5})?$/;

/** scheme://host[:port] as URL.origin spells it, or null when the request names no valid host. */
export function publicOrigin(source: Source, settings: Settings = getConfig()): string | null {
  if (settings.appOrigin) return settings.appOrigin;
  const host = publicHost(source, settings);
  if (host === null || !hostPattern.test(host)) return null;
  return new URL(`${publicScheme(source, settings)}://${host}`).origin;
}

/** Whether the browser reached us over https (cookies get Secure). */
export function isHttps(source: Source, settings: Settings = getConfig()): boolean {
  if (settings.appOrigin) return settings.appOrigin.startsWith("https:");
  return publicScheme(source, settings) === "https";
}

function publicScheme(source: Source, settings: Settings): "http" | "https" {
  const forwarded = settings.trustProxy === "none" ? null : first(source.headers.get("x-forwarded-proto"));
  if (forwarded === "http" || forwarded === "https") return forwarded;
  const stamped = socketStamp(source.headers)?.scheme;
  if (stamped) return stamped;
  // Not through our server (route tests, a bare `next start`): the URL the platform built.
  return source.url?.startsWith("https:") ? "https" : "http";
}

function publicHost(source: Source, settings: Settings): string | null {
  const forwarded = settings.trustProxy === "none" ? null : first(source.headers.get("x-forwarded-host"));
  return forwarded ?? source.headers.get("host") ?? (source.url ? new URL(source.url).host : null);
}

function first(value: string | null): string | null {
  return value?.split(",")[0]?.trim() || null;
}
