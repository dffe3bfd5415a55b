import "server-only";
import type { UpdateSettingsRequest } from "../../contracts/account";
import type { Me } from "../../contracts/user";
import type { CallerAuth, Session } from "../auth";
import { getRpc } from "../db";
import * as sql from "../db/functions";
import { reportError } from "../log/report";
import { getMediaStore } from "../storage";

/** Saves language and theme on the user, so they follow the account to another device. */
export async function updateSettings(session: Session, settings: UpdateSettingsRequest): Promise<Me> {
  const rpc = await getRpc();
  const { user } = await sql.updateSettings(rpc, {
    userId: session.userId,
    language: settings.language ?? null,
    theme: settings.theme ?? null,
  });
  return user;
}

/**
 * Deletes the account: the user row with its jobs, ledger and idempotency records in one SQL call,
 * then the media files it returned, then the session. A second call finds no session (401).
 */
export async function deleteAccount(session: Session, auth: CallerAuth): Promise<void> {
  const rpc = await getRpc();
  const { mediaPaths } = await sql.deleteAccount(rpc, { userId: session.userId });
  try {
    if (mediaPaths.length > 0) await (await getMediaStore()).delete(mediaPaths);
  } catch (error) {
    // The rows are gone already; a file left behind must not keep the person signed in.
    reportError(error, "account deleted but some media could not be removed");
  }
  await auth.signOut();
}
