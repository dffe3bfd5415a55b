/** localStorage key that mirrors the saved theme so the first paint already uses it. */
export const themeStorageKey = "rendio.theme";

// Runs before the first paint: applies a forced theme saved on this device. No user data in
// the page source; a failure (storage blocked) just leaves the system theme.
const script = `try{var t=localStorage.getItem(${JSON.stringify(themeStorageKey)});if(t==="light"||t==="dark")document.documentElement.setAttribute("data-theme",t)}catch(e){}`;

/** `nonce`: the page's Content-Security-Policy nonce, without which the script would not run. */
export function ThemeScript({ nonce }: { nonce: string | undefined }) {
  // biome-ignore lint/security/noDangerouslySetInnerHtml: a constant string, no user input.
  return <script nonce={nonce} dangerouslySetInnerHTML={{ __html: script }} />;
}
