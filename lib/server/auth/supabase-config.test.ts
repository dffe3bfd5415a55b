import { existsSync, readFileSync } from "node:fs";
import path from "node:path";
import { parse } from "smol-toml";
import { describe, expect, test } from "vitest";
import { CODE_LENGTH } from "../../contracts/auth";
import { MAX_OUTPUT_BYTES } from "../providers/fal/output";
import { CODE_TTL_SECONDS, RESEND_AFTER_SECONDS } from "./codes";

/**
 * supabase/config.toml holds the Supabase Auth and Storage settings the app relies on (what
 * `supabase start` runs locally and `supabase config push` sends to a hosted project).
 */

const root = path.resolve(import.meta.dirname, "../../..");
type Table = Record<string, unknown>;
const config = parse(readFileSync(path.join(root, "supabase/config.toml"), "utf8")) as Table;
const section = (...keys: string[]): Table => keys.reduce<Table>((table, key) => table[key] as Table, config);

const auth = section("auth");
const email = section("auth", "email");
const codeTemplates = ["magic_link", "confirmation", "email_change"];

/** "30s", "2m" → seconds; "200MiB", "50MB" → bytes: the CLI's duration and size notations. */
function seconds(value: unknown): number {
  const match = /^(\d+)(s|m|h)$/.exec(String(value));
  if (!match) throw new Error(`not a duration: ${value}`);
  return Number(match[1]) * { s: 1, m: 60, h: 3600 }[match[2] as "s" | "m" | "h"];
}
function bytes(value: unknown): number {
  const match = /^(\d+)(KiB|MiB|GiB|KB|MB|GB)$/.exec(String(value));
  if (!match) throw new Error(`not a size: ${value}`);
  const units = { KiB: 2 ** 10, MiB: 2 ** 20, GiB: 2 ** 30, KB: 1e3, MB: 1e6, GB: 1e9 };
  return Number(match[1]) * units[match[2] as keyof typeof units];
}

test("the project is rendio, on a PostgreSQL major version hosted projects run", () => {
  expect(config.project_id).toBe("rendio");
  expect([15, 17]).toContain(section("db").major_version);
});

test("guests are anonymous users, and a guest can link Sign in with Apple", () => {
  expect(auth.enable_signup).toBe(true);
  expect(auth.enable_anonymous_sign_ins).toBe(true);
  expect(auth.enable_manual_linking).toBe(true);
});

test("email sign-in sends codes of the app's length and lifetime, confirmations on", () => {
  expect(email.enable_signup).toBe(true);
  expect(email.enable_confirmations).toBe(true);
  expect(email.otp_length).toBe(CODE_LENGTH);
  expect(email.otp_expiry).toBe(CODE_TTL_SECONDS);
  expect(seconds(email.max_frequency)).toBeLessThanOrEqual(RESEND_AFTER_SECONDS);
});

describe.each(codeTemplates)("the %s email", (name) => {
  const template = section("auth", "email", "template", name);
  const file = path.join(root, String(template.content_path));
  const body = existsSync(file) ? readFileSync(file, "utf8") : "";

  test("carries the code, not a link, in its subject and body", () => {
    expect(existsSync(file), `${template.content_path} exists`).toBe(true);
    expect(body).toContain("{{ .Token }}");
    expect(body).not.toContain(".ConfirmationURL");
    expect(String(template.subject)).toContain("{{ .Token }}");
  });

  test("says how long the code lives, in English, Turkish and Spanish", () => {
    const minutes = CODE_TTL_SECONDS / 60;
    for (const words of [`${minutes} minutes`, `${minutes} dakika`, `${minutes} minutos`]) {
      expect(body).toContain(words);
    }
  });

  test("is a well-formed Go template (actions closed, every if ended)", () => {
    for (const text of [body, String(template.subject)]) {
      expect(text.split("{{").length).toBe(text.split("}}").length);
      expect(text.match(/\{\{ if /g)?.length).toBe(text.match(/\{\{ end \}\}/g)?.length);
    }
  });
});

test("the seed files exist, and Apple's secret comes from the environment", () => {
  const seed = section("db", "seed");
  expect(seed.enabled).toBe(true);
  for (const file of seed.sql_paths as string[]) {
    expect(existsSync(path.join(root, "supabase", file)), file).toBe(true);
  }
  const apple = section("auth", "external", "apple");
  expect(apple.enabled).toBe(false);
  expect(apple.secret).toMatch(/^env\(\w+\)$/);
});

test("redirects go to the app's auth callback; uploads fit the largest video", () => {
  expect(auth.additional_redirect_urls).not.toHaveLength(0);
  for (const url of auth.additional_redirect_urls as string[]) {
    expect(new URL(url.replace(/\*+$/, "")).pathname).toBe("/api/auth/callback");
  }
  expect(bytes(section("storage").file_size_limit)).toBeGreaterThanOrEqual(MAX_OUTPUT_BYTES);
});
