import { randomUUID } from "node:crypto";
import pg from "pg";
import { afterAll, beforeAll, describe, expect, inject, test } from "vitest";
import webpush from "web-push";
import { checkDeployment, type Finding, redirectAllowed } from "../../scripts/deploy-checks";
import { TEMPLATE_DATABASE } from "../../scripts/test-support/db/global-postgres";
import { withDatabase } from "../../scripts/test-support/db/postgres-cluster";
import { type SupabaseStandIn, startSupabaseStandIn } from "../../scripts/test-support/stand-ins/supabase";

/**
 * `npm run check:deploy` against the Supabase stand-in on a real, migrated PostgreSQL: a complete
 * setup reports no problem, and each missing piece is reported on its own. db-postgres only.
 */

const APP = "https://rendio.example";
let admin: pg.Client;
let db: pg.Pool;
let s: SupabaseStandIn;
let complete: Record<string, string>;

beforeAll(async () => {
  const serverUrl = inject("postgresUrl");
  const name = `rendio_test_${randomUUID().replaceAll("-", "").slice(0, 16)}`;
  admin = new pg.Client({ connectionString: serverUrl });
  await admin.connect();
  await admin.query(`create database ${name} template ${TEMPLATE_DATABASE}`);
  const databaseUrl = withDatabase(serverUrl, name);
  db = new pg.Pool({ connectionString: databaseUrl, max: 2 });
  db.on("error", () => {});
  s = await startSupabaseStandIn({ databaseUrl, siteUrl: APP, captchaToken: "turnstile-ok" });
  const vapid = webpush.generateVAPIDKeys();
  complete = {
    ...s.appSettings,
    SUPABASE_ACCESS_TOKEN: s.managementToken,
    SUPABASE_PROJECT_REF: s.projectRef,
    APP_URL: APP,
    FAL_KEY: "fal-key-id:fal-key-secret",
    CRON_SECRET: "c".repeat(32),
    TRUST_PROXY: "vercel",
    STRIPE_SECRET_KEY: "sk_live_x",
    STRIPE_WEBHOOK_SECRET: "whsec_x",
    VAPID_PUBLIC_KEY: vapid.publicKey,
    VAPID_PRIVATE_KEY: vapid.privateKey,
    VAPID_SUBJECT: "mailto:ops@rendio.example",
    TURNSTILE_SITE_KEY: "0x4AAAAAAA",
    TURNSTILE_SECRET_KEY: "0x4AAAAAAA-secret",
    AUTH_APPLE_ENABLED: "true",
  };
});

afterAll(async () => {
  await s?.close();
  await db?.end();
  await admin?.end();
});

const check = (env: Record<string, string | undefined> = complete) =>
  checkDeployment(env, { managementUrl: s.managementUrl, timeoutMs: 5000 });

const problems = (findings: Finding[]) =>
  findings.filter((f) => f.status === "problem").map((f) => f.message);

describe("a complete setup", () => {
  test("reports no problem, and every area was checked", async () => {
    const findings = await check();
    expect(problems(findings)).toEqual([]);
    expect(findings.filter((f) => f.status === "warning" || f.status === "skipped")).toEqual([]);
    expect(new Set(findings.map((f) => f.area))).toEqual(
      new Set(["settings", "auth", "database", "storage", "auth-config"]),
    );
    expect(findings.map((f) => f.message)).toEqual(
      expect.arrayContaining([
        expect.stringMatching(/^catalog: \d+ models, \d+ credit packs$/),
        "bucket videos: private, up to 200 MB",
        "IP address forwarding on",
      ]),
    );
  });

  test("only reads: every request it made was a GET or a read-only RPC", async () => {
    const before = s.calls.length;
    await check();
    const made = s.calls.slice(before);
    expect(made.length).toBeGreaterThan(5);
    for (const call of made) {
      expect(
        call.method === "GET" || /^\/rest\/v1\/rpc\/(list_catalog|list_credit_products)$/.test(call.path),
        `${call.method} ${call.path}`,
      ).toBe(true);
    }
  });
});

