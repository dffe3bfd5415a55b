import { mkdirSync, readFileSync } from "node:fs";
import path from "node:path";
import type { BrowserContext } from "@playwright/test";

/**
 * People with finished videos, seeded into the e2e server's database before it starts
 * (scripts/test-support/e2e/seed.ts): a spec that only needs a finished video takes one here
 * instead of rendering it. Each person goes to one test only (a claim is a directory made
 * atomically next to the pool), so tests may delete, share or spend freely.
 *
 * - "finished": a guest with two finished videos ("Lighthouse at dusk number 1" and "… 2",
 *   3 credits each, so 4 of the 10 free credits left).
 * - "history": a guest with 20 failed, refunded jobs ("Broken photo number 1" … 20) and then the
 *   same two finished videos: more than a page of History.
 * - "mixed": a guest with the same two finished videos and then one failed, refunded job
 *   ("Broken photo number 1"): every kind of card History shows.
 * - "failed-tr": a guest whose language is Turkish with only that failed, refunded job.
 */
export type SeededPerson = {
  kind: "finished" | "history" | "mixed" | "failed-tr";
  userId: string;
  /** The value of the app's session cookie (rendio_session). */
  cookie: string;
  /** Newest first. */
  jobs: { id: string; prompt: string; status: "completed" | "failed" }[];
};

export const SEEDED_CREDITS_LEFT = 4;

/** Where the seed writes its pool: beside the e2e server's data (E2E_DATA_DIR, as scripts/e2e-server.mjs). */
export function seededPoolFile(dataDir = path.resolve(process.env.E2E_DATA_DIR ?? ".test-data/e2e")): string {
  return path.join(dataDir, "seeded-people.json");
}

/** Claims the next unused seeded person of this kind and signs the browser context in as them. */
export async function seededPerson(
  context: BrowserContext,
  baseURL: string | undefined,
  kind: SeededPerson["kind"] = "finished",
): Promise<SeededPerson> {
  const file = seededPoolFile();
  const people = (JSON.parse(readFileSync(file, "utf8")) as SeededPerson[]).filter((p) => p.kind === kind);
  const person = people.find((candidate) => claim(path.dirname(file), candidate.userId));
  if (!person) throw new Error(`every seeded "${kind}" person is taken: restart the e2e server`);
  if (!baseURL) throw new Error("no baseURL");
  await context.addCookies([{ name: "rendio_session", value: person.cookie, url: baseURL }]);
  return person;
}

function claim(dataDir: string, userId: string): boolean {
  try {
    mkdirSync(path.join(dataDir, "seeded-claims", userId), { recursive: false });
    return true;
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code === "ENOENT") {
      mkdirSync(path.join(dataDir, "seeded-claims"), { recursive: true });
      return claim(dataDir, userId);
    }
    return false;
  }
}
