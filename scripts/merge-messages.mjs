// Merges a fragment { "en": {...}, "tr": {...}, "es": {...} } into messages/<locale>.json,
// replacing only the namespaces the fragment names (read-modify-write of each file at once, so
// people adding different namespaces at the same time do not overwrite each other).
// Usage: node scripts/merge-messages.mjs fragment.json
import { readFileSync, renameSync, writeFileSync } from "node:fs";

const fragment = JSON.parse(readFileSync(process.argv[2], "utf8"));
for (const locale of ["en", "tr", "es"]) {
  const part = fragment[locale];
  if (!part) throw new Error(`fragment has no "${locale}"`);
  const file = `messages/${locale}.json`;
  const messages = JSON.parse(readFileSync(file, "utf8"));
  for (const [namespace, value] of Object.entries(part)) {
    const current = messages[namespace];
    messages[namespace] =
      current && typeof current === "object" && typeof value === "object" ? { ...current, ...value } : value;
  }
  writeFileSync(`${file}.tmp`, `${JSON.stringify(messages, null, 2)}\n`);
  renameSync(`${file}.tmp`, file);
}
console.log(`merged ${Object.keys(fragment.en).join(", ")} into messages/{en,tr,es}.json`);
