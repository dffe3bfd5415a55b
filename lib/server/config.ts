import { createECDH } from "node:crypto";
import { availableParallelism } from "node:os";
import { z } from "zod";
import packageJson from "../../package.json" with { type: "json" };

/**
 * The only module that reads the environment. It validates every variable with zod, picks the
 * run mode (docs/architecture.md) and fails fast with a message
 * that names the variable at fault.
 */

export type Mode = "embedded" | "postgres" | "supabase";
export const LOG_LEVELS = ["fatal", "error", "warn", "info", "debug", "trace", "silent"] as const;
export type LogLevel = (typeof LOG_LEVELS)[number];
export type TrustProxy = "none" | "vercel" | number;

const optional = z.preprocess((value) => (value === "" ? undefined : value), z.string().optional());
const optionalUrl = (protocols: RegExp) =>
  z.preprocess(
    (value) => (value === "" ? undefined : value),
    z
      .url({ protocol: protocols, error: `must be a URL (${protocols.source.replace(/[\^$()]/g, "")})` })
      .optional(),
  );

/** fal's queue and the keys its webhooks are signed with; tests point FAL_QUEUE_URL/FAL_JWKS_URL elsewhere. */
export const FAL_QUEUE = "https://queue.fal.run";
export const FAL_JWKS = "https://rest.alpha.fal.ai/.well-known/jwks.json";

/** Cloudflare's endpoint for checking a Turnstile token; tests point TURNSTILE_VERIFY_URL elsewhere. */
export const TURNSTILE_SITEVERIFY = "https://challenges.cloudflare.com/turnstile/v0/siteverify";

