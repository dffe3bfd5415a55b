import { z } from "zod";
import { CODE_LENGTH } from "../lib/contracts/auth";
import { CODE_TTL_SECONDS, RESEND_AFTER_SECONDS } from "../lib/server/auth/codes";
import { type Config, ConfigError, loadConfig } from "../lib/server/config";
import { catalogResult, productsResult } from "../lib/server/db/functions";
import { supabaseRpc } from "../lib/server/db/supabase";
import { mediaBuckets } from "../lib/server/storage/media-store";

/**
 * What `npm run check:deploy` checks: the production settings (the same validation the server
 * runs at start — in supabase mode that already demands SESSION_SECRET, fal, APP_URL and
 * CRON_SECRET — plus what a Supabase + Vercel deployment needs), then the live Supabase
 * project through its public APIs — Auth settings, signing keys, the schema and catalog, the
 * Storage buckets and, with a personal access token, the Auth configuration. Read-only: every
 * request is a GET or a read-only RPC.
 */

export type Finding = {
  /** ok, or a problem the deployment must fix, or a warning it may live with, or not checked. */
  status: "ok" | "problem" | "warning" | "skipped";
  area: "settings" | "auth" | "database" | "storage" | "auth-config";
  message: string;
};

export type DeployCheckOptions = {
  /** The Supabase Management API (https://api.supabase.com); tests point it at a stand-in. */
  managementUrl?: string;
  /** Each request's time limit (default 10 s). */
  timeoutMs?: number;
};

const MANAGEMENT_API = "https://api.supabase.com";
const CALLBACK_PATH = "/api/auth/callback";
const TEMPLATES = ["magic_link", "confirmation", "email_change"] as const;

export async function checkDeployment(
  env: Record<string, string | undefined>,
  options: DeployCheckOptions = {},
): Promise<Finding[]> {
  const findings: Finding[] = [];
  const report = (status: Finding["status"], area: Finding["area"], message: string) =>
    findings.push({ status, area, message });

  let config: Config;
  try {
    config = loadConfig({ ...env, NODE_ENV: "production" });
  } catch (error) {
    if (!(error instanceof ConfigError)) throw error;
    for (const line of error.message.split("\n").filter((l) => l.startsWith("  - "))) {
      report("problem", "settings", line.slice(4));
    }
    return findings;
  }
  checkSettings(config, report);
  if (!config.supabase) return findings;

  const live = new SupabaseProject(config.supabase, options.timeoutMs ?? 10_000);
  await checkAuthSettings(live, config, report);
  await checkSigningKeys(live, report);
  await checkDatabase(config.supabase, report);
  await checkBuckets(live, report);
  await checkAuthConfig(live, config, env, options.managementUrl ?? MANAGEMENT_API, report);
  return findings;
}

type Report = (status: Finding["status"], area: Finding["area"], message: string) => void;

function checkSettings(config: Config, report: Report): void {
  const expect = (ok: boolean, good: string, bad: string, severity: "problem" | "warning" = "problem") =>
    report(ok ? "ok" : severity, "settings", ok ? good : bad);

  expect(
    config.mode === "supabase",
    "supabase mode",
    `mode is ${config.mode}: set NEXT_PUBLIC_SUPABASE_URL, NEXT_PUBLIC_SUPABASE_PUBLISHABLE_KEY and SUPABASE_SECRET_KEY`,
  );
  expect(
    config.appOrigin?.startsWith("https://") === true,
    `APP_URL ${config.appOrigin}`,
    "APP_URL must be the app's public https origin (fal's webhooks and sign-in links use it)",
  );
  expect(
    config.trustProxy === "vercel",
    "TRUST_PROXY=vercel",
    `TRUST_PROXY is ${config.trustProxy}: on Vercel set it to vercel, or every visitor shares one rate-limit bucket`,
  );
  expect(
    Boolean(config.stripe),
    "Stripe configured",
    "STRIPE_SECRET_KEY and STRIPE_WEBHOOK_SECRET are unset: the shop would hand out labelled test purchases",
  );
  expect(
    config.push !== null,
    "Web Push configured",
    "VAPID keys are unset: no notifications when a video is ready",
    "warning",
  );
  expect(
    config.turnstile !== null,
    "Turnstile configured",
    "TURNSTILE_SITE_KEY/TURNSTILE_SECRET_KEY are unset: guest sign-ups and codes are limited per address only",
    "warning",
  );
}

/** A Supabase project's public APIs, with the project's keys and a time limit on every call. */
class SupabaseProject {
  constructor(
    readonly settings: NonNullable<Config["supabase"]>,
    private readonly timeoutMs: number,
  ) {}

  get ref(): string {
    return new URL(this.settings.url).hostname.split(".")[0] ?? "";
  }

