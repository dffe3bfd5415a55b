/**
 * What may leave the app in an error report (Sentry, server and browser alike): no cookies, auth
 * headers, request bodies, query strings, emails, prompts or share tokens. Pure functions over
 * plain data, so the browser's lazily loaded reporter and the server use the same rules.
 */

const SECRET_KEYS =
  /^(cookies?|set-cookie|authorization|proxy-authorization|x-api-key|prompt|password|token|secret|email|captchatoken)$/i;
const EMAIL = /[A-Za-z0-9._%+-]+@[A-Za-z0-9.-]+\.[A-Za-z]{2,}/g;
/** A query string or fragment after a URL or path: it may carry codes, emails or signatures. */
const URL_TAIL = /((?:https?:\/\/|\/)[^\s?#"'<>]*)[?#][^\s"'<>]*/g;
/** A shared video's page names its secret token (/v/<token>). */
const SHARE_TOKEN = /\/v\/[A-Za-z0-9_-]{20,}/g;
const MAX_DEPTH = 12;

export const REDACTED = "[redacted]";

/**
 * Sentry's `dataCollection` (what `sendDefaultPii: false` was before SDK 11): the SDK itself
 * collects no user details, cookies, headers, bodies, query strings or local variables.
 */
export const NO_PERSONAL_DATA = {
  userInfo: false,
  cookies: false,
  httpHeaders: false,
  httpBodies: [],
  urlQueryParams: false,
  graphQL: { document: false, variables: false },
  genAI: { inputs: false, outputs: false },
  databaseQueryData: false,
  queues: false,
  stackFrameVariables: false,
} as const;

/** `text` without emails, query strings or share tokens. */
export function scrubText(text: string): string {
  return text.replace(EMAIL, "[email]").replace(URL_TAIL, "$1").replace(SHARE_TOKEN, "/v/[token]");
}

/** A deep copy of `value` with secrets removed: by key name anywhere, and from every string. */
export function scrubValue(value: unknown, depth = 0): unknown {
  if (typeof value === "string") return scrubText(value);
  if (value === null || typeof value !== "object") return value;
  if (depth > MAX_DEPTH) return REDACTED;
  if (Array.isArray(value)) return value.map((item) => scrubValue(item, depth + 1));
  const copy: Record<string, unknown> = {};
  for (const [key, item] of Object.entries(value)) {
    copy[key] = SECRET_KEYS.test(key) ? REDACTED : scrubValue(item, depth + 1);
  }
  return copy;
}

type ReportEvent = { request?: { url?: string; method?: string }; user?: { id?: string | number } };

/**
 * Sentry's beforeSend: the request keeps only its method and URL (without its query), the user
 * only its id; everything else is scrubbed as data.
 */
export function scrubEvent<T extends ReportEvent>(event: T): T {
  const { request, user, ...rest } = event;
  const scrubbed = scrubValue(rest) as Record<string, unknown>;
  if (request) scrubbed.request = { method: request.method, url: request.url && scrubText(request.url) };
  if (user?.id !== undefined) scrubbed.user = { id: String(user.id) };
  return scrubbed as T;
}

/** Sentry's beforeBreadcrumb: the same rules; console lines are dropped (they may print anything). */
export function scrubBreadcrumb<T extends { category?: string }>(breadcrumb: T): T | null {
  if (breadcrumb.category === "console") return null;
  return scrubValue(breadcrumb) as T;
}