const envSchema = z.object({
  NODE_ENV: z.enum(["development", "production", "test"]).default("development"),
  PORT: z.coerce.number().int().min(1).max(65535).default(3000),
  DATA_DIR: z.preprocess((value) => (value === "" ? undefined : value), z.string().default(".data")),
  DATABASE_URL: optionalUrl(/^postgres(ql)?$/),
  DATABASE_POOL_SIZE: z.preprocess(
    (value) => (value === "" ? undefined : value),
    z.coerce.number().int().min(1).max(100).optional(),
  ),
  NEXT_PUBLIC_SUPABASE_URL: optionalUrl(/^https?$/),
  NEXT_PUBLIC_SUPABASE_PUBLISHABLE_KEY: optional,
  NEXT_PUBLIC_SUPABASE_ANON_KEY: optional,
  SUPABASE_SECRET_KEY: optional,
  SUPABASE_SERVICE_ROLE_KEY: optional,
  FAL_KEY: optional,
  VIDEO_PROVIDER: z.preprocess(
    (value) => (value === "" ? undefined : value),
    z.enum(["local", "fal"], { error: 'must be "local" or "fal"' }).optional(),
  ),
  FAL_QUEUE_URL: z.preprocess(
    (value) => (value === "" ? undefined : value),
    z.url({ protocol: /^https?$/, error: "must be a URL (https?)" }).default(FAL_QUEUE),
  ),
  FAL_JWKS_URL: z.preprocess(
    (value) => (value === "" ? undefined : value),
    z.url({ protocol: /^https?$/, error: "must be a URL (https?)" }).default(FAL_JWKS),
  ),
  NEXT_PHASE: optional,
  NEXT_RUNTIME: optional,
  GENERATIONS_PER_MINUTE: z.preprocess(
    (value) => (value === "" ? undefined : value),
    z.coerce.number().int().min(1).max(1000).default(6),
  ),
  STRIPE_SECRET_KEY: optional,
  STRIPE_WEBHOOK_SECRET: optional,
  CRON_SECRET: z.preprocess(
    (value) => (value === "" ? undefined : value),
    z.string().min(16, "must be at least 16 characters").optional(),
  ),
  AUTH_APPLE_ENABLED: z.preprocess(
    (value) => (value === "" ? undefined : value),
    z.enum(["true", "false"], { error: 'must be "true" or "false"' }).default("false"),
  ),
  SMTP_URL: optionalUrl(/^smtps?$/),
  MAIL_FROM: z.preprocess(
    (value) => (value === "" ? undefined : value),
    z
      .string()
      .transform((value, ctx) => {
        const from = parseMailFrom(value);
        if (from) return from;
        ctx.addIssue(
          'must be an email address, alone or as "Name <address>" (e.g. Rendio <no-reply@example.com>)',
        );
        return z.NEVER;
      })
      .optional(),
  ),
  DEV_OUTBOX: z.preprocess(
    (value) => (value === "" ? undefined : value),
    z.enum(["true", "false"], { error: 'must be "true" or "false"' }).optional(),
  ),
  SESSION_SECRET: z.preprocess(
    (value) => (value === "" ? undefined : value),
    z.string().min(32, "must be at least 32 characters").optional(),
  ),
  VAPID_PUBLIC_KEY: z.preprocess(
    (value) => (value === "" ? undefined : value),
    z
      .string()
      .regex(/^B[A-Za-z0-9_-]{86}$/, "must be a P-256 public key in base64url (87 characters, from web-push)")
      .optional(),
  ),
  VAPID_PRIVATE_KEY: z.preprocess(
    (value) => (value === "" ? undefined : value),
    z
      .string()
      .regex(/^[A-Za-z0-9_-]{43}$/, "must be a P-256 private key in base64url (43 characters, from web-push)")
      .optional(),
  ),
  TRUST_PROXY: z.preprocess(
    (value) => (value === "" || value === undefined ? "none" : value),
    z.union([z.enum(["none", "vercel"]), z.coerce.number().int().min(1).max(10)], {
      error: 'must be "none", "vercel" or a number of proxies from 1 to 10',
    }),
  ),
  APP_URL: optionalUrl(/^https?$/).refine(
    (value) =>
      value === undefined || !URL.canParse(value) || new URL(value).href === `${new URL(value).origin}/`,
    "must be an origin only (scheme, host and optional port; no path, query or fragment)",
  ),
  VAPID_SUBJECT: z.preprocess(
    (value) => (value === "" ? undefined : value),
    z
      .string()
      .regex(/^(mailto:[^\s@]+@[^\s@]+|https:\/\/[^\s/]+\S*)$/, "must be a mailto: address or an https: URL")
      .optional(),
  ),
  TURNSTILE_SITE_KEY: optional,
  TURNSTILE_SECRET_KEY: optional,
  LOG_LEVEL: z.preprocess(
    (value) => (value === "" ? undefined : value),
    z.enum(LOG_LEVELS, { error: `must be one of ${LOG_LEVELS.join(", ")}` }).optional(),
  ),
  SENTRY_DSN: optionalUrl(/^https?$/),
  VITALS_SAMPLE_RATE: z.preprocess(
    (value) => (value === "" ? undefined : value),
    z.coerce.number({ error: "must be a number from 0 to 1" }).min(0).max(1).default(0.1),
  ),
  TURNSTILE_VERIFY_URL: z.preprocess(
    (value) => (value === "" ? undefined : value),
    z.url({ protocol: /^https?$/, error: "must be a URL (https?)" }).default(TURNSTILE_SITEVERIFY),
  ),
});

export type MailFrom = { name?: string; address: string };

