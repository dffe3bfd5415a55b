import { afterAll, beforeAll, describe, expect, test, vi } from "vitest";
import { POST as startApple } from "@/app/api/auth/apple/route";
import { POST as requestCode } from "@/app/api/auth/email/route";
import { POST as verifyCode } from "@/app/api/auth/email/verify/route";
import { GET as getMe } from "@/app/api/me/route";
import { POST as startGuest } from "@/app/api/session/guest/route";
import { openRouteDatabase, type RouteDb, TestBrowser } from "@/scripts/test-support/routes";
import {
  type AppleIdentity,
  type SupabaseStandIn,
  startSupabaseStandIn,
} from "@/scripts/test-support/stand-ins/supabase";
import { GET as callback } from "./route";

/**
 * Sign in with Apple in supabase mode: the real handlers and database, Supabase Auth and Apple
 * played by the Supabase stand-in over HTTP (scripts/test-support/stand-ins/supabase), whose users are rows
 * of the same database's auth.users, as Supabase's are.
 * A guest whose Apple identity (or its email) already has an account is refused the link; it then
 * signs in to that account with Apple and is merged into it, as with an email code.
 */

let standIn: SupabaseStandIn;
let route: RouteDb;
/** Everything the browsers were sent, to check the secret key never reaches one. */
const answers: string[] = [];

beforeAll(async () => {
  route = await openRouteDatabase();
  standIn = await startSupabaseStandIn({ pglite: route.db, siteUrl: "http://localhost:3000" });
  for (const [name, value] of Object.entries(standIn.appSettings)) vi.stubEnv(name, value);
  vi.stubEnv("AUTH_APPLE_ENABLED", "true");
});
afterAll(async () => {
  await standIn.close();
  await route.close();
  for (const answer of answers) expect(answer).not.toContain(standIn.secretKey);
});

let subjects = 0;
const newApple = () => {
  subjects += 1;
  return { sub: `00${subjects}.apple`, email: `apple-${subjects}-${Date.now()}@privaterelay.appleid.com` };
};

/** A browser call whose answer is kept for the secret-key check. */
async function call(browser: TestBrowser, ...args: Parameters<TestBrowser["call"]>): Promise<Response> {
  const response = await browser.call(...args);
  answers.push([...response.headers].map(([name, value]) => `${name}: ${value}`).join("\n"));
  return response;
}

const pathOf = (url: string) => {
  const parsed = new URL(url);
  return parsed.pathname + parsed.search;
};

/** The sign-in page's Apple button: where the browser is sent. */
async function pressApple(browser: TestBrowser): Promise<string> {
  const response = await call(browser, startApple, "/api/auth/apple", {
    body: "next=%2Fhistory",
    headers: { "content-type": "application/x-www-form-urlencoded" },
  });
  expect(response.status).toBe(303);
  return response.headers.get("location") as string;
}

/** The browser comes back from Apple through Supabase Auth to our callback. */
async function returnFrom(browser: TestBrowser, url: string): Promise<URL> {
  const response = await call(browser, callback, pathOf(url));
  expect(response.status).toBe(303);
  return new URL(response.headers.get("location") as string);
}

/** The browser at `url` signs `apple` in at Apple's page; where Supabase Auth then sends it. */
async function throughApple(url: string, apple: AppleIdentity): Promise<string> {
  standIn.queueAppleIdentity(apple);
  return (await standIn.followOAuth(url)).toString();
}

async function me(browser: TestBrowser) {
  return (await call(browser, getMe, "/api/me")).json();
}

async function becomeGuest(browser: TestBrowser): Promise<string> {
  const response = await call(browser, startGuest, "/api/session/guest", { json: {} });
  expect(response.status).toBe(201);
  return (await response.json()).user.id;
}

