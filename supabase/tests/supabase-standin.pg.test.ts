import { randomUUID } from "node:crypto";
import { createServerClient } from "@supabase/ssr";
import { createClient } from "@supabase/supabase-js";
import { decodeProtectedHeader } from "jose";
import pg from "pg";
import { afterAll, beforeAll, describe, expect, inject, test } from "vitest";
import WebSocket from "ws";
import * as r from "../../lib/server/db/functions";
import { supabaseRpc } from "../../lib/server/db/supabase";
import { supabaseMediaStore } from "../../lib/server/storage/supabase";
import { expectAppError } from "../../scripts/test-support/db/fixtures";
import { TEMPLATE_DATABASE } from "../../scripts/test-support/db/global-postgres";
import { withDatabase } from "../../scripts/test-support/db/postgres-cluster";
import {
  type SupabaseStandIn,
  type SupabaseStandInOptions,
  startSupabaseStandIn,
} from "../../scripts/test-support/stand-ins/supabase";

/**
 * The Supabase stand-in (scripts/test-support/stand-ins/supabase) through the real adapters and
 * libraries — supabaseRpc, supabaseMediaStore, @supabase/ssr and supabase-js — over real HTTP,
 * on a real PostgreSQL migrated with the Supabase shim. db-postgres project only.
 */

let admin: pg.Client;
let databaseUrl: string;
let superuser: pg.Pool;
const standIns: SupabaseStandIn[] = [];
let s: SupabaseStandIn;

async function start(options: Partial<SupabaseStandInOptions> = {}): Promise<SupabaseStandIn> {
  const standIn = await startSupabaseStandIn({ databaseUrl, siteUrl: "http://app.test", ...options });
  standIns.push(standIn);
  return standIn;
}

beforeAll(async () => {
  const serverUrl = inject("postgresUrl");
  const name = `rendio_test_${randomUUID().replaceAll("-", "").slice(0, 16)}`;
  admin = new pg.Client({ connectionString: serverUrl });
  await admin.connect();
  await admin.query(`create database ${name} template ${TEMPLATE_DATABASE}`);
  databaseUrl = withDatabase(serverUrl, name);
  superuser = new pg.Pool({ connectionString: databaseUrl, max: 2 });
  superuser.on("error", () => {});
  // Supabase's own table (supabase/local/04_storage_shim.sql makes it once that lands), the columns read.
  await superuser.query(`
    create schema if not exists storage;
    create table if not exists storage.buckets (
      id text primary key, name text not null unique, public boolean default false,
      file_size_limit bigint, allowed_mime_types text[],
      created_at timestamptz default now(), updated_at timestamptz default now())`);
  s = await start({ authConfig: { security_refresh_token_reuse_interval: 0 } });
});

afterAll(async () => {
  for (const standIn of standIns) await standIn.close();
  await superuser.end();
  await admin.end();
});

/** A server-side @supabase/ssr client with its own cookie jar (one browser). */
function ssrClient(
  standIn: SupabaseStandIn,
  key = standIn.publishableKey,
  headers: Record<string, string> = {},
) {
  const jar = new Map<string, string>();
  const client = createServerClient(standIn.url, key, {
    cookies: {
      getAll: () => [...jar].map(([name, value]) => ({ name, value })),
      setAll: (cookies) => {
        for (const { name, value } of cookies) {
          if (value) jar.set(name, value);
          else jar.delete(name);
        }
      },
    },
    global: { headers },
    realtime: { transport: WebSocket as never },
  });
  return { client, jar };
}

async function authUser(id: string) {
  const { rows } = await superuser.query("select email, is_anonymous from auth.users where id = $1", [id]);
  return rows[0] as { email: string | null; is_anonymous: boolean } | undefined;
}

describe("gateway", () => {
  test("refuses a request without a known apikey", async () => {
    const missing = await fetch(`${s.url}/auth/v1/settings`);
    expect(missing.status).toBe(401);
    expect(await missing.json()).toMatchObject({ message: "No API key found in request" });
    const wrong = await fetch(`${s.url}/rest/v1/rpc/list_catalog`, {
      method: "POST",
      headers: { apikey: "nope" },
    });
    expect(wrong.status).toBe(401);
  });
});