export type Config = {
  mode: Mode;
  nodeEnv: "development" | "production" | "test";
  port: number;
  version: string;
  dataDir: string;
  databaseUrl: string | undefined;
  /** Connections the postgres mode keeps open (DATABASE_POOL_SIZE, else defaultDatabasePoolSize). */
  databasePoolSize: number;
  supabase: { url: string; publishableKey: string; secretKey: string } | undefined;
  /**
   * Who makes the videos: "fal" (fal.ai's queue; VIDEO_PROVIDER, by default when FAL_KEY is set)
   * or "local" (the offline preview renderer in this server process).
   */
  videoProvider: "local" | "fal";
  /** fal.ai: the API key, its queue and its webhook keys (JWKS); null with the local provider. */
  fal: { key: string; queueUrl: string; jwksUrl: string } | null;
  /** Generations one user may start per minute (fixed window). */
  generationsPerMinute: number;
  /** Stripe Checkout and its webhook; without them purchases are labelled test purchases. */
  stripe: { secretKey: string; webhookSecret: string } | undefined;
  /** Bearer secret of the scheduled sweep route (Vercel cron); without it the route answers 404. */
  cronSecret: string | undefined;
  /** Sign in with Apple is offered (supabase mode with the Apple provider set up in Supabase Auth). */
  appleSignIn: boolean;
  /**
   * The local outbox (/dev/outbox) exists, readable by anyone who can reach the app: on outside
   * production, off in production unless DEV_OUTBOX=true; never in supabase mode, where Supabase
   * Auth sends real mail.
   */
  devOutbox: boolean;
  /** Real mail for sign-in codes (embedded and postgres modes); it wins over the outbox. */
  smtp: { url: string; from: MailFrom } | undefined;
  /** Web Push (VAPID): the key pair and contact push services see; null when push is off. */
  push: { publicKey: string; privateKey: string; subject: string } | null;
  /**
   * Push endpoints on this machine (http://127.0.0.1, localhost) are accepted, for tests with a
   * local receiver; never in production, where only the known push services are.
   */
  pushLocalEndpoints: boolean;
  /**
   * Which request headers tell the client's address, protocol and host: "none" (the socket, as
   * scripts/serve.mjs reports it), "vercel" (the headers Vercel's edge writes) or a number of
   * reverse proxies in front, each appending to X-Forwarded-For.
   */
  trustProxy: TrustProxy;
  /** The app's public origin (APP_URL), e.g. https://rendio.example; undefined: from the request. */
  appOrigin: string | undefined;
  /**
   * Cloudflare Turnstile: new guests and sign-in code requests need a token from the widget,
   * checked at `verifyUrl` (or by Supabase Auth in supabase mode); null when off.
   */
  turnstile: { siteKey: string; secretKey: string; verifyUrl: string } | null;
  /**
   * Root secret for signing sessions and media links; without it one is kept in DATA_DIR
   * (embedded and postgres modes only: supabase mode requires it).
   */
  sessionSecret: string | undefined;
  /** Server log level (LOG_LEVEL); by default info, and silent under tests (NODE_ENV=test). */
  logLevel: LogLevel;
  /** Where errors are reported (Sentry's DSN); null when unset: nothing is sent anywhere. */
  sentryDsn: string | null;
  /** The share of page views whose Web Vitals the browser sends (VITALS_SAMPLE_RATE, 0–1; 0.1 by default). */
  vitalsSampleRate: number;
  /** True inside `next build`, where no background work may start and no database opens. */
  isBuild: boolean;
  /** The Next.js runtime this code runs in ("nodejs" or "edge"), when Next says. */
  runtime: string | undefined;
};

export class ConfigError extends Error {
  constructor(problems: string[]) {
    super(`Invalid environment:\n${problems.map((p) => `  - ${p}`).join("\n")}\nSee .env.example.`);
    this.name = "ConfigError";
  }
}

