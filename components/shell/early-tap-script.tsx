import { InlineScript } from "@/components/shell/inline-script";

/** Where the inline script leaves the function that replays the taps it held back. */
export const replayEarlyTapsKey = "__rendioReplayEarlyTaps";

// A button in the server's HTML can be tapped before the page's code has loaded; React would never
// see that tap, and the person would have to tap again. Until the app has hydrated, this holds each
// tapped button back (once, in order) and stops the browser's default (a form's native submit);
// EarlyTapReplay clicks them again once React handles clicks. Links, and the buttons of a form with
// its own action (a plain post such as Sign in with Apple), are left alone: they work without code.
const script = `(function(){var q=[];function hold(e){var b=e.target instanceof Element&&e.target.closest("button");if(!b||b.disabled||(b.form&&b.form.hasAttribute("action")))return;e.preventDefault();e.stopImmediatePropagation();if(q.indexOf(b)<0)q.push(b)}addEventListener("click",hold,true);window.${replayEarlyTapsKey}=function(){removeEventListener("click",hold,true);q.splice(0).forEach(function(b){if(b.isConnected&&!b.disabled)b.click()})}})()`;

export function EarlyTapScript({ nonce }: { nonce: string | undefined }) {
  return <InlineScript nonce={nonce} code={script} />;
}