describe("PostgREST", () => {
  test("supabaseRpc runs our SQL functions as service_role and maps errors", async () => {
    const rpc = supabaseRpc({ url: s.url, secretKey: s.secretKey });
    const catalog = await rpc.call("list_catalog", { p_locale: "tr" }, r.catalogResult);
    expect(catalog.models.length).toBeGreaterThan(0);
    await expectAppError(
      rpc.call("list_catalog", { p_locale: "xx" }, r.catalogResult),
      "validation_failed",
      "locale",
    );
    await rpc.close();
    const call = s.calls.findLast((c) => c.path === "/rest/v1/rpc/list_catalog");
    expect(call?.headers.apikey).toBe(s.secretKey);
  });

  test("with the publishable key a call runs as anon, which may not run service functions", async () => {
    const rpc = supabaseRpc({ url: s.url, secretKey: s.publishableKey });
    await expect(rpc.call("complete_sign_in", { p_user_id: randomUUID() }, r.signInResult)).rejects.toThrow();
    await rpc.close();
  });
});

describe("GoTrue", () => {
  test("anonymous sign-in makes an auth.users row; getClaims verifies the ES256 token via the JWKS", async () => {
    const { client } = ssrClient(s);
    const { data, error } = await client.auth.signInAnonymously();
    expect(error).toBeNull();
    const session = data.session;
    expect(session).not.toBeNull();
    expect(decodeProtectedHeader(session?.access_token ?? "")).toMatchObject({ alg: "ES256", typ: "JWT" });
    expect(await authUser(data.user?.id ?? "")).toEqual({ email: null, is_anonymous: true });

    const before = s.count("GET", "/auth/v1/user");
    const claims = await client.auth.getClaims();
    expect(claims.error).toBeNull();
    expect(claims.data?.claims).toMatchObject({
      sub: data.user?.id,
      aud: "authenticated",
      role: "authenticated",
      is_anonymous: true,
      aal: "aal1",
      iss: `${s.url}/auth/v1`,
    });
    expect(claims.data?.claims.session_id).toEqual(expect.any(String));
    expect(claims.data?.claims.amr).toEqual([{ method: "anonymous", timestamp: expect.any(Number) }]);
    expect(s.count("GET", "/auth/v1/.well-known/jwks.json")).toBeGreaterThan(0);
    expect(s.count("GET", "/auth/v1/user")).toBe(before); // verified locally, no round trip
    expect(s.calls.findLast((c) => c.path === "/auth/v1/signup")?.headers.apikey).toBe(s.publishableKey);
  });

  test("a guest adds an email: code by mail, verify email_change, then SQL sees a permanent user", async () => {
    const { client } = ssrClient(s);
    const guest = (await client.auth.signInAnonymously()).data.user?.id as string;
    const email = `guest-${randomUUID().slice(0, 8)}@example.com`;
    const rpc = supabaseRpc({ url: s.url, secretKey: s.secretKey });

    const update = await client.auth.updateUser({ email });
    expect(update.error).toBeNull();
    expect(update.data.user?.new_email).toBe(email);
    await expectAppError(rpc.call("complete_sign_in", { p_user_id: guest }, r.signInResult), "unauthorized");

    const code = s.lastCode(email) as string;
    expect(code).toMatch(/^\d{6}$/);
    const wrong = await client.auth.verifyOtp({
      email,
      token: code === "000000" ? "111111" : "000000",
      type: "email_change",
    });
    expect(wrong.error).toMatchObject({ status: 403, code: "otp_expired" });
    const verified = await client.auth.verifyOtp({ email, token: code, type: "email_change" });
    expect(verified.error).toBeNull();
    expect(verified.data.user).toMatchObject({ id: guest, email, is_anonymous: false });
    expect(await authUser(guest)).toEqual({ email, is_anonymous: false });

    const signedIn = await rpc.call("complete_sign_in", { p_user_id: guest }, r.signInResult);
    expect(signedIn.user.email).toBe(email);
    await rpc.close();
  });

  test("sign-in by code: /otp mails six digits, /verify type email opens a session; an address taken is refused", async () => {
    const email = `otp-${randomUUID().slice(0, 8)}@example.com`;
    const { client } = ssrClient(s);
    expect((await client.auth.signInWithOtp({ email })).error).toBeNull();
    const verified = await client.auth.verifyOtp({
      email,
      token: s.lastCode(email) as string,
      type: "email",
    });
    expect(verified.error).toBeNull();
    expect(verified.data.session?.user.email).toBe(email);
    expect((await client.auth.getUser()).data.user?.email).toBe(email);

    const guest = ssrClient(s).client;
    await guest.auth.signInAnonymously();
    expect((await guest.auth.updateUser({ email })).error).toMatchObject({
      status: 422,
      code: "email_exists",
    });
  });

  test("an expired access token is refreshed once; a refresh token used twice is refused", async () => {
    s.authConfig.jwt_exp = 1;
    try {
      const { client } = ssrClient(s);
      const first = (await client.auth.signInAnonymously()).data.session;
      await new Promise((resolve) => setTimeout(resolve, 1500));
      const refreshesBefore = s.count("POST", "/auth/v1/token");
      const claims = await client.auth.getClaims();
      expect(claims.data?.claims.sub).toBe(first?.user.id);
      expect(s.count("POST", "/auth/v1/token")).toBe(refreshesBefore + 1);
      const refreshed = (await client.auth.getSession()).data.session;
      expect(refreshed?.refresh_token).not.toBe(first?.refresh_token);

      const reuse = await fetch(`${s.url}/auth/v1/token?grant_type=refresh_token`, {
        method: "POST",
        headers: {
          apikey: s.publishableKey,
          "content-type": "application/json",
          "x-supabase-api-version": "2024-01-01",
        },
        body: JSON.stringify({ refresh_token: first?.refresh_token }),
      });
      expect(reuse.status).toBe(400);
      expect(await reuse.json()).toEqual({
        code: "refresh_token_already_used",
        message: "Invalid Refresh Token: Already Used",
      });
    } finally {
      s.authConfig.jwt_exp = 3600;
    }
  });

  test("a deleted auth user loses its session", async () => {
    const { client } = ssrClient(s);
    const id = (await client.auth.signInAnonymously()).data.user?.id;
    await superuser.query("delete from auth.users where id = $1", [id]);
    expect((await client.auth.getUser()).error).toMatchObject({ status: 403, code: "user_not_found" });
  });

  test("auth.admin.deleteUser needs the secret key and removes the row and its sessions", async () => {
    const { client } = ssrClient(s);
    const id = (await client.auth.signInAnonymously()).data.user?.id as string;
    const asGuest = createClient(s.url, s.publishableKey, { realtime: { transport: WebSocket as never } });
    expect((await asGuest.auth.admin.deleteUser(id)).error).toMatchObject({ status: 403, code: "not_admin" });
    const admin = createClient(s.url, s.secretKey, { realtime: { transport: WebSocket as never } });
    expect((await admin.auth.admin.deleteUser(id)).error).toBeNull();
    expect(await authUser(id)).toBeUndefined();
    expect(s.sessionCount(id)).toBe(0);
  });

  test("logout ends the session", async () => {
    const { client } = ssrClient(s);
    const id = (await client.auth.signInAnonymously()).data.user?.id as string;
    expect(s.sessionCount(id)).toBe(1);
    expect((await client.auth.signOut()).error).toBeNull();
    expect(s.sessionCount(id)).toBe(0);
  });
});

