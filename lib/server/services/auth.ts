import "server-only";
import { createHash } from "node:crypto";
import type { Me } from "../../contracts/user";
import { AppError } from "../../errors";
import type { Locale } from "../../i18n/locale";
import type { CallerAuth, Session, SignOutScope } from "../auth";
import { CODE_TTL_SECONDS, RESEND_AFTER_SECONDS } from "../auth/codes";
import { checkCaptcha } from "../captcha";
import { getConfig } from "../config";
import { getRpc } from "../db";
import * as sql from "../db/functions";
import { setRequestUser } from "../log/request-context";
import { getMailer } from "../mail";
import { listOutbox, type OutboxMessage } from "../mail/outbox";
import { limitByAddress } from "./address-limits";
import { takeNewUserAllowance } from "./session";

/**
 * Sign-in by email code. The Session port sends and
 * checks the code (the local stand-in or Supabase Auth); complete_sign_in then upgrades the
 * guest in place or merges it into the account, in one transaction.
 */

const HOUR = 3600;
const LIMITS = {
  codesPerEmail: 5,
  // Five attempts per code and five codes an hour; a little slack for typos across codes.
  verifiesPerEmail: 15,
  verifiesPerAddress: 60,
};

const hash = (value: string) => createHash("sha256").update(value).digest("base64url").slice(0, 22);

async function limit(bucket: string, max: number): Promise<void> {
  await sql.checkRateLimit(await getRpc(), { bucket, limit: max, windowSeconds: HOUR });
}

export async function requestSignInCode(
  auth: CallerAuth,
  input: { email: string; locale: Locale; address: string; captchaToken?: string },
): Promise<{ expiresInSeconds: number; resendAfterSeconds: number }> {
  // Without Supabase Auth, SMTP or the outbox there is no way to deliver a code.
  if (getConfig().mode !== "supabase" && !(await getMailer())) throw new AppError("service_unavailable");
  await checkCaptcha(input.captchaToken, input.address);
  await limitByAddress("codes", input.address);
  await limit(`auth:code:email:${hash(input.email)}`, LIMITS.codesPerEmail);
  await auth.requestEmailCode(input.email, input.locale);
  return { expiresInSeconds: CODE_TTL_SECONDS, resendAfterSeconds: RESEND_AFTER_SECONDS };
}

export async function verifySignInCode(
  auth: CallerAuth,
  input: { email: string; code: string; locale: Locale; address: string },
): Promise<Me> {
  await limit(`auth:verify:address:${hash(input.address)}`, LIMITS.verifiesPerAddress);
  await limit(`auth:verify:email:${hash(input.email)}`, LIMITS.verifiesPerEmail);
  const previous = await auth.current();
  const session = await auth.verifyEmailCode(input.email, input.code);
  return finishSignIn({
    userId: session.userId,
    previous,
    locale: input.locale,
    address: input.address,
  });
}

/**
 * The profile side of a verified sign-in, for email codes and provider callbacks alike. A new
 * account made without a guest to upgrade gets the welcome credits only while the address's
 * new-user allowance lasts, so signing up by email is no way around the guest limit. (Every
 * sign-in without a guest session counts, as whether the account is new is known only after.)
 */
export async function finishSignIn(input: {
  userId: string;
  previous: Session | null;
  locale: Locale;
  address: string;
}): Promise<Me> {
  setRequestUser(input.userId);
  const welcome = input.previous?.isAnonymous ? true : await takeNewUserAllowance(input.address);
  const result = await sql.completeSignIn(await getRpc(), {
    userId: input.userId,
    previousUserId: input.previous?.userId ?? null,
    language: input.locale,
    welcome,
  });
  return result.user;
}

/**
 * Ends the session on the server — this device's, or with "everywhere" every session of the
 * person — and clears its cookie; the visitor may then start a new guest.
 */
export async function signOut(auth: CallerAuth, scope: SignOutScope = "device"): Promise<void> {
  await auth.signOut(scope);
}

/** The local outbox (embedded and postgres modes); not_found where Supabase Auth sends mail. */
export async function readOutbox(email: string | null): Promise<OutboxMessage[]> {
  if (!getConfig().devOutbox) throw new AppError("not_found");
  return listOutbox(email);
}

/**
 * Sign in with Apple (supabase mode, when configured): the provider's URL to send the browser
 * to. A guest links Apple to itself, unless `link` is off: its Apple identity already has an
 * account, so it signs in to that account and the guest is merged into it on return.
 */
export async function startAppleSignIn(
  auth: CallerAuth,
  callbackUrl: string,
  options: { link: boolean } = { link: true },
): Promise<string> {
  if (!getConfig().appleSignIn) throw new AppError("not_found");
  return auth.startOAuth("apple", callbackUrl, options);
}

/** The provider's callback: the session becomes the provider's user, then as for an email code. */
export async function finishProviderSignIn(
  auth: CallerAuth,
  input: { code: string; flowId: string | null; locale: Locale; address: string },
): Promise<Me> {
  const previous = await auth.current();
  const session = await auth.finishOAuth({ code: input.code, flowId: input.flowId });
  return finishSignIn({
    userId: session.userId,
    previous,
    locale: input.locale,
    address: input.address,
  });
}