export function loadConfig(env: Record<string, string | undefined>): Config {
  const parsed = envSchema.safeParse({ ...env, APP_URL: env.APP_URL || vercelOrigin(env) });
  if (!parsed.success) {
    throw new ConfigError(parsed.error.issues.map((issue) => `${issue.path.join(".")}: ${issue.message}`));
  }
  const e = parsed.data;
  const supabaseParts = {
    NEXT_PUBLIC_SUPABASE_URL: e.NEXT_PUBLIC_SUPABASE_URL,
    "NEXT_PUBLIC_SUPABASE_PUBLISHABLE_KEY (or NEXT_PUBLIC_SUPABASE_ANON_KEY)":
      e.NEXT_PUBLIC_SUPABASE_PUBLISHABLE_KEY ?? e.NEXT_PUBLIC_SUPABASE_ANON_KEY,
    "SUPABASE_SECRET_KEY (or SUPABASE_SERVICE_ROLE_KEY)":
      e.SUPABASE_SECRET_KEY ?? e.SUPABASE_SERVICE_ROLE_KEY,
  };
  const given = Object.entries(supabaseParts).filter(([, value]) => value);
  if (given.length > 0 && given.length < 3) {
    const missing = Object.entries(supabaseParts)
      .filter(([, value]) => !value)
      .map(([name]) => name);
    throw new ConfigError([`Supabase mode is half configured; also set ${missing.join(" and ")}`]);
  }
  if (Boolean(e.STRIPE_SECRET_KEY) !== Boolean(e.STRIPE_WEBHOOK_SECRET)) {
    throw new ConfigError([
      "Stripe is half configured; set both STRIPE_SECRET_KEY and STRIPE_WEBHOOK_SECRET",
    ]);
  }
  const supabase =
    given.length === 3
      ? {
          url: String(supabaseParts.NEXT_PUBLIC_SUPABASE_URL),
          publishableKey: String(
            supabaseParts["NEXT_PUBLIC_SUPABASE_PUBLISHABLE_KEY (or NEXT_PUBLIC_SUPABASE_ANON_KEY)"],
          ),
          secretKey: String(supabaseParts["SUPABASE_SECRET_KEY (or SUPABASE_SERVICE_ROLE_KEY)"]),
        }
      : undefined;

  if (Boolean(e.SMTP_URL) !== Boolean(e.MAIL_FROM)) {
    throw new ConfigError([
      e.SMTP_URL
        ? "MAIL_FROM is required with SMTP_URL (the sender, e.g. Rendio <no-reply@example.com>)"
        : "MAIL_FROM is set without SMTP_URL; set both or neither",
    ]);
  }

  const mode: Mode = supabase ? "supabase" : e.DATABASE_URL ? "postgres" : "embedded";
  const videoProvider = e.VIDEO_PROVIDER ?? (e.FAL_KEY ? "fal" : "local");
  if (videoProvider === "fal" && !e.FAL_KEY) {
    throw new ConfigError(["VIDEO_PROVIDER=fal needs FAL_KEY (from fal.ai/dashboard/keys)"]);
  }
  if (videoProvider === "fal" && !e.APP_URL) {
    throw new ConfigError([
      "APP_URL is required with the fal provider: fal's webhooks reach the app at APP_URL/api/webhooks/fal",
    ]);
  }
  if (mode === "supabase") serverlessChecks(e, videoProvider);
  const push = pushSettings(e.VAPID_PUBLIC_KEY, e.VAPID_PRIVATE_KEY, e.VAPID_SUBJECT);
  if (Boolean(e.TURNSTILE_SITE_KEY) !== Boolean(e.TURNSTILE_SECRET_KEY)) {
    throw new ConfigError([
      "Turnstile is half configured; set both TURNSTILE_SITE_KEY and TURNSTILE_SECRET_KEY",
    ]);
  }
  return {
    mode,
    nodeEnv: e.NODE_ENV,
    port: e.PORT,
    version: packageJson.version,
    dataDir: e.DATA_DIR,
    databaseUrl: e.DATABASE_URL,
    databasePoolSize: e.DATABASE_POOL_SIZE ?? defaultDatabasePoolSize(),
    supabase,
    videoProvider,
    fal:
      videoProvider === "fal" && e.FAL_KEY
        ? { key: e.FAL_KEY, queueUrl: e.FAL_QUEUE_URL, jwksUrl: e.FAL_JWKS_URL }
        : null,
    generationsPerMinute: e.GENERATIONS_PER_MINUTE,
    stripe:
      e.STRIPE_SECRET_KEY && e.STRIPE_WEBHOOK_SECRET
        ? { secretKey: e.STRIPE_SECRET_KEY, webhookSecret: e.STRIPE_WEBHOOK_SECRET }
        : undefined,
    cronSecret: e.CRON_SECRET,
    appleSignIn: Boolean(supabase) && e.AUTH_APPLE_ENABLED === "true",
    devOutbox: mode !== "supabase" && (e.DEV_OUTBOX ? e.DEV_OUTBOX === "true" : e.NODE_ENV !== "production"),
    smtp:
      mode !== "supabase" && e.SMTP_URL && e.MAIL_FROM ? { url: e.SMTP_URL, from: e.MAIL_FROM } : undefined,
    push,
    pushLocalEndpoints: e.NODE_ENV !== "production",
    trustProxy: e.TRUST_PROXY,
    appOrigin: e.APP_URL === undefined ? undefined : new URL(e.APP_URL).origin,
    turnstile:
      e.TURNSTILE_SITE_KEY && e.TURNSTILE_SECRET_KEY
        ? {
            siteKey: e.TURNSTILE_SITE_KEY,
            secretKey: e.TURNSTILE_SECRET_KEY,
            verifyUrl: e.TURNSTILE_VERIFY_URL,
          }
        : null,
    sessionSecret: e.SESSION_SECRET,
    logLevel: e.LOG_LEVEL ?? (e.NODE_ENV === "test" ? "silent" : "info"),
    sentryDsn: e.SENTRY_DSN ?? null,
    vitalsSampleRate: e.VITALS_SAMPLE_RATE,
    isBuild: e.NEXT_PHASE === "phase-production-build",
    runtime: e.NEXT_RUNTIME,
  };
}

