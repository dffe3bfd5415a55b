import { describe, expect, test } from "vitest";
import {
  API_CONTENT_SECURITY_POLICY,
  assetSecurityHeaders,
  contentSecurityPolicy,
  createNonce,
  type PolicyOptions,
  STRICT_TRANSPORT_SECURITY,
  serviceWorkerContentSecurityPolicy,
  staticSecurityHeaders,
} from "./security-headers";

/** The policy as directive name → sources. */
function parse(policy: string): Map<string, string[]> {
  const directives = new Map<string, string[]>();
  for (const part of policy.split(";")) {
    const [name, ...sources] = part.trim().split(/\s+/);
    if (name) {
      expect(directives.has(name), `${name} given twice`).toBe(false);
      directives.set(name, sources);
    }
  }
  return directives;
}

const base: PolicyOptions = { nonce: "bm9uY2Utb25l", isDev: false, https: true };
const modes: Array<[string, PolicyOptions]> = [
  ["production over https", base],
  ["production over http", { ...base, https: false }],
  ["development", { ...base, isDev: true, https: false }],
  [
    "supabase with Apple and Turnstile",
    {
      ...base,
      supabaseUrl: "https://abc.supabase.co/",
      appleSignIn: true,
      allowTurnstile: true,
    },
  ],
];

describe("contentSecurityPolicy", () => {
  test.each(modes)("%s: scripts need the nonce, never 'unsafe-inline'", (_, options) => {
    const policy = parse(contentSecurityPolicy(options));
    const scripts = policy.get("script-src") ?? [];
    expect(scripts).toContain(`'nonce-${options.nonce}'`);
    expect(scripts).toContain("'strict-dynamic'");
    expect(scripts).not.toContain("'unsafe-inline'");
    expect(policy.has("script-src-elem")).toBe(false);
    expect(policy.has("script-src-attr")).toBe(false);
    expect(policy.get("default-src")).toEqual(["'self'"]);
  });

  test.each(modes)("%s: no framing, plugins, base or foreign form targets", (_, options) => {
    const policy = parse(contentSecurityPolicy(options));
    expect(policy.get("frame-ancestors")).toEqual(["'none'"]);
    expect(policy.get("object-src")).toEqual(["'none'"]);
    expect(policy.get("base-uri")).toEqual(["'none'"]);
    expect(policy.get("form-action")?.[0]).toBe("'self'");
    expect(policy.get("worker-src")).toEqual(["'self'"]);
  });

  test("eval only in development", () => {
    expect(parse(contentSecurityPolicy(base)).get("script-src")).not.toContain("'unsafe-eval'");
    expect(parse(contentSecurityPolicy({ ...base, isDev: true })).get("script-src")).toContain(
      "'unsafe-eval'",
    );
  });

  test("style elements need the nonce in production; style attributes are allowed", () => {
    const production = parse(contentSecurityPolicy(base));
    expect(production.get("style-src")).toEqual(["'self'", `'nonce-${base.nonce}'`]);
    expect(production.get("style-src-attr")).toEqual(["'unsafe-inline'"]);
    // The dev overlay injects styles without a nonce.
    expect(parse(contentSecurityPolicy({ ...base, isDev: true })).get("style-src")).toEqual([
      "'self'",
      "'unsafe-inline'",
    ]);
  });

  test("upgrade-insecure-requests only in production over https", () => {
    expect(parse(contentSecurityPolicy(base)).has("upgrade-insecure-requests")).toBe(true);
    expect(parse(contentSecurityPolicy({ ...base, https: false })).has("upgrade-insecure-requests")).toBe(
      false,
    );
    expect(parse(contentSecurityPolicy({ ...base, isDev: true })).has("upgrade-insecure-requests")).toBe(
      false,
    );
  });

  test("only this origin without Supabase; no frames at all without Turnstile", () => {
    const policy = parse(contentSecurityPolicy(base));
    expect(policy.get("img-src")).toEqual(["'self'", "blob:", "data:"]);
    expect(policy.get("media-src")).toEqual(["'self'", "blob:"]);
    expect(policy.get("connect-src")).toEqual(["'self'"]);
    expect(policy.get("form-action")).toEqual(["'self'"]);
    expect(policy.get("frame-src")).toEqual(["'none'"]);
    expect(contentSecurityPolicy(base)).not.toMatch(/https:/);
  });

  test("Supabase Storage links load from the Supabase origin; Apple's redirect is a form target", () => {
    const policy = parse(
      contentSecurityPolicy({ ...base, supabaseUrl: "https://abc.supabase.co/", appleSignIn: true }),
    );
    for (const directive of ["img-src", "media-src", "connect-src", "form-action"]) {
      expect(policy.get(directive)).toContain("https://abc.supabase.co");
    }
    expect(policy.get("form-action")).toContain("https://appleid.apple.com");
    const withoutApple = parse(contentSecurityPolicy({ ...base, supabaseUrl: "https://abc.supabase.co" }));
    expect(withoutApple.get("form-action")).toEqual(["'self'"]);
  });

  test("error reports may go to the Sentry DSN's origin, and only when one is set", () => {
    const policy = parse(contentSecurityPolicy({ ...base, sentryDsn: "https://key@o1.ingest.sentry.io/42" }));
    expect(policy.get("connect-src")).toEqual(["'self'", "https://o1.ingest.sentry.io"]);
    expect(policy.get("script-src")).not.toContain("https://o1.ingest.sentry.io");
    expect(parse(contentSecurityPolicy({ ...base, sentryDsn: null })).get("connect-src")).toEqual(["'self'"]);
  });

  test("Turnstile is one option: its script and its frame", () => {
    const policy = parse(contentSecurityPolicy({ ...base, allowTurnstile: true }));
    expect(policy.get("script-src")).toContain("https://challenges.cloudflare.com");
    expect(policy.get("frame-src")).toEqual(["https://challenges.cloudflare.com"]);
  });
});

