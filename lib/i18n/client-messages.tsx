import { NextIntlClientProvider } from "next-intl";
import { getMessages } from "next-intl/server";
import type { ReactNode } from "react";

type Namespace = keyof Awaited<ReturnType<typeof getMessages>>;

/**
 * Hands the browser only the message namespaces the client islands below read: each page names
 * its own (the server renders everything else with all messages). The layout has none: the
 * shell's islands take their words as props, so a page without islands that translate loads no
 * translation runtime. A page lists every namespace its islands use.
 */
export async function ClientMessages({
  namespaces,
  children,
}: {
  namespaces: readonly Namespace[];
  children: ReactNode;
}) {
  const messages = await getMessages();
  const picked = Object.fromEntries(namespaces.map((namespace) => [namespace, messages[namespace]]));
  return <NextIntlClientProvider messages={picked}>{children}</NextIntlClientProvider>;
}
