import { randomUUID } from "node:crypto";
import { SignJWT } from "jose";
import { POST as startGuest } from "@/app/api/session/guest/route";
import { SESSION_COOKIE } from "@/lib/server/auth/local";
import { signingKey } from "@/lib/server/secrets";
import { type RouteDb, TestBrowser } from "@/scripts/test-support/routes";

/** Route-test people: guests through the real guest route, registered users as email sign-in makes them. */

export async function newGuest(): Promise<{ browser: TestBrowser; userId: string }> {
  const browser = new TestBrowser();
  const response = await browser.call(startGuest, "/api/session/guest", { json: {} });
  return { browser, userId: (await response.json()).user.id };
}

/**
 * A registered user: the auth user Supabase (here local_auth_create_user) makes for an email,
 * onboarded, with a local session and the cookie the sign-in route would set (same claims and key).
 */
export async function newRegisteredUser(
  route: RouteDb,
): Promise<{ browser: TestBrowser; userId: string; email: string }> {
  const email = `person-${randomUUID().slice(0, 8)}@example.com`;
  const created = await route.db.query<{ r: { id: string } }>(
    "select public.local_auth_create_user($1) as r",
    [email],
  );
  const userId = created.rows[0]?.r.id as string;
  await route.db.query("select public.onboard_user($1)", [userId]);
  const session = await route.db.query<{ r: { id: string } }>(
    "select public.local_auth_start_session($1, 3600) as r",
    [userId],
  );
  const now = Math.floor(Date.now() / 1000);
  const token = await new SignJWT({
    role: "authenticated",
    is_anonymous: false,
    email,
    session_id: session.rows[0]?.r.id,
  })
    .setProtectedHeader({ alg: "HS256", typ: "JWT" })
    .setSubject(userId)
    .setIssuer("rendio-local")
    .setAudience("authenticated")
    .setIssuedAt(now)
    .setExpirationTime(now + 3600)
    .sign(await signingKey("session"));
  const browser = new TestBrowser();
  browser.cookies.set(SESSION_COOKIE, token);
  return { browser, userId, email };
}

export async function creditsOf(route: RouteDb, userId: string): Promise<number | undefined> {
  const rows = await route.db.query<{ credits: number }>("select credits from public.users where id = $1", [
    userId,
  ]);
  return rows.rows[0]?.credits;
}

export async function ledgerOf(route: RouteDb, userId: string): Promise<{ kind: string; change: number }[]> {
  const rows = await route.db.query<{ kind: string; change: number }>(
    "select kind, change from public.credit_ledger where user_id = $1 order by id",
    [userId],
  );
  return rows.rows;
}
