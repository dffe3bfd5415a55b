import { randomUUID } from "node:crypto";
import { getConfig, type TrustProxy } from "../config";

/** The header a request's id comes in (from a trusted proxy) and every answer carries it back in. */
export const REQUEST_ID_HEADER = "x-request-id";

/** Short and plain: an id is logged and echoed, so it may not carry spaces, quotes or control characters. */
const SAFE_ID = /^[A-Za-z0-9._:-]{1,128}$/;

/**
 * The request's id: the one our proxy gave it when TRUST_PROXY says there is one (Vercel's own
 * `x-vercel-id`; behind N proxies `x-request-id`), else a new UUID. With `none` a client could
 * write any id it likes, so none is believed; a given id that is not short and plain is replaced.
 */
export function requestIdOf(
  header: (name: string) => string | null | undefined,
  trust: TrustProxy = getConfig().trustProxy,
): string {
  const given = trust === "none" ? undefined : header(trust === "vercel" ? "x-vercel-id" : REQUEST_ID_HEADER);
  return given && SAFE_ID.test(given) ? given : randomUUID();
}