describe("GoTrue client address and CAPTCHA", () => {
  test("Sb-Forwarded-For counts the person only with the secret key and IP forwarding on", async () => {
    const limited = await start({ limits: { anonymousSignInsPerAddress: 2 } });
    const signIn = (key: string, address?: string) =>
      ssrClient(limited, key, address ? { "sb-forwarded-for": address } : {}).client.auth.signInAnonymously();

    expect((await signIn(limited.secretKey, "203.0.113.7")).error).toBeNull();
    expect((await signIn(limited.secretKey, "203.0.113.7, 10.0.0.1")).error).toBeNull();
    expect((await signIn(limited.secretKey, "203.0.113.7")).error).toMatchObject({
      status: 429,
      code: "over_request_rate_limit",
    });
    expect((await signIn(limited.secretKey, "203.0.113.8")).error).toBeNull(); // another person
    const call = limited.calls.findLast((c) => c.path === "/auth/v1/signup");
    expect(call).toMatchObject({ clientAddress: "203.0.113.8" });
    expect(call?.headers["sb-forwarded-for"]).toBe("203.0.113.8");

    // The publishable key cannot forward: every such call is the server's own address.
    expect((await signIn(limited.publishableKey, "198.51.100.1")).error).toBeNull();
    expect(limited.calls.at(-1)?.clientAddress).toBe("127.0.0.1");
    await signIn(limited.publishableKey, "198.51.100.2");
    expect((await signIn(limited.publishableKey, "198.51.100.3")).error).toMatchObject({ status: 429 });

    // With the project setting off, the header is ignored even with the secret key.
    limited.resetRateLimits();
    limited.authConfig.security_sb_forwarded_for_enabled = false;
    await signIn(limited.secretKey, "203.0.113.9");
    expect(limited.calls.at(-1)?.clientAddress).toBe("127.0.0.1");
  });

  test("OTP requests are limited per address; CAPTCHA is required when on", async () => {
    const guarded = await start({ captchaToken: "pass", limits: { otpPerAddress: 1 } });
    const { client } = ssrClient(guarded);
    expect((await client.auth.signInAnonymously()).error).toMatchObject({
      status: 400,
      code: "captcha_failed",
    });
    expect((await client.auth.signInAnonymously({ options: { captchaToken: "wrong" } })).error).toMatchObject(
      {
        code: "captcha_failed",
      },
    );
    expect((await client.auth.signInAnonymously({ options: { captchaToken: "pass" } })).error).toBeNull();
    const email = "limited@example.com";
    expect((await client.auth.signInWithOtp({ email, options: { captchaToken: "pass" } })).error).toBeNull();
    expect(
      (await client.auth.signInWithOtp({ email, options: { captchaToken: "pass" } })).error,
    ).toMatchObject({
      status: 429,
      code: "over_request_rate_limit",
    });
  });
});

