import type { Messages, NestedKeyOf } from "next-intl";
import { NextIntlClientProvider } from "next-intl";
import { getMessages } from "next-intl/server";
import type { ReactNode } from "react";
import { type MessageTree, pickMessages } from "./pick-messages";

/**
 * Hands the browser only the messages the client islands below read: each page names its own
 * (the server renders everything else with all messages), whole namespaces ("home") or just the
 * parts its islands use ("auth.haveAccount"). The layout has none: the shell's islands take their
 * words as props, so a page without islands that translate loads no translation runtime.
 */
export async function ClientMessages({
  namespaces,
  children,
}: {
  namespaces: readonly NestedKeyOf<Messages>[];
  children: ReactNode;
}) {
  const messages = (await getMessages()) as MessageTree;
  return (
    <NextIntlClientProvider messages={pickMessages(messages, namespaces)}>{children}</NextIntlClientProvider>
  );
}
