import "server-only";
import type { Me } from "../../contracts/user";
import { isAppError } from "../../errors";
import type { Locale } from "../../i18n/locale";
import type { CallerAuth, Session } from "../auth";
import { checkCaptcha } from "../captcha";
import { getRpc } from "../db";
import * as sql from "../db/functions";
import { setRequestUser } from "../log/request-context";
import { limitByAddress } from "./address-limits";

/**
 * Makes the visitor a guest with the welcome credits, once. A visitor who already has a session
 * keeps it (created: false); one whose identity is gone gets a new guest, which needs the human
 * check (Turnstile) first when it is on.
 */
export async function startGuestSession(
  auth: CallerAuth,
  context: { locale: Locale; address: string; captchaToken?: string },
): Promise<{ user: Me; created: boolean }> {
  const rpc = await getRpc();
  const existing = await auth.current();
  if (existing) {
    try {
      const onboarded = await sql.onboardUser(rpc, { userId: existing.userId, language: context.locale });
      return { user: onboarded.user, created: onboarded.created };
    } catch (error) {
      if (!isAppError(error, "unauthorized")) throw error;
    }
  }
  await checkCaptcha(context.captchaToken, context.address);
  await limitByAddress("guests", context.address);
  const session = await auth.createGuest();
  setRequestUser(session.userId);
  const onboarded = await sql.onboardUser(rpc, { userId: session.userId, language: context.locale });
  return { user: onboarded.user, created: true };
}

export async function getMe(session: Session): Promise<Me> {
  const rpc = await getRpc();
  return (await sql.getMe(rpc, { userId: session.userId })).user;
}

/**
 * Counts one new identity against the address's and its network's guest allowance (the same
 * buckets as new guests) and says whether it was still open, without failing.
 */
export async function takeNewUserAllowance(address: string): Promise<boolean> {
  try {
    await limitByAddress("guests", address);
    return true;
  } catch (error) {
    if (isAppError(error, "rate_limited")) return false;
    throw error;
  }
}
