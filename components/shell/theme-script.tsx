import { InlineScript } from "@/components/shell/inline-script";

/** localStorage key that mirrors the saved theme so the first paint already uses it. */
export const themeStorageKey = "rendio.theme";

// Runs before the first paint: applies a forced theme saved on this device. No user data in
// the page source; a failure (storage blocked) just leaves the system theme.
const script = `try{var t=localStorage.getItem(${JSON.stringify(themeStorageKey)});if(t==="light"||t==="dark")document.documentElement.setAttribute("data-theme",t)}catch(e){}`;

export function ThemeScript({ nonce }: { nonce: string | undefined }) {
  return <InlineScript nonce={nonce} code={script} />;
}
