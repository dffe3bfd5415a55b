import { mkdirSync, rmSync, writeFileSync } from "node:fs";
import path from "node:path";
import type { TestProject } from "vitest/node";
import { migrate } from "../../../lib/server/db/migrate";
import { openPglite, pgliteMigrationDriver } from "../../../lib/server/db/pglite";

/** Migrates one in-memory PGlite and dumps it; each test file then starts from that dump. */
export default async function setup(project: TestProject) {
  const db = await openPglite();
  await migrate(pgliteMigrationDriver(db), { includeLocal: true });
  const dump = await db.dumpDataDir("none");
  await db.close();
  const dir = path.resolve(".test-data");
  mkdirSync(dir, { recursive: true });
  const file = path.join(dir, `pglite-template-${process.pid}.tar`);
  writeFileSync(file, Buffer.from(await dump.arrayBuffer()));
  project.provide("pgliteTemplate", file);
  return () => rmSync(file, { force: true });
}
