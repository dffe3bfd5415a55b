/**
 * Loads Cloudflare Turnstile's api.js once, in explicit render mode. The script element is made
 * here, not by the server, so a strict-dynamic CSP trusts it through the page's own code.
 */

export const TURNSTILE_SCRIPT = "https://challenges.cloudflare.com/turnstile/v0/api.js?render=explicit";

export type TurnstileOptions = {
  sitekey: string;
  action?: string;
  language?: string;
  theme?: "light" | "dark" | "auto";
  appearance?: "always" | "execute" | "interaction-only";
  "refresh-expired"?: "auto" | "manual" | "never";
  callback?: (token: string) => void;
  "error-callback"?: (code: string) => boolean | undefined;
  "expired-callback"?: () => void;
  "timeout-callback"?: () => void;
};

export type Turnstile = {
  render(container: HTMLElement, options: TurnstileOptions): string | undefined;
  reset(widgetId?: string): void;
  remove(widgetId?: string): void;
};

type Host = { turnstile?: Turnstile };
type Page = { createElement(tag: "script"): HTMLScriptElement; head: { append(node: Node): void } };

let loading: Promise<Turnstile> | null = null;

export function loadTurnstile(host: Host = window as Host, page: Page = document): Promise<Turnstile> {
  if (host.turnstile) return Promise.resolve(host.turnstile);
  loading ??= new Promise<Turnstile>((resolve, reject) => {
    const script = page.createElement("script");
    script.src = TURNSTILE_SCRIPT;
    script.async = true;
    script.onload = () => {
      if (host.turnstile) resolve(host.turnstile);
      else fail(new Error("Turnstile's script ran but did not start"));
    };
    script.onerror = () => fail(new Error("Turnstile's script could not load"));
    // A failed load may be retried with a new element (the network may be back).
    const fail = (error: Error) => {
      loading = null;
      script.remove();
      reject(error);
    };
    page.head.append(script);
  });
  return loading;
}
