import { afterAll, beforeAll, describe, expect, test, vi } from "vitest";
import { POST as startApple } from "@/app/api/auth/apple/route";
import { POST as requestCode } from "@/app/api/auth/email/route";
import { POST as verifyCode } from "@/app/api/auth/email/verify/route";
import { GET as getMe } from "@/app/api/me/route";
import { POST as startGuest } from "@/app/api/session/guest/route";
import { FakeGoTrue, PUBLISHABLE_KEY, SECRET_KEY } from "@/scripts/test-support/gotrue";
import { openRouteDatabase, type RouteDb, TestBrowser } from "@/scripts/test-support/routes";
import { GET as callback } from "./route";

/**
 * Sign in with Apple in supabase mode: the real handlers and database, Supabase Auth played by
 * the stand-in over HTTP (its users mirrored into auth.users, as Supabase's share the database).
 * A guest whose Apple identity (or its email) already has an account is refused the link; it then
 * signs in to that account with Apple and is merged into it, as with an email code.
 */

const gotrue = new FakeGoTrue();
let server: { url: string; close(): Promise<void> };
let route: RouteDb;
/** Everything the browsers were sent, to check the secret key never reaches one. */
const answers: string[] = [];

beforeAll(async () => {
  server = await gotrue.listen();
  route = await openRouteDatabase();
  vi.stubEnv("NEXT_PUBLIC_SUPABASE_URL", server.url);
  vi.stubEnv("NEXT_PUBLIC_SUPABASE_PUBLISHABLE_KEY", PUBLISHABLE_KEY);
  vi.stubEnv("SUPABASE_SECRET_KEY", SECRET_KEY);
  vi.stubEnv("SESSION_SECRET", "a-session-secret-of-at-least-32-characters");
  vi.stubEnv("AUTH_APPLE_ENABLED", "true");
  gotrue.onUser = async (user) => {
    await route.db.query(
      `insert into auth.users (id, email, is_anonymous) values ($1, $2, $3)
       on conflict (id) do update set email = excluded.email, is_anonymous = excluded.is_anonymous`,
      [user.id, user.email, user.is_anonymous],
    );
  };
});
afterAll(async () => {
  await route.close();
  await server.close();
  for (const answer of answers) expect(answer).not.toContain(SECRET_KEY);
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
      const back = await returnFrom(owner, await gotrue.appleRoundTrip(await pressApple(owner), apple));
      expect(back.pathname).toBe("/history");
    } else {
      expect(
        (await call(owner, requestCode, "/api/auth/email", { json: { email: apple.email } })).status,
      ).toBe(202);
      const code = gotrue.codeFor(apple.email);
      const verified = await call(owner, verifyCode, "/api/auth/email/verify", {
        json: { email: apple.email, code },
      });
      expect(verified.status).toBe(200);
    }
    const account = gotrue.users.find((u) => u.email === apple.email);
    const accountBefore = await route.db.query<{ credits: number }>(
      "select credits from public.users where id = $1",
      [account?.id],
    );

    const guest = new TestBrowser();
    const guestId = await becomeGuest(guest);
    const guestCredits = (await me(guest)).credits;

    const linkUrl = await pressApple(guest);
    expect(new URL(linkUrl).hostname).toBe("appleid.apple.com"); // linkIdentity's provider URL
    const refused = await gotrue.appleRoundTrip(linkUrl, apple);
    expect(new URL(refused).searchParams.get("error_code")).toBe(refusal);
    expect(new URL(refused).searchParams.has("code")).toBe(false);

    const signInUrl = await returnFrom(guest, refused);
    expect(signInUrl.origin).toBe(server.url); // Supabase Auth's /authorize: a plain sign-in
    expect(signInUrl.pathname).toBe("/auth/v1/authorize");
    const redirectTo = new URL(signInUrl.searchParams.get("redirect_to") as string);
    expect(redirectTo.pathname).toBe("/api/auth/callback");
    expect(redirectTo.searchParams.get("next")).toBe("/history");

    const back = await returnFrom(guest, await gotrue.appleRoundTrip(signInUrl.toString(), apple));
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
    const exchange = gotrue.requests.findLast((r) => r.search === "?grant_type=pkce");
    expect(exchange?.headers.get("sb-forwarded-for")).toBe(guest.address);
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
