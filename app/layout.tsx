import { RefreshCw, WifiOff } from "lucide-react";
import type { Metadata, Viewport } from "next";
import { headers } from "next/headers";
import { getLocale, getTranslations } from "next-intl/server";
import type { ReactNode } from "react";
import { CaptchaProvider } from "@/components/captcha/captcha-provider";
import { InstallCaptureScript } from "@/components/install/install-capture-script";
import { InstallListener } from "@/components/install/install-listener";
import { Observability } from "@/components/observability/observability";
import { observabilityProps } from "@/components/observability/settings";
import { OfflineBanner } from "@/components/pwa/offline-banner";
import { ServiceWorker } from "@/components/pwa/service-worker";
import { TabSync } from "@/components/pwa/tab-sync";
import { WorkerMessages } from "@/components/pwa/worker-messages";
import { EarlyTapReplay } from "@/components/shell/early-tap-replay";
import { EarlyTapScript } from "@/components/shell/early-tap-script";
import { IntentLinks } from "@/components/shell/intent-links";
import { SkipLink } from "@/components/shell/skip-link";
import { TabBar } from "@/components/shell/tab-bar";
import { ThemeScript } from "@/components/shell/theme-script";
import { ThemeSync } from "@/components/shell/theme-sync";
import { TopNav } from "@/components/shell/top-nav";
import { readsStartupImages, startupImages } from "@/lib/pwa/startup-images";
import { getConfig } from "@/lib/server/config";
import "./globals.css";

export async function generateMetadata(): Promise<Metadata> {
  const [t, install, requestHeaders] = await Promise.all([
    getTranslations("app"),
    getTranslations("install"),
    headers(),
  ]);
  const launchScreens = readsStartupImages(requestHeaders.get("user-agent"));
  return {
    title: { default: t("name"), template: `%s · ${t("name")}` },
    description: t("description"),
    applicationName: t("name"),
    // The manifest link comes from app/manifest.ts; iOS reads these instead. Listing icons here
    // replaces the app/icon.svg link Next would add, so it is named again.
    icons: {
      icon: [{ url: "/icon.svg", type: "image/svg+xml" }],
      apple: [{ url: "/apple-touch-icon.png", sizes: "180x180", type: "image/png" }],
    },
    appleWebApp: {
      capable: true,
      title: install("shortName"),
      // "default" keeps the clock readable on both themes (black-translucent is always white
      // text) and puts the page below the status bar; pages still pad by the safe area.
      statusBarStyle: "default",
      startupImage: launchScreens ? startupImages().map(({ url, media }) => ({ url, media })) : undefined,
    },
    // Next renders only `mobile-web-app-capable` for appleWebApp.capable; iOS needs its own tag
    // for standalone launch and the startup images (vercel/next.js#70363, #74524).
    other: { "apple-mobile-web-app-capable": "yes" },
  };
}

export const viewport: Viewport = {
  width: "device-width",
  initialScale: 1,
  viewportFit: "cover",
  themeColor: [
    { media: "(prefers-color-scheme: light)", color: "#f8fafc" },
    { media: "(prefers-color-scheme: dark)", color: "#0d0d0f" },
  ],
};

/**
 * The app shell: top navigation from 768 px, a bottom tab bar below, the
 * page between them. No per-user data here, so the shell can be cached and served offline.
 */
export default async function RootLayout({ children }: { children: ReactNode }) {
  const [locale, t, requestHeaders] = await Promise.all([getLocale(), getTranslations(), headers()]);
  // Set by proxy.ts. Reading it renders every page per request: a nonce cannot be prebuilt.
  const nonce = requestHeaders.get("x-nonce") ?? undefined;
  const observability = observabilityProps();

  return (
    // data-theme is set before hydration by ThemeScript, hence suppressHydrationWarning.
    <html lang={locale} suppressHydrationWarning>
      <head>
        <ThemeScript nonce={nonce} />
        <InstallCaptureScript nonce={nonce} />
        <EarlyTapScript nonce={nonce} />
      </head>
      <body className="flex min-h-dvh flex-col bg-surface-base font-sans text-text-primary antialiased">
        {/* The shell's islands get their words as props; each page hands its own islands theirs (ClientMessages). */}
        <SkipLink label={t("nav.skipToContent")} />
        <OfflineBanner
          texts={{ title: t("pwa.offlineTitle"), detail: t("pwa.offlineDetail") }}
          icon={<WifiOff aria-hidden="true" className="size-4 shrink-0 text-warning" />}
        />
        <TopNav />
        <div
          id="content"
          tabIndex={-1}
          className="flex flex-1 flex-col pb-[calc(var(--tabbar-height)+env(safe-area-inset-bottom,0px))] px-safe outline-none"
        >
          {/* The Turnstile site key, when configured: new guests and sign-in codes need a token. */}
          <CaptchaProvider siteKey={getConfig().turnstile?.siteKey ?? null}>{children}</CaptchaProvider>
        </div>
        <TabBar />
        <ThemeSync />
        <EarlyTapReplay />
        <IntentLinks />
        {/* `next dev` serves no worker: it would cache code that changes on every edit. */}
        <ServiceWorker
          enabled={getConfig().nodeEnv === "production"}
          texts={{ updateReady: t("pwa.updateReady"), reload: t("pwa.reload") }}
          reloadIcon={<RefreshCw aria-hidden="true" className="size-4" />}
        />
        <InstallListener />
        <WorkerMessages />
        <TabSync />
        {observability && <Observability {...observability} />}
      </body>
    </html>
  );
}
