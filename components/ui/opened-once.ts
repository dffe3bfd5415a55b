import { useState } from "react";

/**
 * Whether `open` has been true at least once. A dialog whose code loads on demand is mounted from
 * its first opening on and then stays, so closing it still runs the native close (focus goes back).
 */
export function useOpenedOnce(open: boolean): boolean {
  const [opened, setOpened] = useState(open);
  if (open && !opened) setOpened(true);
  return opened || open;
}