test("a second code to the same person within smtp_max_frequency is over_email_send_rate_limit", async () => {
  const mailer = await start({ limits: { emailFrequencySeconds: 60, emailsSent: 2 } });
  const { client } = ssrClient(mailer);
  expect((await client.auth.signInWithOtp({ email: "first@example.com" })).error).toBeNull();
  const again = await client.auth.signInWithOtp({ email: "first@example.com" });
  expect(again.error).toMatchObject({ status: 429, code: "over_email_send_rate_limit" });
  expect(again.error?.message).toMatch(
    /^For security purposes, you can only request this after \d+ seconds\.$/,
  );
  expect((await client.auth.signInWithOtp({ email: "second@example.com" })).error).toBeNull();
  const third = await client.auth.signInWithOtp({ email: "third@example.com" });
  expect(third.error).toMatchObject({
    status: 429,
    code: "over_email_send_rate_limit",
    message: "email rate limit exceeded",
  });
  expect(mailer.mailbox.map((m) => m.to)).toEqual(["first@example.com", "second@example.com"]);
  expect((await superuser.query("select 1 from auth.users where email = 'third@example.com'")).rowCount).toBe(
    0,
  );
});

describe("GoTrue with Apple", () => {
  test("linkIdentity gives a guest the Apple identity in place", async () => {
    const { client } = ssrClient(s);
    const guest = (await client.auth.signInAnonymously()).data.user?.id as string;
    const email = `apple-${randomUUID().slice(0, 8)}@privaterelay.appleid.com`;
    s.queueAppleIdentity({ sub: `apple-${randomUUID()}`, email });
    const { data, error } = await client.auth.linkIdentity({
      provider: "apple",
      options: { redirectTo: "http://app.test/auth/callback" },
    });
    expect(error).toBeNull();
    const landing = await s.followOAuth(data?.url as string);
    expect(landing.origin + landing.pathname).toBe("http://app.test/auth/callback");
    const code = landing.searchParams.get("code") as string;
    const exchanged = await client.auth.exchangeCodeForSession(code);
    expect(exchanged.error).toBeNull();
    expect(exchanged.data.user).toMatchObject({ id: guest, email, is_anonymous: false });
    expect(await authUser(guest)).toEqual({ email, is_anonymous: false });
  });

  test("an Apple identity or email that has an account: the callback carries GoTrue's error, no code", async () => {
    const sub = `apple-${randomUUID()}`;
    const email = `owner-${randomUUID().slice(0, 8)}@example.com`;
    const owner = ssrClient(s).client;
    s.queueAppleIdentity({ sub, email });
    const start = await owner.auth.signInWithOAuth({
      provider: "apple",
      options: { redirectTo: "http://app.test/auth/callback" },
    });
    const ownerLanding = await s.followOAuth(start.data.url as string);
    const ownerSession = await owner.auth.exchangeCodeForSession(
      ownerLanding.searchParams.get("code") as string,
    );
    expect(ownerSession.data.user?.email).toBe(email);

    const guest = ssrClient(s).client;
    await guest.auth.signInAnonymously();
    s.queueAppleIdentity({ sub, email });
    const linked = await guest.auth.linkIdentity({
      provider: "apple",
      options: { redirectTo: "http://app.test/auth/callback" },
    });
    const refused = await s.followOAuth(linked.data?.url as string);
    expect(refused.searchParams.get("code")).toBeNull();
    expect(Object.fromEntries(refused.searchParams)).toMatchObject({
      error: "server_error",
      error_code: "identity_already_exists",
      error_description: "Identity is already linked to another user",
    });

    s.queueAppleIdentity({ sub: `apple-${randomUUID()}`, email });
    const again = await guest.auth.linkIdentity({
      provider: "apple",
      options: { redirectTo: "http://app.test/auth/callback" },
    });
    const emailTaken = await s.followOAuth(again.data?.url as string);
    expect(emailTaken.searchParams.get("error_code")).toBe("email_exists");
    expect(emailTaken.searchParams.get("error")).toBe("invalid_request");
  });
});