  async get(path: string, key: "publishable" | "secret"): Promise<{ status: number; body: unknown }> {
    const apikey = key === "secret" ? this.settings.secretKey : this.settings.publishableKey;
    return getJson(
      new URL(path, this.settings.url).href,
      { apikey, authorization: `Bearer ${apikey}` },
      this.timeoutMs,
    );
  }

  managementGet(base: string, path: string, token: string) {
    return getJson(`${base.replace(/\/$/, "")}${path}`, { authorization: `Bearer ${token}` }, this.timeoutMs);
  }
}

async function getJson(
  url: string,
  headers: Record<string, string>,
  timeoutMs: number,
): Promise<{ status: number; body: unknown }> {
  const response = await fetch(url, { headers, signal: AbortSignal.timeout(timeoutMs), redirect: "error" });
  const text = await response.text();
  let body: unknown = text;
  try {
    body = JSON.parse(text);
  } catch {}
  return { status: response.status, body };
}

/** Runs one check; an unreachable project or an unexpected answer is a problem, never a crash. */
async function attempt(area: Finding["area"], what: string, report: Report, work: () => Promise<void>) {
  try {
    await work();
  } catch (error) {
    report("problem", area, `${what}: ${error instanceof Error ? error.message : String(error)}`);
  }
}

const gotrueSettings = z.object({
  external: z.record(z.string(), z.boolean()),
  disable_signup: z.boolean(),
  mailer_autoconfirm: z.boolean(),
});

async function checkAuthSettings(live: SupabaseProject, config: Config, report: Report): Promise<void> {
  await attempt("auth", "Supabase Auth could not be read", report, async () => {
    const { status, body } = await live.get("/auth/v1/settings", "publishable");
    if (status !== 200) throw new Error(`GET /auth/v1/settings answered ${status}`);
    const settings = gotrueSettings.parse(body);
    const expect = (ok: boolean, good: string, bad: string) =>
      report(ok ? "ok" : "problem", "auth", ok ? good : bad);
    expect(
      settings.external.anonymous_users === true,
      "anonymous sign-ins on",
      "anonymous sign-ins are off: guests cannot start",
    );
    expect(
      settings.external.email === true && !settings.disable_signup,
      "email sign-up on",
      "email sign-in or sign-up is off",
    );
    expect(
      !settings.mailer_autoconfirm,
      "email confirmation on",
      '"Confirm email" is off: a guest adding an email gets no code and the email is taken unverified',
    );
    if (config.appleSignIn) {
      expect(
        settings.external.apple === true,
        "Apple provider on",
        "AUTH_APPLE_ENABLED=true but the Apple provider is off",
      );
    }
  });
}

async function checkSigningKeys(live: SupabaseProject, report: Report): Promise<void> {
  await attempt("auth", "the project's signing keys could not be read", report, async () => {
    const { status, body } = await live.get("/auth/v1/.well-known/jwks.json", "publishable");
    const keys =
      status === 200
        ? z.object({ keys: z.array(z.object({ alg: z.string().optional() })) }).parse(body).keys
        : [];
    const asymmetric = keys.some((key) => key.alg === "ES256" || key.alg === "RS256");
    report(
      asymmetric ? "ok" : "warning",
      "auth",
      asymmetric
        ? "asymmetric JWT signing keys: sessions are verified without a call to Auth"
        : "legacy JWT secret: every page asks Supabase Auth for the user (switch to asymmetric signing keys)",
    );
  });
}

async function checkDatabase(settings: NonNullable<Config["supabase"]>, report: Report): Promise<void> {
  const rpc = supabaseRpc({ url: settings.url, secretKey: settings.secretKey });
  try {
    await attempt(
      "database",
      "the schema is missing or out of date (run `supabase db push`)",
      report,
      async () => {
        const { models } = await rpc.call("list_catalog", { p_locale: "en" }, catalogResult);
        const { products } = await rpc.call("list_credit_products", { p_locale: "en" }, productsResult);
        const ok = models.length > 0 && products.length > 0;
        report(
          ok ? "ok" : "problem",
          "database",
          ok
            ? `catalog: ${models.length} models, ${products.length} credit packs`
            : `catalog is empty (${models.length} models, ${products.length} credit packs): run \`supabase db push\``,
        );
      },
    );
  } finally {
    await rpc.close();
  }
}

const bucketList = z.array(
  z.object({
    id: z.string(),
    public: z.boolean(),
    file_size_limit: z.number().nullable().optional(),
    allowed_mime_types: z.array(z.string()).nullable().optional(),
  }),
);