/**
 * Twice this machine's cores, plus one. PostgreSQL runs one process per connection: past about
 * twice its cores they wait on one another, and 20 calls in flight on 2 cores went through fewer
 * per second with 10 or 20 connections than with 4. A database on another machine may want
 * DATABASE_POOL_SIZE set from that machine's cores instead.
 */
export function defaultDatabasePoolSize(): number {
  return 2 * availableParallelism() + 1;
}

/**
 * Supabase mode is meant for hosts without a long-lived server or a lasting disk (Vercel): what
 * would otherwise fail later (a key file written to disk, renders on local disk, links without an
 * origin, a sweep nobody can call) stops the server at start instead.
 */
function serverlessChecks(e: z.infer<typeof envSchema>, videoProvider: "local" | "fal"): void {
  const problems: string[] = [];
  if (!e.SESSION_SECRET) {
    problems.push(
      "SESSION_SECRET is required in supabase mode (at least 32 random characters, e.g. `openssl rand -base64 32`): sessions and media links are signed with it, and no key file is kept on disk",
    );
  }
  if (e.NODE_ENV === "production") {
    if (videoProvider !== "fal") {
      problems.push(
        "VIDEO_PROVIDER=fal (with FAL_KEY) is required in supabase mode in production: the local preview renderer needs a long-lived server with a disk",
      );
    }
    if (!e.APP_URL) {
      problems.push(
        "APP_URL is required in supabase mode in production: links and fal's webhooks are built on it",
      );
    }
    if (!e.CRON_SECRET) {
      problems.push(
        "CRON_SECRET is required in supabase mode in production: the scheduled GET /api/cron/sweep (vercel.json) needs it, and nothing else sweeps there",
      );
    }
  }
  if (problems.length > 0) throw new ConfigError(problems);
}

/**
 * On Vercel, without APP_URL: a preview's branch URL (stable across its deployments), or the
 * production domain. Variables Vercel sets itself (vercel.com/docs/environment-variables).
 */
function vercelOrigin(env: Record<string, string | undefined>): string | undefined {
  const host =
    env.VERCEL_ENV === "preview"
      ? env.VERCEL_BRANCH_URL
      : env.VERCEL_ENV === "production"
        ? env.VERCEL_PROJECT_PRODUCTION_URL
        : undefined;
  return host ? `https://${host}` : undefined;
}