describe("Sign in with Apple for a guest whose Apple identity already has an account", () => {
  test.each([
    ["identity_already_exists", "the Apple identity is linked to the account"],
    ["email_exists", "the Apple email is the account's email"],
  ])("%s (%s): Apple sign-in instead, and the guest is merged into the account", async (refusal) => {
    const apple = newApple();
    const owner = new TestBrowser();
    if (refusal === "identity_already_exists") {
      const back = await returnFrom(owner, await throughApple(await pressApple(owner), apple));
      expect(back.pathname).toBe("/history");
    } else {
      expect(
        (await call(owner, requestCode, "/api/auth/email", { json: { email: apple.email } })).status,
      ).toBe(202);
      const code = standIn.lastCode(apple.email);
      const verified = await call(owner, verifyCode, "/api/auth/email/verify", {
        json: { email: apple.email, code },
      });
      expect(verified.status).toBe(200);
    }
    const account = (
      await route.db.query<{ id: string }>("select id from auth.users where email = $1", [apple.email])
    ).rows[0];
    const accountBefore = await route.db.query<{ credits: number }>(
      "select credits from public.users where id = $1",
      [account?.id],
    );

    const guest = new TestBrowser();
    const guestId = await becomeGuest(guest);
    const guestCredits = (await me(guest)).credits;

    const linkUrl = await pressApple(guest);
    // linkIdentity's URL is the provider's page (Apple's, here played by the stand-in).
    expect(new URL(linkUrl).pathname).toBe("/__apple/authorize");
    const refused = await throughApple(linkUrl, apple);
    expect(new URL(refused).searchParams.get("error_code")).toBe(refusal);
    expect(new URL(refused).searchParams.has("code")).toBe(false);

    const signInUrl = await returnFrom(guest, refused);
    expect(signInUrl.origin).toBe(standIn.url); // Supabase Auth's /authorize: a plain sign-in
    expect(signInUrl.pathname).toBe("/auth/v1/authorize");
    const redirectTo = new URL(signInUrl.searchParams.get("redirect_to") as string);
    expect(redirectTo.pathname).toBe("/api/auth/callback");
    expect(redirectTo.searchParams.get("next")).toBe("/history");

    const signedIn = await throughApple(signInUrl.toString(), apple);
    expect(new URL(signedIn).searchParams.get("sb_flow_id")).toMatch(/^[0-9a-f]{32}$/);
    await pressApple(guest); // meanwhile another tab starts its own flow: only the flow id tells them apart
    const back = await returnFrom(guest, signedIn);
    expect(back.pathname).toBe("/history");
    expect(back.searchParams.has("error")).toBe(false);

    const user = await me(guest);
    expect(user).toMatchObject({ id: account?.id, isGuest: false, email: apple.email });
    expect(user.credits).toBe((accountBefore.rows[0]?.credits ?? 0) + guestCredits);
    expect((await route.db.query("select 1 from public.users where id = $1", [guestId])).rows).toEqual([]);
    const merge = await route.db.query(
      "select change from public.credit_ledger where user_id = $1 and kind = 'merge'",
      [account?.id],
    );
    expect(merge.rows).toEqual([{ change: guestCredits }]);
    // The code was exchanged with the flow id the callback carried, on the person's behalf.
    const exchange = standIn.calls.findLast((c) => c.query.grant_type === "pkce");
    expect(exchange?.headers["sb-forwarded-for"]).toBe(guest.address);
    expect(exchange?.clientAddress).toBe(guest.address);
  });

  test("a refusal after the retried sign-in ends on the sign-in page with the error, not in a loop", async () => {
    const guest = new TestBrowser();
    await becomeGuest(guest);
    const back = await returnFrom(
      guest,
      "http://localhost:3000/api/auth/callback?next=%2Fhistory&retried=1&error=server_error&error_code=identity_already_exists",
    );
    expect(back.pathname).toBe("/sign-in");
    expect(back.searchParams.get("next")).toBe("/history");
    expect(back.searchParams.get("error")).toBe("validation_failed");
  });

  test("another provider error ends on the sign-in page with the error", async () => {
    const guest = new TestBrowser();
    await becomeGuest(guest);
    const back = await returnFrom(
      guest,
      "http://localhost:3000/api/auth/callback?next=%2Fhistory&error=access_denied&error_code=signup_disabled",
    );
    expect(back.pathname).toBe("/sign-in");
    expect(back.searchParams.get("error")).toBe("validation_failed");
  });
});
