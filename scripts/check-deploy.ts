// `npm run check:deploy [-- --env-file .env.production.local]`: checks a Supabase + Vercel + fal
// deployment's settings and its live Supabase project, prints what is missing or wrong, and
// changes nothing. Exit code 1 when something must be fixed. See docs/deploy.md.
import { parseArgs } from "node:util";
import { checkDeployment, type Finding } from "./deploy-checks";

const { values } = parseArgs({ options: { "env-file": { type: "string" } } });
if (values["env-file"]) process.loadEnvFile(values["env-file"]);

const AREAS: Record<Finding["area"], string> = {
  settings: "Settings",
  auth: "Supabase Auth",
  database: "Database",
  storage: "Storage",
  "auth-config": "Auth configuration (Management API)",
};
const MARK: Record<Finding["status"], string> = { ok: "✓", problem: "✗", warning: "!", skipped: "-" };

const findings = await checkDeployment(process.env);
for (const [area, title] of Object.entries(AREAS)) {
  const inArea = findings.filter((finding) => finding.area === area);
  if (inArea.length === 0) continue;
  console.log(title);
  for (const finding of inArea) console.log(`  ${MARK[finding.status]} ${finding.message}`);
}
const problems = findings.filter((finding) => finding.status === "problem").length;
const warnings = findings.filter((finding) => finding.status === "warning").length;
console.log(
  problems === 0
    ? `Ready to deploy${warnings ? ` (${warnings} warning${warnings > 1 ? "s" : ""})` : ""}. Nothing was changed.`
    : `${problems} problem${problems > 1 ? "s" : ""}, ${warnings} warning${warnings === 1 ? "" : "s"}. Nothing was changed.`,
);
process.exitCode = problems === 0 ? 0 : 1;
