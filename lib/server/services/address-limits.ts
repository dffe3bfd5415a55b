import "server-only";
import { createHash } from "node:crypto";
import { networkOf } from "../client-address";
import { getRpc } from "../db";
import * as sql from "../db/functions";

/**
 * Hourly limits per client address and per its network (/24 for IPv4, /64 for IPv6, where one
 * household or one IPv6 subscriber can pick any of many addresses). The network limits are
 * looser: several people share a router or an office.
 */
export const ADDRESS_LIMITS = {
  /** New guests (and new accounts that would get welcome credits): enough for a family. */
  guests: { bucket: "guest", perAddress: 50, perNetwork: 200 },
  /** Sign-in codes sent. */
  codes: { bucket: "auth:code", perAddress: 20, perNetwork: 80 },
} as const;

const HOUR = 3600;

const hash = (value: string) => createHash("sha256").update(value).digest("base64url").slice(0, 22);

/**
 * Counts one request against the address's and its network's hourly buckets; rate_limited
 * (429 with Retry-After) once either is full.
 */
export async function limitByAddress(kind: keyof typeof ADDRESS_LIMITS, address: string): Promise<void> {
  const rpc = await getRpc();
  const limits = ADDRESS_LIMITS[kind];
  const prefix = limits.bucket;
  await sql.checkRateLimit(rpc, {
    bucket: `${prefix}:address:${hash(address)}`,
    limit: limits.perAddress,
    windowSeconds: HOUR,
  });
  await sql.checkRateLimit(rpc, {
    bucket: `${prefix}:network:${hash(networkOf(address))}`,
    limit: limits.perNetwork,
    windowSeconds: HOUR,
  });
}
