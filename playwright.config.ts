import { existsSync } from "node:fs";
import { defineConfig, devices, type Project, webkit } from "@playwright/test";

// E2E_PORT lets two checkouts run their suites side by side.
const baseURL = `http://127.0.0.1:${process.env.E2E_PORT ?? "3100"}`;

/**
 * Specs about the service worker are named for it: a spec file whose name has a word (between
 * dashes or dots) offline, service-worker, background or sw — e.g. offline.spec.ts,
 * pwa-sw.spec.ts, background-jobs.spec.ts — is a worker spec. WebKit runs all the others.
 */
const installSpec = /[\\/]install\.spec\.ts$/;
/**
 * Specs that change what the whole server serves (the update test rewrites public/sw.js): a
 * project of their own runs them after every other test, with nothing beside them.
 */
const aloneSpecs = /[\\/]service-worker-update\.spec\.ts$/;
const workerSpecs = /[\\/](?:[^\\/]*[-.])?(?:offline|service-worker|background|sw)[-.][^\\/]*$/;
/** The same, as `grep` sees a test: its title starts with its file's path (relative to testDir). */
const workerSpecTitles =
  /(?:^|[\s\\/])(?:[^\\/\s]*[-.])?(?:offline|service-worker|background|sw)[-.]\S*\.ts /;
/** Specs named http-*.spec.ts test the server over plain HTTP (no browser): one project runs them. */
// Specs about the server, not a layout (HTTP answers, an own server of the built app): the
// desktop project alone runs them.
const httpSpecs =
  /[\\/](?:http-[^\\/]*|api-routing\.spec\.ts|client-address\.spec\.ts|turnstile\.spec\.ts|fal-provider\.spec\.ts|supabase-mode\.spec\.ts)$/;

/**
 * Playwright's own WebKit, only where it is installed (QA machines): its download host is not
 * reachable here, so elsewhere the project is simply absent. Service workers are blocked in it —
 * WebKitGTK's real worker is checked by scripts/webkit-check.mjs.
 */
const webkitProjects: Project[] = existsSync(webkit.executablePath())
  ? [
      {
        name: "webkit",
        testIgnore: [workerSpecs, httpSpecs],
        // launchOptions: {} drops the Debian Chromium path and flags set for every project below.
        use: {
          ...devices["iPhone 15"],
          serviceWorkers: "block",
          launchOptions: {},
          // Its iPhone Safari would get the one-time install sheet on Home in every spec; the
          // sheet has its own spec, which starts from a clean device.
          storageState: {
            cookies: [],
            origins: [
              { origin: baseURL, localStorage: [{ name: "rendio.installHintDismissed", value: "1" }] },
            ],
          },
        },
      },
    ]
  : [];

export default defineConfig({
  testDir: "./e2e",
  // Two tests at a time on two cores that also serve and render video: a test and a hydrating
  // page get some slack (a timeout only decides how long a failure takes to show).
  timeout: 90_000,
  expect: { timeout: 15_000 },
  retries: 0,
  // One test file per core. The whole suite keeps both cores busy (renders, page loads, axe), so
  // a third file at a time only makes every test slower: the 171 tests' run took 7.3 min with two
  // workers against 8.1 with three (with traces recorded: 712 s against 751 s, and 852 with four). Specs
  // share the one server, so none may assume it is alone on it (each plays its own client
  // addresses; seeded people are claimed per test); the ones that change what every page is
  // served run alone, last (aloneSpecs).
  workers: 2,
  forbidOnly: !!process.env.CI,
  reporter: [["list"], ["html", { open: "never" }]],
  use: {
    baseURL,
    // Reduced motion, as many phones are set: no spinner, aurora or sliding band is drawn frame
    // after frame while a test waits, and Playwright's clicks find their element still at once.
    // The featured carousel, the one piece of code that reads the setting, is tested both ways.
    reducedMotion: "reduce",
    // A trace records every test as it runs (a screencast and a DOM snapshot per action) and is
    // thrown away when the test passes: that recording took a third of the suite's time (45 tests:
    // 171-189 s with it, 118-122 s without, 138 s without its screenshots). CI keeps only its log,
    // so there it would be paid for nothing; a local run keeps the trace of a failed test.
    trace: process.env.CI ? "off" : "retain-on-failure",
    // Debian's Chromium; Playwright's own browser downloads are not reachable here.
    launchOptions: {
      executablePath: "/usr/bin/chromium",
      args: [
        "--no-sandbox",
        "--headless",
        "--disable-gpu",
        "--disable-background-networking",
        "--disable-component-update",
        "--disable-sync",
        "--no-first-run",
        "--disable-quic",
      ],
    },
  },
  projects: [
    // Behaviour is tested once, on the desktop. The phone runs what differs there — layout,
    // navigation and accessibility, tests tagged @phone (@phone-only: nowhere else; a test that
    // sets a phone's width is the phone's alone, the desktop would repeat it) — and the
    // worker specs, which test the browser, not a layout, in the window people install: the phone.
    {
      name: "chromium-desktop",
      testIgnore: workerSpecs,
      grepInvert: /@phone-only/,
      // The worker is the phone's to test (the worker specs above, and every @phone test runs
      // with it). Here it would install and precache the app in each test's fresh browser, about
      // a third of the CPU a page load costs; the desktop tests about the worker ask for it.
      use: { ...devices["Desktop Chrome"], serviceWorkers: "block" },
    },
    {
      name: "chromium-mobile",
      testIgnore: [installSpec, httpSpecs, aloneSpecs],
      grep: [/@phone\b/, workerSpecTitles],
      use: { ...devices["Pixel 7"] },
    },
    // Worker specs, so the phone's; after every other project, so with no other test running
    // (`--no-deps` runs it without them).
    {
      name: "chromium-mobile-alone",
      testMatch: aloneSpecs,
      dependencies: [
        "chromium-desktop",
        "chromium-mobile",
        ...webkitProjects.flatMap((project) => (project.name ? [project.name] : [])),
      ],
      use: { ...devices["Pixel 7"] },
    },
    ...webkitProjects,
  ],
  webServer: {
    command: "node scripts/e2e-server.mjs",
    url: `${baseURL}/api/health`,
    reuseExistingServer: !process.env.CI,
    // The database is migrated and seeded (scripts/test-support/e2e/seed.ts) before the server starts.
    timeout: 240_000,
  },
});
