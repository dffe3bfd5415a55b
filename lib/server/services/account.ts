import "server-only";
import type { UpdateSettingsRequest } from "../../contracts/account";
import type { Me } from "../../contracts/user";
import type { CallerAuth, Session } from "../auth";
import { getRpc } from "../db";
import { mediaRemovalResult, meResult } from "../db/results";
import { reportError } from "../log/report";
import { getMediaStore } from "../storage";

/** Saves language and theme on the user, so they follow the account to another device. */
export async function updateSettings(session: Session, settings: UpdateSettingsRequest): Promise<Me> {
  const rpc = await getRpc();
  const { user } = await rpc.call(
    "update_settings",
    { p_user_id: session.userId, p_language: settings.language ?? null, p_theme: settings.theme ?? null },
    meResult,
  );
  return user;
}

/**
 * Deletes the account: the user row with its jobs, ledger and idempotency records in one SQL call,
 * then the media files it returned, then the session. A second call finds no session (401).
 */
export async function deleteAccount(session: Session, auth: CallerAuth): Promise<void> {
  const rpc = await getRpc();
  const { mediaPaths } = await rpc.call("delete_account", { p_user_id: session.userId }, mediaRemovalResult);
  try {
    if (mediaPaths.length > 0) await (await getMediaStore()).delete(mediaPaths);
  } catch (error) {
    // The rows are gone already; a file left behind must not keep the person signed in.
    reportError(error, "account deleted but some media could not be removed");
  }
  await auth.signOut();
}