describe("Storage", () => {
  test("an upload to a bucket without a row is Storage's 'Bucket not found'", async () => {
    await superuser.query("delete from storage.buckets where id = 'inputs'"); // a project the migration missed
    const store = supabaseMediaStore({ url: s.url, secretKey: s.secretKey });
    await expect(store.put("inputs/a/b.png", new Uint8Array([1, 2, 3]), "image/png")).rejects.toThrow(
      "Bucket not found",
    );
    const call = s.calls.findLast((c) => c.path.startsWith("/storage/v1/object/inputs/"));
    expect(call?.status).toBe(400);
    const raw = await fetch(`${s.url}/storage/v1/object/inputs/x.png`, {
      method: "POST",
      headers: { apikey: s.secretKey, authorization: `Bearer ${s.secretKey}`, "content-type": "image/png" },
      body: new Uint8Array([1]),
    });
    expect(await raw.json()).toEqual({
      statusCode: "404",
      code: "NoSuchBucket",
      error: "Bucket not found",
      message: "Bucket not found",
    });
  });

  test("with the bucket row: upload, signed URL with Range and download name, limits, removal", async () => {
    await superuser.query(
      `insert into storage.buckets (id, name, public, file_size_limit, allowed_mime_types)
       values ('videos', 'videos', false, 1000, '{video/mp4}') 
       on conflict (id) do update set file_size_limit = excluded.file_size_limit,
         allowed_mime_types = excluded.allowed_mime_types`,
    );
    const store = supabaseMediaStore({ url: s.url, secretKey: s.secretKey });
    const bytes = new Uint8Array(Array.from({ length: 100 }, (_, i) => i));
    await store.put("videos/u1/clip.mp4", bytes, "video/mp4");

    const url = await store.signedUrl("videos/u1/clip.mp4", { expiresInSeconds: 60 });
    expect(url.startsWith(`${s.url}/storage/v1/object/sign/videos/u1/clip.mp4?token=`)).toBe(true);
    const part = await fetch(url, { headers: { range: "bytes=10-19" } });
    expect(part.status).toBe(206);
    expect(part.headers.get("content-range")).toBe("bytes 10-19/100");
    expect([...new Uint8Array(await part.arrayBuffer())]).toEqual([...bytes.subarray(10, 20)]);
    const whole = await fetch(url);
    expect(whole.status).toBe(200);
    expect(whole.headers.get("content-type")).toBe("video/mp4");

    const named = await store.signedUrl("videos/u1/clip.mp4", {
      expiresInSeconds: 60,
      download: "my clip.mp4",
    });
    const attachment = await fetch(named);
    expect(attachment.headers.get("content-disposition")).toBe(
      "attachment; filename=my%20clip.mp4; filename*=UTF-8''my%20clip.mp4",
    );
    expect((await fetch(url.replace(/token=.*/, "token=forged"))).status).toBe(400);

    await expect(store.put("videos/u1/big.mp4", new Uint8Array(1001), "video/mp4")).rejects.toThrow(
      "The object exceeded the maximum allowed size",
    );
    await expect(store.put("videos/u1/pic.png", new Uint8Array(1), "image/png")).rejects.toThrow(
      "mime type image/png is not supported",
    );

    await store.delete(["videos/u1/clip.mp4", "videos/u1/absent.mp4"]);
    expect(s.objects.has("videos/u1/clip.mp4")).toBe(false);
  });

  test("createSignedUrls is one batched call; signed upload URLs take the bytes without the secret key", async () => {
    await superuser.query(
      `insert into storage.buckets (id, name, public, file_size_limit, allowed_mime_types)
       values ('thumbnails', 'thumbnails', false, 10000, '{image/jpeg,image/webp}') 
       on conflict (id) do update set file_size_limit = excluded.file_size_limit,
         allowed_mime_types = excluded.allowed_mime_types`,
    );
    const server = createClient(s.url, s.secretKey, { realtime: { transport: WebSocket as never } });
    const browser = createClient(s.url, s.publishableKey, { realtime: { transport: WebSocket as never } });

    const signed = await server.storage.from("thumbnails").createSignedUploadUrl("u2/a.jpg");
    expect(signed.error).toBeNull();
    const uploaded = await browser.storage
      .from("thumbnails")
      .uploadToSignedUrl("u2/a.jpg", signed.data?.token as string, new Uint8Array([9, 9, 9]), {
        contentType: "image/jpeg",
      });
    expect(uploaded.error).toBeNull();
    expect(s.objects.get("thumbnails/u2/a.jpg")?.data).toEqual(new Uint8Array([9, 9, 9]));
    await server.storage
      .from("thumbnails")
      .upload("u2/b.jpg", new Uint8Array([1]), { contentType: "image/jpeg" });

    const before = s.count("POST", "/storage/v1/object/sign/thumbnails");
    const batch = await server.storage
      .from("thumbnails")
      .createSignedUrls(["u2/a.jpg", "u2/b.jpg", "u2/none.jpg"], 60);
    expect(s.count("POST", "/storage/v1/object/sign/thumbnails")).toBe(before + 1);
    expect(batch.data?.map((d) => d.error)).toEqual([
      null,
      null,
      "Either the object does not exist or you do not have access to it",
    ]);
    const thumb = await fetch(batch.data?.[0]?.signedUrl as string);
    expect([...new Uint8Array(await thumb.arrayBuffer())]).toEqual([9, 9, 9]);

    // Without the secret key the caller has no storage policies.
    const denied = await browser.storage
      .from("thumbnails")
      .upload("u2/c.jpg", new Uint8Array([1]), { contentType: "image/jpeg" });
    expect(denied.error?.message).toBe("new row violates row-level security policy");
    const buckets = await server.storage.listBuckets();
    expect(buckets.data?.map((b) => b.id)).toEqual(expect.arrayContaining(["thumbnails", "videos"]));
  });
});

