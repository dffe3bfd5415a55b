import "server-only";
import type { Me } from "@/lib/contracts/user";
import type { Session } from "../auth";
import { listLedger } from "./credits";

/**
 * Whether Home greets this person as new: a guest whose credits have done nothing yet (only the
 * welcome grant: no video, no purchase). An account never is.
 */
export async function isNewGuest(session: Session, me: Me): Promise<boolean> {
  if (!me.isGuest) return false;
  const { entries } = await listLedger(session, { limit: 2, cursor: null });
  return entries.every((entry) => entry.reason === "grant");
}