async function checkBuckets(live: SupabaseProject, report: Report): Promise<void> {
  await attempt("storage", "Storage could not be read", report, async () => {
    const { status, body } = await live.get("/storage/v1/bucket", "secret");
    if (status !== 200) throw new Error(`GET /storage/v1/bucket answered ${status}`);
    const buckets = bucketList.parse(body);
    for (const id of mediaBuckets) {
      const bucket = buckets.find((b) => b.id === id);
      if (!bucket) report("problem", "storage", `bucket ${id} is missing: run \`supabase db push\``);
      else if (bucket.public) report("problem", "storage", `bucket ${id} is public: make it private`);
      else if (!bucket.file_size_limit || !bucket.allowed_mime_types?.length) {
        report("warning", "storage", `bucket ${id} has no size or type limit`);
      } else report("ok", "storage", `bucket ${id}: private, up to ${megabytes(bucket.file_size_limit)}`);
    }
  });
}

function megabytes(bytes: number): string {
  return `${Math.round(bytes / (1024 * 1024))} MB`;
}

async function checkAuthConfig(
  live: SupabaseProject,
  config: Config,
  env: Record<string, string | undefined>,
  managementUrl: string,
  report: Report,
): Promise<void> {
  const token = env.SUPABASE_ACCESS_TOKEN;
  if (!token) {
    report(
      "skipped",
      "auth-config",
      "SUPABASE_ACCESS_TOKEN unset: OTP length, email templates, SMTP, linking, IP forwarding, CAPTCHA and redirect URLs not checked",
    );
    return;
  }
  await attempt("auth-config", "the project's Auth configuration could not be read", report, async () => {
    const ref = env.SUPABASE_PROJECT_REF ?? live.ref;
    const { status, body } = await live.managementGet(
      managementUrl,
      `/v1/projects/${ref}/config/auth`,
      token,
    );
    if (status !== 200) throw new Error(`the Management API answered ${status} for project ${ref}`);
    const auth = body as Record<string, unknown>;
    const expect = (ok: boolean, good: string, bad: string) =>
      report(ok ? "ok" : "problem", "auth-config", ok ? good : bad);

    expect(
      auth.mailer_otp_length === CODE_LENGTH,
      `codes of ${CODE_LENGTH} digits`,
      `email OTP length is ${auth.mailer_otp_length}, the app asks for ${CODE_LENGTH} digits`,
    );
    expect(
      auth.mailer_otp_exp === CODE_TTL_SECONDS,
      `codes expire after ${CODE_TTL_SECONDS / 60} min`,
      `email OTP expiry is ${auth.mailer_otp_exp} s; the app tells people ${CODE_TTL_SECONDS} s`,
    );
    for (const template of TEMPLATES) {
      const content = auth[`mailer_templates_${template}_content`];
      expect(
        typeof content === "string" && content.includes("{{ .Token }}"),
        `${template} email carries the code`,
        `the ${template} email template has no {{ .Token }}: people would get a link, not a code`,
      );
    }
    expect(
      Boolean(auth.smtp_host),
      "custom SMTP",
      "no custom SMTP: Supabase's own mailer only writes to the project's team",
    );
    expect(
      Number(auth.smtp_max_frequency) <= RESEND_AFTER_SECONDS,
      `a new code may be sent after ${RESEND_AFTER_SECONDS} s`,
      `the minimum interval between emails is ${auth.smtp_max_frequency} s: "send a new code" after ${RESEND_AFTER_SECONDS} s would be refused`,
    );
    expect(
      auth.security_sb_forwarded_for_enabled === true,
      "IP address forwarding on",
      "IP address forwarding is off: every visitor shares the server's auth rate limits",
    );
    if (config.appleSignIn) {
      expect(
        auth.security_manual_linking_enabled === true,
        "manual linking on",
        "manual linking is off: guests cannot add Apple",
      );
    }
    if (config.turnstile) {
      expect(
        auth.security_captcha_enabled === true && auth.security_captcha_provider === "turnstile",
        "Turnstile CAPTCHA on",
        "TURNSTILE_* are set but the project's CAPTCHA protection is not Turnstile",
      );
    }
    const callback = `${config.appOrigin}${CALLBACK_PATH}`;
    const allowList = String(auth.uri_allow_list ?? "")
      .split(",")
      .map((entry) => entry.trim());
    expect(
      allowList.some((pattern) => redirectAllowed(pattern, callback)),
      `redirect URL ${callback} allowed`,
      `add ${callback} to Auth's redirect URLs`,
    );
  });
}

/** Supabase's redirect patterns: `*` matches within a path segment or host label, `**` anything. */
export function redirectAllowed(pattern: string, url: string): boolean {
  if (!pattern) return false;
  const source = pattern
    .split("**")
    .map((part) =>
      part
        .split("*")
        .map((text) => text.replace(/[.+?^${}()|[\]\\/]/g, "\\$&"))
        .join("[^/.]*"),
    )
    .join(".*");
  return new RegExp(`^${source}$`).test(url);
}