describe("each missing piece is reported", () => {
  const envCases: [string, Record<string, string | undefined>, ...RegExp[]][] = [
    ["no cron secret", { CRON_SECRET: undefined }, /CRON_SECRET is required/],
    ["the socket as client address", { TRUST_PROXY: undefined }, /TRUST_PROXY is none/],
    ["no Stripe", { STRIPE_SECRET_KEY: undefined, STRIPE_WEBHOOK_SECRET: undefined }, /test purchases/],
    [
      "an http origin (whose callback is not an allowed redirect either)",
      { APP_URL: "http://rendio.example" },
      /APP_URL must be the app's public https origin/,
      /add http:\/\/rendio\.example\/api\/auth\/callback/,
    ],
    ["no session secret", { SESSION_SECRET: undefined }, /SESSION_SECRET is required/],
    ["half a Supabase setting", { SUPABASE_SECRET_KEY: undefined }, /half configured.*SUPABASE_SECRET_KEY/],
  ];
  for (const [name, change, ...expected] of envCases) {
    test(`settings: ${name}`, async () => {
      const found = problems(await check({ ...complete, ...change }));
      expect(found).toEqual(expected.map((pattern) => expect.stringMatching(pattern)));
    });
  }

  test("settings: no VAPID keys is a warning, not a problem", async () => {
    const findings = await check({
      ...complete,
      VAPID_PUBLIC_KEY: "",
      VAPID_PRIVATE_KEY: "",
      VAPID_SUBJECT: "",
    });
    expect(problems(findings)).toEqual([]);
    expect(findings).toContainEqual({
      status: "warning",
      area: "settings",
      message: expect.stringMatching(/VAPID/),
    });
  });

  const authCases: [string, Record<string, unknown>, RegExp][] = [
    ["anonymous sign-ins off", { external_anonymous_users_enabled: false }, /anonymous sign-ins are off/],
    ["email confirmation off", { mailer_autoconfirm: true }, /"Confirm email" is off/],
    ["Apple off", { external_apple_enabled: false }, /Apple provider is off/],
    ["8-digit codes", { mailer_otp_length: 8 }, /OTP length is 8/],
    ["codes valid an hour", { mailer_otp_exp: 3600 }, /OTP expiry is 3600 s/],
    [
      "a link in the sign-in mail",
      { mailer_templates_magic_link_content: "<a href='{{ .ConfirmationURL }}'>Sign in</a>" },
      /magic_link email template has no \{\{ \.Token \}\}/,
    ],
    ["no custom SMTP", { smtp_host: "" }, /no custom SMTP/],
    ["Supabase's 60 s between emails", { smtp_max_frequency: 60 }, /minimum interval between emails is 60 s/],
    ["no IP forwarding", { security_sb_forwarded_for_enabled: false }, /IP address forwarding is off/],
    ["no manual linking", { security_manual_linking_enabled: false }, /manual linking is off/],
    ["no CAPTCHA", { security_captcha_enabled: false }, /CAPTCHA protection is not Turnstile/],
    [
      "no redirect URL",
      { uri_allow_list: "https://other.example/**" },
      /add https:\/\/rendio\.example\/api\/auth\/callback/,
    ],
  ];
  for (const [name, change, expected] of authCases) {
    test(`auth: ${name}`, async () => {
      const saved = Object.fromEntries(Object.keys(change).map((key) => [key, s.authConfig[key]]));
      Object.assign(s.authConfig, change);
      try {
        expect(problems(await check())).toEqual([expect.stringMatching(expected)]);
      } finally {
        Object.assign(s.authConfig, saved);
      }
    });
  }

  test("storage: a missing bucket, a public one", async () => {
    const { rows } = await db.query("delete from storage.buckets where id = 'videos' returning *");
    await db.query("update storage.buckets set public = true where id = 'thumbnails'");
    try {
      expect(problems(await check())).toEqual([
        expect.stringMatching(/bucket videos is missing/),
        expect.stringMatching(/bucket thumbnails is public/),
      ]);
    } finally {
      await db.query("update storage.buckets set public = false where id = 'thumbnails'");
      const row = rows[0];
      await db.query(
        "insert into storage.buckets (id, name, public, file_size_limit, allowed_mime_types) values ($1, $2, $3, $4, $5)",
        [row.id, row.name, row.public, row.file_size_limit, row.allowed_mime_types],
      );
    }
  });

  test("database: an empty catalog", async () => {
    await db.query("update public.models set is_available = false");
    try {
      expect(problems(await check())).toEqual([expect.stringMatching(/catalog is empty \(0 models/)]);
    } finally {
      await db.query("update public.models set is_available = true");
    }
  });

  test("without an access token the Auth configuration is skipped, and said so", async () => {
    const findings = await check({ ...complete, SUPABASE_ACCESS_TOKEN: undefined });
    expect(problems(findings)).toEqual([]);
    expect(findings.filter((f) => f.area === "auth-config")).toEqual([
      {
        status: "skipped",
        area: "auth-config",
        message: expect.stringMatching(/SUPABASE_ACCESS_TOKEN unset/),
      },
    ]);
  });

  test("an unreachable project is reported per area, never a crash", async () => {
    const found = problems(await check({ ...complete, NEXT_PUBLIC_SUPABASE_URL: "http://127.0.0.1:9" }));
    expect(found).toEqual(
      expect.arrayContaining([
        expect.stringMatching(/^Supabase Auth could not be read/),
        expect.stringMatching(/^the schema is missing or out of date/),
        expect.stringMatching(/^Storage could not be read/),
      ]),
    );
  });
});

test("redirect patterns as Supabase matches them", () => {
  expect(redirectAllowed("https://rendio.example/**", "https://rendio.example/api/auth/callback")).toBe(true);
  expect(
    redirectAllowed("https://rendio.example/api/auth/callback", "https://rendio.example/api/auth/callback"),
  ).toBe(true);
  expect(
    redirectAllowed("https://*.vercel.app/**", "https://rendio-git-x.vercel.app/api/auth/callback"),
  ).toBe(true);
  expect(redirectAllowed("https://*.vercel.app/**", "https://evil.example/x.vercel.app/")).toBe(false);
  expect(redirectAllowed("https://rendio.example/*", "https://rendio.example/api/auth/callback")).toBe(false);
  expect(redirectAllowed("", "https://rendio.example/")).toBe(false);
});