describe("Management API", () => {
  test("GET and PATCH /v1/projects/{ref}/config/auth with the access token; GoTrue follows it", async () => {
    const path = `${s.managementUrl}/v1/projects/${s.projectRef}/config/auth`;
    expect((await fetch(path, { headers: { authorization: "Bearer wrong" } })).status).toBe(401);
    const config = await (
      await fetch(path, { headers: { authorization: `Bearer ${s.managementToken}` } })
    ).json();
    expect(config).toMatchObject({
      external_anonymous_users_enabled: true,
      mailer_autoconfirm: false,
      mailer_otp_length: 6,
      security_manual_linking_enabled: true,
      security_sb_forwarded_for_enabled: true,
      external_apple_enabled: true,
      site_url: "http://app.test",
      uri_allow_list: "http://app.test/**",
    });
    expect(config.mailer_templates_magic_link_content).toContain("{{ .Token }}");

    const patched = await fetch(path, {
      method: "PATCH",
      headers: { authorization: `Bearer ${s.managementToken}`, "content-type": "application/json" },
      body: JSON.stringify({ external_anonymous_users_enabled: false }),
    });
    expect((await patched.json()).external_anonymous_users_enabled).toBe(false);
    try {
      const settings = await (
        await fetch(`${s.url}/auth/v1/settings`, { headers: { apikey: s.publishableKey } })
      ).json();
      expect(settings.external).toMatchObject({ anonymous_users: false, apple: true });
      const refused = await ssrClient(s).client.auth.signInAnonymously();
      expect(refused.error).toMatchObject({ status: 422, code: "anonymous_provider_disabled" });
    } finally {
      s.authConfig.external_anonymous_users_enabled = true;
    }
  });
});
