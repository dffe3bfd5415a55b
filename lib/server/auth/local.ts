import { jwtVerify, SignJWT } from "jose";
import { AppError } from "../../errors";
import { getRpc } from "../db";
import { localAuthUserResult, localCodeIssueResult, localCodeVerifyResult } from "../db/results";
import { getMailer } from "../mail";
import { signingKey } from "../secrets";
import { CODE_MAX_ATTEMPTS, CODE_TTL_SECONDS, codeHash, newCode } from "./codes";
import type { CookieJar } from "./cookies";
import type { Session, SessionPort } from "./session";

/** Local sessions (embedded and postgres modes): an HS256 JWT in an HttpOnly cookie. */

export const SESSION_COOKIE = "rendio_session";
const LIFETIME_SECONDS = 30 * 24 * 3600;
/** Renew when less than this is left, so an active person never meets an expired session. */
const RENEW_BELOW_SECONDS = 7 * 24 * 3600;
const ISSUER = "rendio-local";

type Identity = { id: string; email: string | null; isAnonymous: boolean };

async function issue(jar: CookieJar, identity: Identity): Promise<Session> {
  const now = Math.floor(Date.now() / 1000);
  const expiresAt = now + LIFETIME_SECONDS;
  const token = await new SignJWT({
    role: "authenticated",
    is_anonymous: identity.isAnonymous,
    email: identity.email,
  })
    .setProtectedHeader({ alg: "HS256", typ: "JWT" })
    .setSubject(identity.id)
    .setIssuer(ISSUER)
    .setAudience("authenticated")
    .setIssuedAt(now)
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

async function read(jar: CookieJar): Promise<Session | null> {
  const token = jar.getAll().find((c) => c.name === SESSION_COOKIE)?.value;
  if (!token) return null;
  try {
    const { payload } = await jwtVerify(token, await signingKey("session"), {
      issuer: ISSUER,
      audience: "authenticated",
      algorithms: ["HS256"],
    });
    if (typeof payload.sub !== "string" || typeof payload.exp !== "number") return null;
    return {
      userId: payload.sub,
      isAnonymous: payload.is_anonymous === true,
      email: typeof payload.email === "string" ? payload.email : null,
      expiresAt: payload.exp,
    };
  } catch {
    return null; // expired, tampered or signed with another key: no session
  }
}

export const localSessions: SessionPort = {
  read,
  async refresh(jar) {
    const session = await read(jar);
    if (!session || session.expiresAt - Date.now() / 1000 > RENEW_BELOW_SECONDS) return session;
    return issue(jar, { id: session.userId, email: session.email, isAnonymous: session.isAnonymous });
  },
  async createGuest(jar) {
    const rpc = await getRpc();
    const identity = await rpc.call("local_auth_create_user", {}, localAuthUserResult);
    return issue(jar, identity);
  },
  async signOut(jar) {
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
    const current = await read(jar);
    const rpc = await getRpc();
    const result = await rpc.call(
      "local_auth_verify_code",
      {
        p_email: email,
        p_code_hash: await codeHash(email, code),
        p_current_user_id: current?.isAnonymous ? current.userId : null,
        p_max_attempts: CODE_MAX_ATTEMPTS,
      },
      localCodeVerifyResult,
    );
    if (!result.verified) throw new AppError("validation_failed", { field: "code" });
    return issue(jar, result.user);
  },
  async startOAuth() {
    throw new AppError("not_found");
  },
  async finishOAuth() {
    throw new AppError("not_found");
  },
};
