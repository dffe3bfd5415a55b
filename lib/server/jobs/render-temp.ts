import { randomBytes } from "node:crypto";
import { mkdir, mkdtemp, readdir, rm } from "node:fs/promises";
import path from "node:path";

/**
 * Work folders of local renders. They live under this server's own DATA_DIR, never the OS temp
 * directory other servers and tests share, so a server cleaning up at start removes only what a
 * previous (killed) server of the same DATA_DIR left. Each folder starts with this process's run
 * mark, so the clean-up never removes a render this process has already started.
 */

const holder = globalThis as typeof globalThis & { __rendioRenderRun?: string };

/** Random per process: a restarted container's pid can equal its predecessor's. */
function runMark(): string {
  holder.__rendioRenderRun ??= randomBytes(6).toString("hex");
  return holder.__rendioRenderRun;
}

export function renderTempRoot(dataDir: string): string {
  return path.resolve(dataDir, "tmp", "renders");
}

/** A fresh, empty work folder for one render. */
export async function makeRenderDir(dataDir: string): Promise<string> {
  const root = renderTempRoot(dataDir);
  await mkdir(root, { recursive: true });
  return mkdtemp(path.join(root, `${runMark()}-`));
}

/** Removes the work folders earlier server processes left; returns how many went. */
export async function removeRenderLeftovers(dataDir: string): Promise<number> {
  const root = renderTempRoot(dataDir);
  let names: string[];
  try {
    names = await readdir(root);
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code === "ENOENT") return 0;
    throw error;
  }
  const leftovers = names.filter((name) => !name.startsWith(`${runMark()}-`));
  await Promise.all(leftovers.map((name) => rm(path.join(root, name), { recursive: true, force: true })));
  return leftovers.length;
}
