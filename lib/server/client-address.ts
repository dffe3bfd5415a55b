import { timingSafeEqual } from "node:crypto";
import { isIP } from "node:net";
import ipaddr from "ipaddr.js";
import { getConfig, type TrustProxy } from "./config";
import { logger } from "./log/logger";

/**
 * The client's address, for rate limits: the one place that decides which part of a request to
 * believe, by TRUST_PROXY.
 *
 * - "none": the TCP peer. Route handlers never see the socket, and `next start` fills
 *   X-Forwarded-For from it only when the client sent none, so scripts/serve.mjs (npm start)
 *   writes the peer into SOCKET_HEADER, with a per-process token proving the value is its own.
 * - "vercel": x-vercel-forwarded-for (then x-real-ip), which Vercel's edge overwrites.
 * - N proxies: the Nth X-Forwarded-For entry from the right, the address the outermost of our
 *   proxies saw. A chain shorter than N did not pass all of them, so it counts for nothing.
 *
 * Whatever cannot be believed falls back to the socket, and without that to one shared bucket
 * (UNKNOWN_ADDRESS): a guessable value never becomes a key a client can rotate.
 */

/** Written by scripts/serve.mjs as "<token> <http|https> <address>"; the names must match it. */
export const SOCKET_HEADER = "x-rendio-socket";
export const SOCKET_TOKEN = Symbol.for("rendio.socketToken");
export const UNKNOWN_ADDRESS = "unknown";

type Carrier = { headers: Headers };

export function clientAddress(request: Carrier, trust: TrustProxy = getConfig().trustProxy): string {
  const socket = socketStamp(request.headers)?.address ?? null;
  if (trust === "none" && socket === null) warnNoSocket();
  const claimed = trust === "none" ? null : proxiedAddress(request.headers, trust);
  return claimed ?? socket ?? UNKNOWN_ADDRESS;
}

/** What scripts/serve.mjs saw of this request's connection, or null if it did not stamp it. */
export function socketStamp(headers: Headers): { scheme: "http" | "https"; address: string } | null {
  const token = (globalThis as { [SOCKET_TOKEN]?: unknown })[SOCKET_TOKEN];
  const [given, scheme, address] = (headers.get(SOCKET_HEADER) ?? "").split(" ");
  if (typeof token !== "string" || !given || !sameSecret(given, token)) return null;
  if (scheme !== "http" && scheme !== "https") return null;
  const normal = normaliseAddress(address ?? "");
  return normal === null ? null : { scheme, address: normal };
}

function proxiedAddress(headers: Headers, trust: "vercel" | number): string | null {
  if (trust === "vercel") {
    const vercel = headers.get("x-vercel-forwarded-for") ?? headers.get("x-real-ip");
    return vercel === null ? null : normaliseAddress(vercel.split(",")[0] ?? "");
  }
  const chain = (headers.get("x-forwarded-for") ?? "")
    .split(",")
    .map((hop) => hop.trim())
    .filter(Boolean);
  if (chain.length < trust) return null;
  return normaliseAddress(chain[chain.length - trust] ?? "");
}

/**
 * One spelling per address: ports, brackets and zones dropped, IPv4-mapped IPv6 as IPv4, IPv6
 * compressed (RFC 5952). Anything that is not an IP address is null.
 */
export function normaliseAddress(raw: string): string | null {
  let value = raw.trim();
  const bracketed = /^\[([^\]]+)\](?::\d{1,5})?$/.exec(value);
  if (bracketed?.[1]) value = bracketed[1];
  else if (/^[\d.]+:\d{1,5}$/.test(value)) value = value.slice(0, value.lastIndexOf(":"));
  value = value.replace(/%[\w.-]+$/, "");
  if (isIP(value) === 0) return null;
  const parsed = ipaddr.process(value);
  return parsed.kind() === "ipv6" ? (parsed as ipaddr.IPv6).toRFC5952String() : parsed.toString();
}

/** The address's network, which shares a looser limit: its /24 (IPv4) or /64 (IPv6). */
export function networkOf(address: string): string {
  const normal = normaliseAddress(address);
  if (normal === null) return address;
  if (isIP(normal) === 4) return `${ipaddr.IPv4.networkAddressFromCIDR(`${normal}/24`).toString()}/24`;
  return `${ipaddr.IPv6.networkAddressFromCIDR(`${normal}/64`).toRFC5952String()}/64`;
}

function sameSecret(given: string, expected: string): boolean {
  const a = Buffer.from(given);
  const b = Buffer.from(expected);
  return a.length === b.length && timingSafeEqual(a, b);
}

let warned = false;

function warnNoSocket(): void {
  if (warned) return;
  warned = true;
  logger().warn(
    "TRUST_PROXY=none but this request did not come through scripts/serve.mjs (npm start):" +
      " the client's address is unknown, so every client shares one rate-limit bucket." +
      " Start the app with npm start, or set TRUST_PROXY for the proxy in front of it.",
  );
}
