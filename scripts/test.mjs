// `npm test`: everything, in order — prerequisites, lint, types, unit + route + database suites
// (PGlite, PostgreSQL, Supabase adapter), production build, end-to-end in Chromium, then the core
// flow in a real WebKit (WebKitGTK under Xvfb, scripts/webkit-check.mjs). Missing system packages
// (Chromium, PostgreSQL, WebKitGTK's driver, Xvfb, GStreamer's H.264 decoder) are installed from
// Debian's packages in one apt call when we are root on Debian; otherwise we say what to install
// and fail. Nothing is ever skipped.
import { execFileSync, spawnSync } from "node:child_process";
import { existsSync, mkdirSync, readdirSync, readFileSync, rmSync } from "node:fs";
import path from "node:path";

const isCI = process.env.CI === "true" || process.env.CI === "1";
const isRoot = process.getuid?.() === 0;
const hasApt = existsSync("/usr/bin/apt-get");
const reports = path.resolve(".test-data/reports");
const timings = [];

function step(name, command, args, env = {}) {
  console.log(`\n▶ ${name}: ${[command, ...args].join(" ")}`);
  const started = Date.now();
  const result = spawnSync(command, args, { stdio: "inherit", env: { ...process.env, ...env } });
  const seconds = ((Date.now() - started) / 1000).toFixed(1);
  timings.push(`${name} ${seconds}s`);
  if (result.status !== 0) {
    console.error(`\n✖ ${name} failed (${seconds}s).`);
    summary(1);
  }
}

/** Each requirement: { what, found(), debianPackage }. The missing ones are installed together. */
function ensure(requirements) {
  let missing = requirements.filter((requirement) => !requirement.found());
  if (missing.length === 0) return;
  const packages = () => [...new Set(missing.map((requirement) => requirement.debianPackage))];
  if (isRoot && hasApt) {
    console.log(
      `▶ installing ${missing.map((r) => r.what).join(", ")} (apt-get install -y ${packages().join(" ")})`,
    );
    execFileSync("apt-get", ["update", "-qq"], { stdio: "inherit" });
    execFileSync("apt-get", ["install", "-y", "-qq", "--no-install-recommends", ...packages()], {
      stdio: "inherit",
      env: { ...process.env, DEBIAN_FRONTEND: "noninteractive" },
    });
    missing = missing.filter((requirement) => !requirement.found());
    if (missing.length === 0) return;
  }
  for (const requirement of missing) console.error(`✖ ${requirement.what} is required and was not found.`);
  console.error(`Install: sudo apt-get install -y ${packages().join(" ")}`);
  if (missing.some((requirement) => requirement.debianPackage === "postgresql")) {
    console.error("(or set DATABASE_URL to a PostgreSQL server the tests may create databases on)");
  }
  process.exit(1);
}

/** A GStreamer plugin in any multiarch directory (WebKitGTK plays media through GStreamer). */
const hasGstPlugin = (file) =>
  readdirSync("/usr/lib").some((dir) => existsSync(`/usr/lib/${dir}/gstreamer-1.0/${file}`));

const hasPostgres = () =>
  (existsSync("/usr/lib/postgresql") &&
    readdirSync("/usr/lib/postgresql").some((v) => existsSync(`/usr/lib/postgresql/${v}/bin/initdb`))) ||
  spawnSync("sh", ["-c", "command -v initdb"]).status === 0;

function counts() {
  let passed = 0;
  let failed = 0;
  const read = (file) => (existsSync(file) ? JSON.parse(readFileSync(file, "utf8")) : undefined);
  const vitest = read(path.join(reports, "vitest.json"));
  if (vitest) {
    passed += vitest.numPassedTests;
    failed += vitest.numFailedTests;
  }
  const playwright = read(path.join(reports, "playwright.json"));
  if (playwright) {
    passed += playwright.stats.expected + playwright.stats.flaky;
    failed += playwright.stats.unexpected;
  }
  const webkit = read(path.join(reports, "webkit.json"));
  if (webkit) {
    passed += webkit.passed;
    failed += webkit.failed;
  }
  return { passed, failed };
}

function summary(code) {
  const { passed, failed } = counts();
  console.log(`\nSteps: ${timings.join(", ")}`);
  console.log(`${passed} passed, ${failed} failed`);
  process.exit(code === 0 && failed === 0 ? 0 : 1);
}

console.log(`Rendio tests (CI=${isCI ? "true" : "false"})`);
ensure([
  {
    what: "Chromium (/usr/bin/chromium)",
    found: () => existsSync("/usr/bin/chromium"),
    debianPackage: "chromium",
  },
  ...(process.env.DATABASE_URL
    ? []
    : [{ what: "PostgreSQL server binaries (initdb)", found: hasPostgres, debianPackage: "postgresql" }]),
  {
    what: "WebKitGTK's WebDriver (/usr/bin/WebKitWebDriver)",
    found: () => existsSync("/usr/bin/WebKitWebDriver"),
    debianPackage: "webkit2gtk-driver",
  },
  { what: "Xvfb", found: () => existsSync("/usr/bin/Xvfb"), debianPackage: "xvfb" },
  // MP4 demuxing (isomp4) and H.264/AAC decoding (avdec_*) so the generated video plays in WebKitGTK.
  {
    what: "GStreamer's MP4 demuxer",
    found: () => hasGstPlugin("libgstisomp4.so"),
    debianPackage: "gstreamer1.0-plugins-good",
  },
  {
    what: "GStreamer's H.264 decoder (libav)",
    found: () => hasGstPlugin("libgstlibav.so"),
    debianPackage: "gstreamer1.0-libav",
  },
]);
rmSync(reports, { recursive: true, force: true });
mkdirSync(reports, { recursive: true });

step("lint", "npx", ["biome", "check", "."]);
step("typecheck", "npm", ["run", "typecheck"]);
step("unit, routes and database suites", "npx", [
  "vitest",
  "run",
  "--reporter=default",
  "--reporter=json",
  `--outputFile.json=${path.join(reports, "vitest.json")}`,
]);
step("build", "npm", ["run", "build"]);
step("end-to-end (Chromium)", "npx", ["playwright", "test", "--reporter=list,json"], {
  PLAYWRIGHT_JSON_OUTPUT_NAME: path.join(reports, "playwright.json"),
});
step("WebKit core flow (WebKitGTK)", "node", ["scripts/webkit-check.mjs"]);
summary(0);
