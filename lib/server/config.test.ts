import { createECDH } from "node:crypto";
import { availableParallelism } from "node:os";
import { describe, expect, test } from "vitest";
import { ConfigError, configWarnings, defaultDatabasePoolSize, describeConfig, loadConfig } from "./config";

const supabase = {
  NEXT_PUBLIC_SUPABASE_URL: "https://abc.supabase.co",
  NEXT_PUBLIC_SUPABASE_PUBLISHABLE_KEY: "sb_publishable_x",
  SUPABASE_SECRET_KEY: "sb_secret_x",
  SESSION_SECRET: "s".repeat(32),
};
/** What a supabase deployment needs in production (Vercel): fal, its origin, the cron's secret. */
const supabaseProduction = {
  ...supabase,
  NODE_ENV: "production",
  FAL_KEY: "key-id:key-secret",
  APP_URL: "https://rendio.example",
  CRON_SECRET: "c".repeat(16),
};

describe("loadConfig", () => {
  test("no settings means the embedded mode with data in .data", () => {
    expect(loadConfig({})).toMatchObject({
      mode: "embedded",
      dataDir: ".data",
      port: 3000,
      supabase: undefined,
    });
  });

  test("DATABASE_URL picks the postgres mode; empty values count as unset", () => {
    expect(loadConfig({ DATABASE_URL: "postgres://u:p@db:5432/app" }).mode).toBe("postgres");
    expect(loadConfig({ DATABASE_URL: "", DATA_DIR: "" })).toMatchObject({
      mode: "embedded",
      dataDir: ".data",
    });
  });

  test("complete Supabase settings pick the supabase mode, legacy key names accepted", () => {
    expect(loadConfig(supabase).supabase).toEqual({
      url: "https://abc.supabase.co",
      publishableKey: "sb_publishable_x",
      secretKey: "sb_secret_x",
    });
    const legacy = loadConfig({
      NEXT_PUBLIC_SUPABASE_URL: supabase.NEXT_PUBLIC_SUPABASE_URL,
      NEXT_PUBLIC_SUPABASE_ANON_KEY: "anon",
      SUPABASE_SERVICE_ROLE_KEY: "service",
      SESSION_SECRET: supabase.SESSION_SECRET,
    });
    expect(legacy).toMatchObject({
      mode: "supabase",
      supabase: { publishableKey: "anon", secretKey: "service" },
    });
  });

  test("half a Supabase configuration fails and names what is missing", () => {
    expect(() => loadConfig({ NEXT_PUBLIC_SUPABASE_URL: supabase.NEXT_PUBLIC_SUPABASE_URL })).toThrow(
      /also set NEXT_PUBLIC_SUPABASE_PUBLISHABLE_KEY.*and SUPABASE_SECRET_KEY/,
    );
  });

  test("supabase mode (serverless) needs SESSION_SECRET: no key file is written to disk", () => {
    const { SESSION_SECRET: _, ...withoutSecret } = supabase;
    expect(() => loadConfig(withoutSecret)).toThrow(ConfigError);
    expect(() => loadConfig(withoutSecret)).toThrow(/SESSION_SECRET is required in supabase mode/);
    expect(loadConfig(supabase).sessionSecret).toBe(supabase.SESSION_SECRET);
    // The other modes keep a key file in DATA_DIR when it is unset.
    expect(loadConfig({}).sessionSecret).toBeUndefined();
  });

  test("supabase mode in production needs fal, APP_URL and CRON_SECRET, each named", () => {
    expect(loadConfig(supabaseProduction)).toMatchObject({ mode: "supabase", videoProvider: "fal" });
    const { FAL_KEY: _key, ...local } = supabaseProduction;
    expect(() => loadConfig(local)).toThrow(/VIDEO_PROVIDER=fal .*long-lived server with a disk/);
    expect(() => loadConfig({ ...local, APP_URL: "" })).toThrow(/APP_URL is required in supabase mode/);
    expect(() => loadConfig({ ...supabaseProduction, VIDEO_PROVIDER: "local" })).toThrow(
      /VIDEO_PROVIDER=fal/,
    );
    expect(() => loadConfig({ ...supabaseProduction, CRON_SECRET: "" })).toThrow(
      /CRON_SECRET is required in supabase mode in production/,
    );
    // Outside production (a developer's machine) the local renderer and no cron are fine.
    expect(loadConfig({ ...local, NODE_ENV: "development", CRON_SECRET: "" }).videoProvider).toBe("local");
  });

  test("bad values fail fast with the variable's name", () => {
    expect(() => loadConfig({ DATABASE_URL: "mysql://x" })).toThrow(ConfigError);
    expect(() => loadConfig({ DATABASE_URL: "mysql://x" })).toThrow(/DATABASE_URL/);
    expect(() => loadConfig({ PORT: "http" })).toThrow(/PORT/);
    expect(() => loadConfig({ NODE_ENV: "staging" })).toThrow(/NODE_ENV/);
  });

  test("the generation rate limit defaults to 6 a minute and accepts a positive whole number", () => {
    expect(loadConfig({}).generationsPerMinute).toBe(6);
    expect(loadConfig({ GENERATIONS_PER_MINUTE: "30" }).generationsPerMinute).toBe(30);
    expect(() => loadConfig({ GENERATIONS_PER_MINUTE: "0" })).toThrow(/GENERATIONS_PER_MINUTE/);
  });

  test("the database pool is twice the cores plus one unless DATABASE_POOL_SIZE says otherwise", () => {
    expect(loadConfig({}).databasePoolSize).toBe(2 * availableParallelism() + 1);
    expect(loadConfig({ DATABASE_POOL_SIZE: "" }).databasePoolSize).toBe(defaultDatabasePoolSize());
    expect(loadConfig({ DATABASE_POOL_SIZE: "4" }).databasePoolSize).toBe(4);
    for (const bad of ["0", "2.5", "many", "101"]) {
      expect(() => loadConfig({ DATABASE_POOL_SIZE: bad }), bad).toThrow(/DATABASE_POOL_SIZE/);
    }
  });

  test("Stripe needs both keys; Apple sign-in only counts in supabase mode", () => {
    expect(loadConfig({}).stripe).toBeUndefined();
    expect(loadConfig({ STRIPE_SECRET_KEY: "sk_test_x", STRIPE_WEBHOOK_SECRET: "whsec_x" }).stripe).toEqual({
      secretKey: "sk_test_x",
      webhookSecret: "whsec_x",
    });
    expect(() => loadConfig({ STRIPE_SECRET_KEY: "sk_test_x" })).toThrow(/STRIPE_WEBHOOK_SECRET/);
    expect(loadConfig({ AUTH_APPLE_ENABLED: "true" }).appleSignIn).toBe(false);
    expect(loadConfig({ ...supabase, AUTH_APPLE_ENABLED: "true" }).appleSignIn).toBe(true);
    expect(() => loadConfig({ AUTH_APPLE_ENABLED: "yes" })).toThrow(/AUTH_APPLE_ENABLED/);
    expect(() => loadConfig({ CRON_SECRET: "short" })).toThrow(/CRON_SECRET/);
  });

  test("the local outbox: on outside production, off in production (embedded or postgres) unless DEV_OUTBOX=true", () => {
    const pg = { DATABASE_URL: "postgres://db/app" };
    expect(loadConfig({}).devOutbox).toBe(true);
    expect(loadConfig(pg).devOutbox).toBe(true);
    expect(loadConfig({ NODE_ENV: "production" }).devOutbox).toBe(false);
    expect(loadConfig({ ...pg, NODE_ENV: "production" }).devOutbox).toBe(false);
    expect(loadConfig({ NODE_ENV: "production", DEV_OUTBOX: "true" }).devOutbox).toBe(true);
    expect(loadConfig({ ...pg, NODE_ENV: "production", DEV_OUTBOX: "true" }).devOutbox).toBe(true);
    expect(loadConfig({ DEV_OUTBOX: "false" }).devOutbox).toBe(false);
    expect(loadConfig({ ...supabase, DEV_OUTBOX: "true" }).devOutbox).toBe(false);
    expect(() => loadConfig({ DEV_OUTBOX: "yes" })).toThrow(/DEV_OUTBOX/);
  });

  test("SMTP: SMTP_URL (smtp: or smtps:) with MAIL_FROM, both or neither; unused in supabase mode", () => {
    const smtp = {
      SMTP_URL: "smtps://mailer:pw@smtp.example.com:465",
      MAIL_FROM: "Rendio <no-reply@example.com>",
    };
    expect(loadConfig({}).smtp).toBeUndefined();
    expect(loadConfig({ SMTP_URL: "", MAIL_FROM: "" }).smtp).toBeUndefined();
    expect(loadConfig(smtp).smtp).toEqual({
      url: smtp.SMTP_URL,
      from: { name: "Rendio", address: "no-reply@example.com" },
    });
    expect(loadConfig({ ...smtp, MAIL_FROM: "no-reply@example.com" }).smtp?.from).toEqual({
      address: "no-reply@example.com",
    });
    expect(loadConfig({ ...smtp, MAIL_FROM: '"Rendio, Inc." <a@example.com>' }).smtp?.from).toEqual({
      name: "Rendio, Inc.",
      address: "a@example.com",
    });
    expect(loadConfig({ ...smtp, SMTP_URL: "smtp://127.0.0.1:2525" }).smtp?.url).toBe(
      "smtp://127.0.0.1:2525",
    );
    expect(loadConfig({ ...supabase, ...smtp }).smtp).toBeUndefined();

    expect(() => loadConfig({ SMTP_URL: smtp.SMTP_URL })).toThrow(ConfigError);
    expect(() => loadConfig({ SMTP_URL: smtp.SMTP_URL })).toThrow(/MAIL_FROM is required with SMTP_URL/);
    expect(() => loadConfig({ MAIL_FROM: smtp.MAIL_FROM })).toThrow(/SMTP_URL/);
    for (const url of ["http://smtp.example.com", "smtp.example.com:587", "mailto:a@example.com"]) {
      expect(() => loadConfig({ ...smtp, SMTP_URL: url }), url).toThrow(/SMTP_URL/);
    }
    for (const from of [
      "Rendio",
      "Rendio <not an address>",
      "a@example.com, b@example.com",
      "A <a@example.com>\nBcc: b@example.com",
    ]) {
      expect(() => loadConfig({ ...smtp, MAIL_FROM: from }), from).toThrow(/MAIL_FROM/);
    }
  });

  test("start-up: where codes go (SMTP host, never its password) and production warnings", () => {
    const smtp = { SMTP_URL: "smtp://mailer:s3cret@smtp.example.com:587", MAIL_FROM: "a@example.com" };
    const mailed = loadConfig({ ...smtp, NODE_ENV: "production" });
    expect(describeConfig(mailed)).toContain("sign-in codes are mailed via smtp://smtp.example.com:587");
    expect(describeConfig(mailed)).not.toMatch(/s3cret|mailer/);
    expect(configWarnings(mailed)).toEqual([]);

    expect(describeConfig(loadConfig({}))).toContain("sign-in codes go to /dev/outbox");
    expect(configWarnings(loadConfig({}))).toEqual([]);

    const off = loadConfig({ NODE_ENV: "production" });
    expect(describeConfig(off)).not.toContain("/dev/outbox");
    expect(configWarnings(off)).toEqual([expect.stringMatching(/email sign-in is off.*503.*SMTP_URL/)]);

    const open = loadConfig({ NODE_ENV: "production", DEV_OUTBOX: "true" });
    expect(configWarnings(open)).toEqual([
      expect.stringMatching(/anyone .*can read sign-in codes at \/dev\/outbox/),
    ]);
    expect(configWarnings(loadConfig(supabaseProduction))).toEqual([]);
  });

  test("Web Push: all three VAPID settings or none, with a private key that makes the public key", () => {
    const ecdh = createECDH("prime256v1");
    ecdh.generateKeys();
    // getPrivateKey() drops leading zero bytes (1 key in 256): web-push always writes 32 bytes.
    const privateKey = ecdh.getPrivateKey();
    const vapid = {
      VAPID_PUBLIC_KEY: ecdh.getPublicKey().toString("base64url"),
      VAPID_PRIVATE_KEY: Buffer.concat([Buffer.alloc(32 - privateKey.length), privateKey]).toString(
        "base64url",
      ),
      VAPID_SUBJECT: "mailto:ops@rendio.example",
    };
    expect(loadConfig({}).push).toBeNull();
    expect(loadConfig({ VAPID_PUBLIC_KEY: "", VAPID_PRIVATE_KEY: "", VAPID_SUBJECT: "" }).push).toBeNull();
    expect(loadConfig(vapid).push).toEqual({
      publicKey: vapid.VAPID_PUBLIC_KEY,
      privateKey: vapid.VAPID_PRIVATE_KEY,
      subject: "mailto:ops@rendio.example",
    });
    expect(loadConfig({ ...vapid, VAPID_SUBJECT: "https://rendio.example/contact" }).push?.subject).toBe(
      "https://rendio.example/contact",
    );
    expect(() => loadConfig({ ...vapid, VAPID_SUBJECT: "" })).toThrow(/half configured.*VAPID_SUBJECT/);
    expect(() => loadConfig({ VAPID_PRIVATE_KEY: vapid.VAPID_PRIVATE_KEY })).toThrow(/half configured/);
    expect(() => loadConfig({ ...vapid, VAPID_SUBJECT: "http://rendio.example" })).toThrow(/VAPID_SUBJECT/);
    expect(() => loadConfig({ ...vapid, VAPID_SUBJECT: "ops@rendio.example" })).toThrow(/VAPID_SUBJECT/);
    expect(() => loadConfig({ ...vapid, VAPID_PUBLIC_KEY: "abc" })).toThrow(/VAPID_PUBLIC_KEY/);
    expect(() => loadConfig({ ...vapid, VAPID_PRIVATE_KEY: `${vapid.VAPID_PRIVATE_KEY}=` })).toThrow(
      /VAPID_PRIVATE_KEY/,
    );
    const other = createECDH("prime256v1");
    other.generateKeys();
    expect(() =>
      loadConfig({ ...vapid, VAPID_PUBLIC_KEY: other.getPublicKey().toString("base64url") }),
    ).toThrow(/not the public key of VAPID_PRIVATE_KEY/);
  });

  test("local push endpoints (a test receiver) are accepted everywhere but production", () => {
    expect(loadConfig({ NODE_ENV: "test" }).pushLocalEndpoints).toBe(true);
    expect(loadConfig({ NODE_ENV: "development" }).pushLocalEndpoints).toBe(true);
    expect(loadConfig({ NODE_ENV: "production" }).pushLocalEndpoints).toBe(false);
  });

  test("TRUST_PROXY: none by default, vercel, or a number of proxies from 1 to 10", () => {
    expect(loadConfig({}).trustProxy).toBe("none");
    expect(loadConfig({ TRUST_PROXY: "" }).trustProxy).toBe("none");
    expect(loadConfig({ TRUST_PROXY: "vercel" }).trustProxy).toBe("vercel");
    expect(loadConfig({ TRUST_PROXY: "2" }).trustProxy).toBe(2);
    for (const bad of ["0", "11", "1.5", "true", "cloudflare"]) {
      expect(() => loadConfig({ TRUST_PROXY: bad })).toThrow(/TRUST_PROXY/);
    }
  });

  test("APP_URL is an http(s) origin, kept as URL.origin spells it", () => {
    expect(loadConfig({}).appOrigin).toBeUndefined();
    expect(loadConfig({ APP_URL: "https://Rendio.Example:443/" }).appOrigin).toBe("https://rendio.example");
    expect(loadConfig({ APP_URL: "http://127.0.0.1:3000" }).appOrigin).toBe("http://127.0.0.1:3000");
    for (const bad of [
      "rendio.example",
      "ftp://rendio.example",
      "https://rendio.example/app",
      "https://x.example/?a=1",
    ]) {
      expect(() => loadConfig({ APP_URL: bad })).toThrow(/APP_URL/);
    }
  });

  test("on Vercel without APP_URL: a preview's branch URL, production's domain; APP_URL wins", () => {
    const vercel = {
      VERCEL_BRANCH_URL: "rendio-git-feature-team.vercel.app",
      VERCEL_PROJECT_PRODUCTION_URL: "rendio.example",
    };
    expect(loadConfig({ ...vercel, VERCEL_ENV: "preview" }).appOrigin).toBe(
      "https://rendio-git-feature-team.vercel.app",
    );
    expect(loadConfig({ ...vercel, VERCEL_ENV: "production" }).appOrigin).toBe("https://rendio.example");
    expect(loadConfig({ ...vercel, VERCEL_ENV: "development" }).appOrigin).toBeUndefined();
    expect(loadConfig(vercel).appOrigin).toBeUndefined();
    expect(
      loadConfig({ ...vercel, VERCEL_ENV: "preview", APP_URL: "https://staging.example" }).appOrigin,
    ).toBe("https://staging.example");
  });

  test("Turnstile is off by default, on with both keys, and its siteverify URL can be pointed elsewhere", () => {
    expect(loadConfig({}).turnstile).toBeNull();
    const keys = {
      TURNSTILE_SITE_KEY: "1x00000000000000000000AA",
      TURNSTILE_SECRET_KEY: "1x0000000000000000000000000000000AA",
    };
    expect(loadConfig(keys).turnstile).toEqual({
      siteKey: "1x00000000000000000000AA",
      secretKey: "1x0000000000000000000000000000000AA",
      verifyUrl: "https://challenges.cloudflare.com/turnstile/v0/siteverify",
    });
    expect(
      loadConfig({ ...keys, TURNSTILE_VERIFY_URL: "http://127.0.0.1:9/siteverify" }).turnstile?.verifyUrl,
    ).toBe("http://127.0.0.1:9/siteverify");
    expect(() => loadConfig({ ...keys, TURNSTILE_VERIFY_URL: "ftp://x" })).toThrow(/TURNSTILE_VERIFY_URL/);
  });

  test("half a Turnstile configuration fails", () => {
    expect(() => loadConfig({ TURNSTILE_SITE_KEY: "1x00000000000000000000AA" })).toThrow(
      /set both TURNSTILE_SITE_KEY and TURNSTILE_SECRET_KEY/,
    );
    expect(() => loadConfig({ TURNSTILE_SECRET_KEY: "1x0000000000000000000000000000000AA" })).toThrow(
      ConfigError,
    );
  });

  test("the start-up line names the mode and hides passwords", () => {
    const line = describeConfig(loadConfig({ DATABASE_URL: "postgres://app:s3cret@db:5432/app" }));
    expect(line).toContain("mode: postgres");
    expect(line).not.toContain("s3cret");
  });
});