test("API answers may load nothing and not be framed", () => {
  expect(parse(API_CONTENT_SECURITY_POLICY)).toEqual(
    new Map([
      ["default-src", ["'none'"]],
      ["frame-ancestors", ["'none'"]],
    ]),
  );
});

test("HSTS in production only; the old and the unused-feature headers always", () => {
  const value = (isDev: boolean, key: string) =>
    staticSecurityHeaders({ isDev }).find((header) => header.key === key)?.value;
  expect(value(false, "Strict-Transport-Security")).toBe("max-age=63072000; includeSubDomains");
  expect(STRICT_TRANSPORT_SECURITY).toBe("max-age=63072000; includeSubDomains");
  expect(value(true, "Strict-Transport-Security")).toBeUndefined();
  for (const isDev of [true, false]) {
    expect(value(isDev, "X-Frame-Options")).toBe("DENY");
    expect(value(isDev, "X-Content-Type-Options")).toBe("nosniff");
    expect(value(isDev, "Referrer-Policy")).toBe("strict-origin-when-cross-origin");
    expect(value(isDev, "Permissions-Policy")).toMatch(/camera=\(\).*microphone=\(\).*geolocation=\(\)/);
  }
});

test("the build's scripts and styles carry nosniff and none of the document policies", () => {
  expect(assetSecurityHeaders()).toEqual([{ key: "X-Content-Type-Options", value: "nosniff" }]);
});

test("nonces are fresh, unguessable and valid in a policy", () => {
  const nonces = new Set(Array.from({ length: 100 }, createNonce));
  expect(nonces.size).toBe(100);
  for (const nonce of nonces) expect(nonce).toMatch(/^[A-Za-z0-9+/]{22}==$/);
});

describe("serviceWorkerContentSecurityPolicy", () => {
  test("the worker runs only its own code and fetches from here", () => {
    expect(serviceWorkerContentSecurityPolicy()).toBe(
      "default-src 'self'; script-src 'self'; connect-src 'self'",
    );
  });

  test("in supabase mode it may also fetch from the project (thumbnails kept for offline)", () => {
    expect(serviceWorkerContentSecurityPolicy("https://abc.supabase.co/")).toBe(
      "default-src 'self'; script-src 'self'; connect-src 'self' https://abc.supabase.co",
    );
  });
});
