import { existsSync, mkdirSync, readdirSync, writeFileSync } from "node:fs";
import path from "node:path";
import { afterAll, beforeAll, expect, test } from "vitest";
import { eventually, openRouteDatabase, type RouteDb } from "@/scripts/test-support/routes";
import { startBackgroundWork } from "./background";
import { makeRenderDir, renderTempRoot } from "./render-temp";

let route: RouteDb;
beforeAll(async () => {
  route = await openRouteDatabase();
});
afterAll(() => route.close());

/** What a server killed mid-render leaves: a work folder with half a video in it. */
function leaveUnfinishedRender(name: string): string {
  const folder = path.join(renderTempRoot(route.dataDir), name);
  mkdirSync(path.join(folder, ".text-x"), { recursive: true });
  writeFileSync(path.join(folder, "preview.mp4"), "half a video");
  return folder;
}

test("render work folders live in DATA_DIR, not the shared OS temp directory", async () => {
  const folder = await makeRenderDir(route.dataDir);
  expect(path.dirname(folder)).toBe(path.join(route.dataDir, "tmp", "renders"));
  expect(readdirSync(folder)).toEqual([]);
});

test("at start, render folders a killed server left are removed, and nothing else", async () => {
  const leftover = leaveUnfinishedRender("0a1b2c3d4e5f-AbCdEf");
  const oldStyle = leaveUnfinishedRender("job-left-by-an-older-version");
  const current = await makeRenderDir(route.dataDir);
  writeFileSync(path.join(current, "preview.mp4"), "this server's own render");
  const neighbours = [
    path.join(route.dataDir, "tmp", "other", "keep.txt"),
    path.join(route.dataDir, "media", "videos", "u1", "j1.mp4"),
    path.join(route.dataDir, "tmp", "renders-not-ours.txt"),
  ];
  for (const file of neighbours) {
    mkdirSync(path.dirname(file), { recursive: true });
    writeFileSync(file, "keep");
  }

  startBackgroundWork();
  await eventually(async () => (!existsSync(leftover) && !existsSync(oldStyle) ? true : undefined));

  expect(existsSync(path.join(current, "preview.mp4"))).toBe(true);
  for (const file of neighbours) expect(existsSync(file), file).toBe(true);
});
