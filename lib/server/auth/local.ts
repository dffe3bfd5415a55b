import { jwtVerify, SignJWT } from "jose";
import { AppError } from "../../errors";
import { getRpc } from "../db";
import * as sql from "../db/functions";
import { isUuid } from "../http";
import { getMailer } from "../mail";
import { signingKey } from "../secrets";
import { CODE_MAX_ATTEMPTS, CODE_TTL_SECONDS, codeHash, newCode } from "./codes";
import type { CookieJar } from "./cookies";
import type { Session, SessionPort } from "./session";

/**
 * Local sessions (embedded and postgres modes): an HS256 JWT in an HttpOnly cookie that names a
 * server-side session row (supabase/local/03_local_sessions.sql), checked on every read, so
 * sign-out ends the session and not just this browser's copy of it.
 */

export const SESSION_COOKIE = "rendio_session";
const LIFETIME_SECONDS = 30 * 24 * 3600;
/** Renew when less than this is left, so an active person never meets an expired session. */
const RENEW_BELOW_SECONDS = 7 * 24 * 3600;
const ISSUER = "rendio-local";

type Identity = { id: string; email: string | null; isAnonymous: boolean };
/** A verified cookie: the session it claims and the server-side session row it names. */
type Claims = { session: Session; sessionId: string };

/** Signs the cookie for session row `sessionId`, valid until `expiresAt` (Unix seconds). */
async function sign(
  jar: CookieJar,
  identity: Identity,
  sessionId: string,
  expiresAt: number,
): Promise<Session> {
  const token = await new SignJWT({
    role: "authenticated",
    is_anonymous: identity.isAnonymous,
    email: identity.email,
    session_id: sessionId,
  })
    .setProtectedHeader({ alg: "HS256", typ: "JWT" })
    .setSubject(identity.id)
    .setIssuer(ISSUER)
    .setAudience("authenticated")
    .setIssuedAt()
    .setExpirationTime(expiresAt)
    .sign(await signingKey("session"));
  jar.setAll([
    {
      name: SESSION_COOKIE,
      value: token,
      options: { httpOnly: true, sameSite: "lax", secure: jar.secure, path: "/", maxAge: LIFETIME_SECONDS },
    },
  ]);
  return { userId: identity.id, isAnonymous: identity.isAnonymous, email: identity.email, expiresAt };
}

const unixSeconds = (iso: string) => Math.floor(Date.parse(iso) / 1000);

/** A new server-side session for the identity, and its cookie. */
async function issue(jar: CookieJar, identity: Identity): Promise<Session> {
  const rpc = await getRpc();
  const row = await sql.localAuthStartSession(rpc, { userId: identity.id, ttlSeconds: LIFETIME_SECONDS });
  return sign(jar, identity, row.id, unixSeconds(row.expiresAt));
}

/**
 * The cookie's claims when its signature, issuer and expiry hold; whether its session is still
 * live is the database's to say. Cookies from before server-side sessions (no session_id) are
 * no session.
 */
async function verifyCookie(jar: CookieJar): Promise<Claims | null> {
  const token = jar.getAll().find((c) => c.name === SESSION_COOKIE)?.value;
  if (!token) return null;
  try {
    const { payload } = await jwtVerify(token, await signingKey("session"), {
      issuer: ISSUER,
      audience: "authenticated",
      algorithms: ["HS256"],
    });
    const { sub, exp, session_id: sessionId } = payload;
    if (typeof sub !== "string" || typeof exp !== "number" || !isUuid(sessionId)) return null;
    return {
      sessionId,
      session: {
        userId: sub,
        isAnonymous: payload.is_anonymous === true,
        email: typeof payload.email === "string" ? payload.email : null,
        expiresAt: exp,
      },
    };
  } catch {
    return null; // expired, tampered or signed with another key: no session
  }
}

/** Whether the claimed session is live: one primary-key lookup, on every request. */
async function isLive({ session, sessionId }: Claims): Promise<boolean> {
  const rpc = await getRpc();
  const { live } = await sql.localAuthCheckSession(rpc, { sessionId, userId: session.userId });
  return live;
}

async function readLive(jar: CookieJar): Promise<Claims | null> {
  const claims = await verifyCookie(jar);
  return claims && (await isLive(claims)) ? claims : null;
}

/** Extends the live session close to expiry (same session id) and re-signs its cookie. */
async function renew(jar: CookieJar, { session, sessionId }: Claims): Promise<Session | null> {
  const rpc = await getRpc();
  const row = await sql.localAuthRenewSession(rpc, {
    sessionId,
    userId: session.userId,
    ttlSeconds: LIFETIME_SECONDS,
  });
  if (!row.renewed) return null;
  const identity = { id: session.userId, email: session.email, isAnonymous: session.isAnonymous };
  return sign(jar, identity, row.id, unixSeconds(row.expiresAt));
}

/** Revokes the cookie's session, or every session of its user; a dead session ends nothing. */
async function endSessions({ session, sessionId }: Claims, everywhere: boolean): Promise<void> {
  const rpc = await getRpc();
  await sql.localAuthEndSessions(rpc, { sessionId, userId: session.userId, everywhere });
}

export const localSessions: SessionPort = {
  async read(jar) {
    return (await readLive(jar))?.session ?? null;
  },
  async refresh(jar) {
    const claims = await verifyCookie(jar);
    if (!claims) return null;
    if (claims.session.expiresAt - Date.now() / 1000 <= RENEW_BELOW_SECONDS) return renew(jar, claims);
    return (await isLive(claims)) ? claims.session : null;
  },
  async createGuest(jar) {
    const rpc = await getRpc();
    const identity = await sql.localAuthCreateUser(rpc);
    return issue(jar, identity);
  },
  async signOut(jar, scope = "device") {
    const claims = await verifyCookie(jar);
    if (claims) await endSessions(claims, scope === "everywhere");
    jar.setAll([{ name: SESSION_COOKIE, value: "", options: { path: "/", maxAge: 0 } }]);
  },
  /**
   * Mails a new code, then stores it. Stored only once the mail service took the message: a code
   * that was never delivered is never valid, and a failed send leaves the previous code alone.
   */
  async requestEmailCode(_jar, email, { locale }) {
    const mailer = await getMailer();
    if (!mailer) throw new AppError("service_unavailable");
    const code = newCode();
    await mailer.sendSignInCode({ to: email, code, locale, minutes: CODE_TTL_SECONDS / 60 });
    const rpc = await getRpc();
    await sql.localAuthIssueCode(rpc, {
      email,
      codeHash: await codeHash(email, code),
      ttlSeconds: CODE_TTL_SECONDS,
    });
  },
  async verifyEmailCode(jar, email, code) {
    const current = await readLive(jar);
    const rpc = await getRpc();
    const result = await sql.localAuthVerifyCode(rpc, {
      email,
      codeHash: await codeHash(email, code),
      currentUserId: current?.session.isAnonymous ? current.session.userId : null,
      maxAttempts: CODE_MAX_ATTEMPTS,
    });
    if (!result.verified) throw new AppError("validation_failed", { field: "code" });
    if (current) {
      // Signing in replaces this device's session; a guest merged into another account
      // (complete_sign_in) has no sessions left at all.
      const merged = current.session.isAnonymous && current.session.userId !== result.user.id;
      await endSessions(current, merged);
    }
    return issue(jar, result.user);
  },
  async startOAuth() {
    throw new AppError("not_found");
  },
  async finishOAuth() {
    throw new AppError("not_found");
  },
};
