import { z } from "zod";
import type { Rpc } from "../rpc";
import { callSql } from "./call";

/** supabase/local: sign-in codes, sessions and the outbox of the embedded and postgres modes. */

const iso = z.iso.datetime();

export const localAuthUserResult = z.object({
  id: z.uuid(),
  email: z.string().nullable(),
  isAnonymous: z.boolean(),
});
export const localCodeIssueResult = z.object({ email: z.string(), expiresAt: iso });
export const localCodeVerifyResult = z.discriminatedUnion("verified", [
  z.object({ verified: z.literal(false), reason: z.enum(["missing", "expired", "wrong"]) }),
  z.object({ verified: z.literal(true), user: localAuthUserResult, created: z.boolean() }),
]);
export const localSessionResult = z.object({ id: z.uuid(), expiresAt: iso });
export const localSessionCheckResult = z.object({ live: z.boolean() });
export const localSessionRenewResult = z.discriminatedUnion("renewed", [
  z.object({ renewed: z.literal(false) }),
  localSessionResult.extend({ renewed: z.literal(true) }),
]);
export const localSessionsEndResult = z.object({ revoked: z.number().int().nonnegative() });
export const outboxSendResult = z.object({ id: z.number().int().positive() });
export const outboxResult = z.object({
  messages: z.array(
    z.object({
      to: z.string(),
      subject: z.string(),
      text: z.string(),
      code: z.string().nullable(),
      createdAt: iso,
    }),
  ),
});

export function localAuthCreateUser(rpc: Rpc) {
  return callSql(rpc, "local_auth_create_user", {}, localAuthUserResult);
}

export function localAuthIssueCode(rpc: Rpc, args: { email: string; codeHash: string; ttlSeconds: number }) {
  return callSql(rpc, "local_auth_issue_code", args, localCodeIssueResult);
}

export function localAuthVerifyCode(
  rpc: Rpc,
  args: { email: string; codeHash: string; currentUserId: string | null; maxAttempts: number },
) {
  return callSql(rpc, "local_auth_verify_code", args, localCodeVerifyResult);
}

export function localAuthStartSession(rpc: Rpc, args: { userId: string; ttlSeconds: number }) {
  return callSql(rpc, "local_auth_start_session", args, localSessionResult);
}

export function localAuthCheckSession(rpc: Rpc, args: { sessionId: string; userId: string }) {
  return callSql(rpc, "local_auth_check_session", args, localSessionCheckResult);
}

export function localAuthRenewSession(
  rpc: Rpc,
  args: { sessionId: string; userId: string; ttlSeconds: number },
) {
  return callSql(rpc, "local_auth_renew_session", args, localSessionRenewResult);
}

export function localAuthEndSessions(
  rpc: Rpc,
  args: { sessionId: string; userId: string; everywhere: boolean },
) {
  return callSql(rpc, "local_auth_end_sessions", args, localSessionsEndResult);
}

export function localOutboxSend(
  rpc: Rpc,
  args: { to: string; subject: string; body: string; code: string | null },
) {
  return callSql(rpc, "local_outbox_send", args, outboxSendResult);
}

export function localOutboxList(rpc: Rpc, args: { email: string | null; limit: number }) {
  return callSql(rpc, "local_outbox_list", args, outboxResult);
}
