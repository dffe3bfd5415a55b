import { InlineScript } from "@/components/shell/inline-script";

/** Where the inline script leaves a `beforeinstallprompt` that fired before the app's code ran. */
export const earlyInstallPromptKey = "__rendioInstallPrompt";

// Chromium fires `beforeinstallprompt` once per page load, possibly before the app's JavaScript
// has loaded: caught here, in the head, it is kept for install-state.ts instead of being lost.
const script = `addEventListener("beforeinstallprompt",function(e){e.preventDefault();window.${earlyInstallPromptKey}=e})`;

export function InstallCaptureScript({ nonce }: { nonce: string | undefined }) {
  return <InlineScript nonce={nonce} code={script} />;
}