describe("video provider", () => {
  const fal = { FAL_KEY: "key-id:secret", APP_URL: "https://rendio.example" };

  test("the local renderer without a fal key, in every database mode", () => {
    expect(loadConfig({}).videoProvider).toBe("local");
    expect(loadConfig({ DATABASE_URL: "postgres://db/app" }).videoProvider).toBe("local");
    expect(loadConfig({}).fal).toBeNull();
    expect(describeConfig(loadConfig({}))).toContain("videos by the local preview renderer");
  });

  test("fal by default once FAL_KEY is set, with fal's own queue and keys", () => {
    const config = loadConfig(fal);
    expect(config.videoProvider).toBe("fal");
    expect(config.fal).toEqual({
      key: "key-id:secret",
      queueUrl: "https://queue.fal.run",
      jwksUrl: "https://rest.alpha.fal.ai/.well-known/jwks.json",
    });
    expect(describeConfig(config)).toContain("videos by fal.ai");
    expect(describeConfig(config)).not.toContain("secret");
  });

  test("VIDEO_PROVIDER chooses, and the queue and keys can point elsewhere (a stand-in)", () => {
    expect(loadConfig({ ...fal, VIDEO_PROVIDER: "local" })).toMatchObject({
      videoProvider: "local",
      fal: null,
    });
    const config = loadConfig({
      ...fal,
      VIDEO_PROVIDER: "fal",
      FAL_QUEUE_URL: "http://127.0.0.1:4100",
      FAL_JWKS_URL: "http://127.0.0.1:4100/.well-known/jwks.json",
    });
    expect(config.fal?.queueUrl).toBe("http://127.0.0.1:4100");
    expect(config.fal?.jwksUrl).toBe("http://127.0.0.1:4100/.well-known/jwks.json");
  });

  test("fal without its key, without APP_URL, or with a bad setting fails and names it", () => {
    expect(() => loadConfig({ VIDEO_PROVIDER: "fal", APP_URL: fal.APP_URL })).toThrow(/FAL_KEY/);
    expect(() => loadConfig({ FAL_KEY: fal.FAL_KEY })).toThrow(/APP_URL is required with the fal provider/);
    expect(() => loadConfig({ ...fal, VIDEO_PROVIDER: "runway" })).toThrow(/VIDEO_PROVIDER/);
    expect(() => loadConfig({ ...fal, FAL_QUEUE_URL: "queue.fal.run" })).toThrow(/FAL_QUEUE_URL/);
    expect(() => loadConfig({ ...fal, APP_URL: "rendio.example" })).toThrow(/APP_URL/);
  });
});
