// `npm test`: everything, in order — prerequisites, lint, types, unit + route + database suites
// (PGlite, PostgreSQL, Supabase adapter), production build, end-to-end in Chromium.
// Missing Chromium or PostgreSQL is installed from Debian's packages when we are root on
// Debian; otherwise we say what to install and fail. Nothing is ever skipped.
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

function ensure(what, found, debianPackage, hint) {
  if (found()) return;
  if (isRoot && hasApt) {
    console.log(`▶ installing ${what} (apt-get install -y ${debianPackage})`);
    execFileSync("apt-get", ["update", "-qq"], { stdio: "inherit" });
    execFileSync("apt-get", ["install", "-y", "-qq", "--no-install-recommends", debianPackage], {
      stdio: "inherit",
      env: { ...process.env, DEBIAN_FRONTEND: "noninteractive" },
    });
    if (found()) return;
  }
  console.error(`✖ ${what} is required and was not found. ${hint}`);
  process.exit(1);
}

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
  return { passed, failed };
}

function summary(code) {
  const { passed, failed } = counts();
  console.log(`\nSteps: ${timings.join(", ")}`);
  console.log(`${passed} passed, ${failed} failed`);
  process.exit(code === 0 && failed === 0 ? 0 : 1);
}

console.log(`Rendio tests (CI=${isCI ? "true" : "false"})`);
ensure(
  "Chromium (/usr/bin/chromium)",
  () => existsSync("/usr/bin/chromium"),
  "chromium",
  "Install it: sudo apt-get install -y chromium",
);
if (!process.env.DATABASE_URL) {
  ensure(
    "PostgreSQL server binaries (initdb)",
    hasPostgres,
    "postgresql",
    "Install them (sudo apt-get install -y postgresql) or set DATABASE_URL to a server the tests may create databases on.",
  );
}
rmSync(reports, { recursive: true, force: true });
mkdirSync(reports, { recursive: true });

step("lint", "npx", ["biome", "check", "."]);
step("typecheck", "npx", ["tsc", "--noEmit"]);
step("unit, routes and database suites", "npx", [
  "vitest",
  "run",
  "--reporter=default",
  "--reporter=json",
  `--outputFile.json=${path.join(reports, "vitest.json")}`,
]);
step("build", "npx", ["next", "build"]);
step("end-to-end (Chromium)", "npx", ["playwright", "test", "--reporter=list,json"], {
  PLAYWRIGHT_JSON_OUTPUT_NAME: path.join(reports, "playwright.json"),
});
summary(0);