/** A sender: `address`, `Name <address>` or `"Name" <address>`, on one line. */
function parseMailFrom(value: string): MailFrom | undefined {
  const match = /^(?:"([^"\r\n]*)"|([^<>",;\r\n]*?))\s*<([^<>\s]+)>$|^([^<>\s]+)$/.exec(value.trim());
  if (!match) return undefined;
  const address = match[3] ?? match[4] ?? "";
  if (!z.email().safeParse(address).success) return undefined;
  const name = (match[1] ?? match[2] ?? "").trim();
  return name ? { name, address } : { address };
}

/** All three VAPID settings or none; a private key that does not make the public key is an error. */
function pushSettings(
  publicKey: string | undefined,
  privateKey: string | undefined,
  subject: string | undefined,
): Config["push"] {
  const given = [publicKey, privateKey, subject].filter(Boolean).length;
  if (given === 0) return null;
  if (!publicKey || !privateKey || !subject) {
    throw new ConfigError([
      "Web Push is half configured; set all of VAPID_PUBLIC_KEY, VAPID_PRIVATE_KEY and VAPID_SUBJECT",
    ]);
  }
  let derived: string | undefined;
  try {
    const ecdh = createECDH("prime256v1");
    ecdh.setPrivateKey(Buffer.from(privateKey, "base64url"));
    derived = ecdh.getPublicKey().toString("base64url");
  } catch {
    derived = undefined;
  }
  if (derived !== publicKey) {
    throw new ConfigError(["VAPID_PUBLIC_KEY is not the public key of VAPID_PRIVATE_KEY"]);
  }
  return { publicKey, privateKey, subject };
}

let cached: Config | undefined;

/** The process's configuration, validated once. */
export function getConfig(): Config {
  cached ??= loadConfig(process.env);
  return cached;
}

/** The start-up line: the mode, where its data lives and where sign-in codes go. */
export function describeConfig(config: Config): string {
  const where = {
    embedded: `PGlite in ${config.dataDir}/pglite`,
    postgres: `PostgreSQL at ${redactUrl(config.databaseUrl ?? "")} (${config.databasePoolSize} connections)`,
    supabase: `Supabase at ${config.supabase?.url}`,
  }[config.mode];
  const videos = config.videoProvider === "fal" ? "videos by fal.ai" : "videos by the local preview renderer";
  return `Rendio ${config.version} — mode: ${config.mode} (${where}); ${videos}${describeMail(config)}`;
}

/** What a production server's operator must hear at start: an open outbox, or no email sign-in. */
export function configWarnings(config: Config): string[] {
  if (config.nodeEnv !== "production" || config.mode === "supabase") return [];
  if (config.devOutbox) {
    return [
      "WARNING: DEV_OUTBOX=true in production: anyone who can reach this server can read sign-in codes at /dev/outbox (and GET /api/dev/outbox) and sign in as anyone. Set SMTP_URL and MAIL_FROM, and unset DEV_OUTBOX.",
    ];
  }
  if (!config.smtp) {
    return ["WARNING: email sign-in is off (it answers 503) until SMTP_URL and MAIL_FROM are set."];
  }
  return [];
}

function describeMail(config: Config): string {
  if (config.mode === "supabase") return "";
  if (config.smtp) return `; sign-in codes are mailed via ${smtpHost(config.smtp.url)}`;
  return config.devOutbox ? "; sign-in codes go to /dev/outbox" : "";
}

/** Host and port only: the URL's user name and password never reach a log. */
function smtpHost(url: string): string {
  const parsed = new URL(url);
  return `${parsed.protocol}//${parsed.host}`;
}

function redactUrl(url: string): string {
  return url.replace(/\/\/([^:@/]+):[^@/]*@/, "//$1:***@");
}
