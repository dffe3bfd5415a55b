import { jwtVerify, SignJWT } from "jose";
import { AppError } from "../../errors";
import { getRpc } from "../db";
import {
  localAuthUserResult,
  localCodeIssueResult,
  localCodeVerifyResult,
  localSessionCheckResult,
  localSessionRenewResult,
  localSessionResult,
  localSessionsEndResult,
} from "../db/results";
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
  const row = await rpc.call(
    "local_auth_start_session",
    { p_user_id: identity.id, p_ttl_seconds: LIFETIME_SECONDS },
    localSessionResult,
  );
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
  const { live } = await rpc.call(
    "local_auth_check_session",
    { p_session_id: sessionId, p_user_id: session.userId },
    localSessionCheckResult,
  );
  return live;
}

async function readLive(jar: CookieJar): Promise<Claims | null> {
  const claims = await verifyCookie(jar);
  return claims && (await isLive(claims)) ? claims : null;
}

/** Extends the live session close to expiry (same session id) and re-signs its cookie. */
async function renew(jar: CookieJar, { session, sessionId }: Claims): Promise<Session | null> {
  const rpc = await getRpc();
  const row = await rpc.call(
    "local_auth_renew_session",
    { p_session_id: sessionId, p_user_id: session.userId, p_ttl_seconds: LIFETIME_SECONDS },
    localSessionRenewResult,
  );
  if (!row.renewed) return null;
  const identity = { id: session.userId, email: session.email, isAnonymous: session.isAnonymous };
  return sign(jar, identity, row.id, unixSeconds(row.expiresAt));
}

/** Revokes the cookie's session, or every session of its user; a dead session ends nothing. */
async function endSessions({ session, sessionId }: Claims, everywhere: boolean): Promise<void> {
  const rpc = await getRpc();
  await rpc.call(
    "local_auth_end_sessions",
    { p_session_id: sessionId, p_user_id: session.userId, p_everywhere: everywhere },
    localSessionsEndResult,
  );
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
    const identity = await rpc.call("local_auth_create_user", {}, localAuthUserResult);
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
    await rpc.call(
      "local_auth_issue_code",
      { p_email: email, p_code_hash: await codeHash(email, code), p_ttl_seconds: CODE_TTL_SECONDS },
      localCodeIssueResult,
    );
  },
  async verifyEmailCode(jar, email, code) {
    const current = await readLive(jar);
    const rpc = await getRpc();
    const result = await rpc.call(
      "local_auth_verify_code",
      {
        p_email: email,
        p_code_hash: await codeHash(email, code),
        p_current_user_id: current?.session.isAnonymous ? current.session.userId : null,
        p_max_attempts: CODE_MAX_ATTEMPTS,
      },
      localCodeVerifyResult,
    );
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
