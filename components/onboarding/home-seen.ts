/**
 * A cookie that says this browser has been on Home with a session before. The server reads it:
 * the welcome banner is for a new guest's first Home only, and install prompts wait for a later
 * visit. Not "use client": the server imports the name.
 */
export const homeSeenCookie = "rendio_home_seen";

const oneYear = 60 * 60 * 24 * 365;

/** Sets the cookie (in the browser), so the next visit is a returning one. */
export function markHomeSeen(): void {
  const secure = window.location.protocol === "https:" ? "; Secure" : "";
  // biome-ignore lint/suspicious/noDocumentCookie: one flag, read by the server on the next visit.
  document.cookie = `${homeSeenCookie}=1; Path=/; Max-Age=${oneYear}; SameSite=Lax${secure}`;
}

// The welcome (and what waits for it) belongs to one page life: Home shown again in the same
// document, e.g. from the router's cache, does not bring the banner back or offer the install.
let welcomedInThisPage = false;

export function noteWelcomeShown(): void {
  welcomedInThisPage = true;
}

export function welcomeShownInThisPage(): boolean {
  return welcomedInThisPage;
}
