import { existsSync, mkdirSync, writeFileSync } from "node:fs";
import path from "node:path";
import { afterAll, beforeAll, describe, expect, test } from "vitest";
import { meSchema } from "@/lib/contracts/user";
import { creditsOf, newGuest, newRegisteredUser } from "@/scripts/test-support/people";
import { openRouteDatabase, type RouteDb } from "@/scripts/test-support/routes";
import { DELETE, GET, PATCH } from "./route";

let route: RouteDb;

beforeAll(async () => {
  route = await openRouteDatabase();
});
afterAll(() => route.close());

async function settingsOf(userId: string) {
  const rows = await route.db.query<{ language: string; theme: string; updated_at: Date }>(
    "select language, theme, updated_at from public.users where id = $1",
    [userId],
  );
  return rows.rows[0];
}

describe("PATCH /api/me", () => {
  test("saves language and theme, answers Me and sets the locale cookie", async () => {
    const { browser, userId } = await newGuest();
    const response = await browser.call(PATCH, "/api/me", { method: "PATCH", json: { language: "tr" } });
    expect(response.status).toBe(200);
    expect(meSchema.parse(await response.json())).toMatchObject({
      id: userId,
      language: "tr",
      theme: "system",
    });
    expect(response.headers.getSetCookie().join("\n")).toMatch(/NEXT_LOCALE=tr; Path=\/; Max-Age=\d+/);
    expect(browser.cookies.get("NEXT_LOCALE")).toBe("tr");

    const theme = await browser.call(PATCH, "/api/me", { method: "PATCH", json: { theme: "dark" } });
    expect(await theme.json()).toMatchObject({ language: "tr", theme: "dark" });
    expect(theme.headers.getSetCookie().join("\n")).not.toMatch(/NEXT_LOCALE/);
    expect(await settingsOf(userId)).toMatchObject({ language: "tr", theme: "dark" });
    const read = await browser.call(GET, "/api/me");
    expect(await read.json()).toMatchObject({ language: "tr", theme: "dark" });
  });

  const bad: [string, unknown, string][] = [
    ["a language outside en/tr/es", { language: "de" }, "language"],
    ["a theme outside system/light/dark", { theme: "sepia" }, "theme"],
    ["a wrong type", { theme: 1 }, "theme"],
    ["an empty body", {}, "language"],
    ["an unknown field", { language: "es", credits: 1000 }, ""],
    ["a body that is not an object", ["tr"], ""],
  ];
  test.each(bad)("%s is 400 validation_failed and changes nothing", async (_, json, field) => {
    const { browser, userId } = await newGuest();
    const before = await settingsOf(userId);
    const response = await browser.call(PATCH, "/api/me", { method: "PATCH", json });
    expect(response.status).toBe(400);
    const body = await response.json();
    expect(body.error.code).toBe("validation_failed");
    if (field) expect(body.error.field).toBe(field);
    expect(response.headers.getSetCookie().join("\n")).not.toMatch(/NEXT_LOCALE/);
    expect(await settingsOf(userId)).toEqual(before);
    expect(await creditsOf(route, userId)).toBe(10);
  });

  test("without a session is 401; from another origin is 403", async () => {
    const { browser, userId } = await newGuest();
    const foreign = await browser.call(PATCH, "/api/me", {
      method: "PATCH",
      json: { language: "es" },
      headers: { origin: "https://evil.example" },
    });
    expect(foreign.status).toBe(403);
    expect((await settingsOf(userId))?.language).toBe("en");
    browser.cookies.clear();
    const anonymous = await browser.call(PATCH, "/api/me", { method: "PATCH", json: { language: "es" } });
    expect(anonymous.status).toBe(401);
  });
});

describe("DELETE /api/me", () => {
  test("removes the user, jobs, ledger and media files, clears the cookie; a second call is 401", async () => {
    const { browser, userId } = await newRegisteredUser(route);
    const model = await route.db.query<{ id: string }>(
      "select id from public.models where slug = 'ltx-2-fast'",
    );
    const job = await route.db.query<{ r: { job: { id: string } } }>(
      "select public.generate_video(p_user_id => $1, p_idempotency_key => gen_random_uuid(), p_model_id => $2, p_prompt => 'a cat', p_settings => '{}'::jsonb, p_provider => 'local') as r",
      [userId, model.rows[0]?.id],
    );
    const jobId = job.rows[0]?.r.job.id as string;
    const videoPath = `videos/${userId}/${jobId}.mp4`;
    const thumbPath = `thumbnails/${userId}/${jobId}.jpg`;
    const files = [videoPath, thumbPath].map((p) => path.join(route.dataDir, "media", p));
    for (const file of files) {
      mkdirSync(path.dirname(file), { recursive: true });
      writeFileSync(file, "media bytes");
    }
    await route.db.query(
      "update public.video_jobs set status = 'completed', video_path = $2, thumbnail_path = $3 where id = $1",
      [jobId, videoPath, thumbPath],
    );
    const strangerFile = path.join(route.dataDir, "media", "videos", "someone-else", "keep.mp4");
    mkdirSync(path.dirname(strangerFile), { recursive: true });
    writeFileSync(strangerFile, "not yours");

    const response = await browser.call(DELETE, "/api/me", { method: "DELETE" });
    expect(response.status).toBe(204);
    expect(response.headers.getSetCookie().join("\n")).toMatch(/rendio_session=; Path=\/; Max-Age=0/);
    const count = async (table: string) =>
      (
        await route.db.query<{ n: number }>(`select count(*)::int as n from ${table} where user_id = $1`, [
          userId,
        ])
      ).rows[0]?.n;
    expect(await count("public.video_jobs")).toBe(0);
    expect(await count("public.credit_ledger")).toBe(0);
    expect(await count("public.idempotency_records")).toBe(0);
    expect(await creditsOf(route, userId)).toBeUndefined();
    expect((await route.db.query("select 1 from auth.users where id = $1", [userId])).rows).toEqual([]);
    for (const file of files) expect(existsSync(file)).toBe(false);
    expect(existsSync(strangerFile)).toBe(true);

    expect(browser.cookies.has("rendio_session")).toBe(false);
    const again = await browser.call(DELETE, "/api/me", { method: "DELETE" });
    expect(again.status).toBe(401);
  });

  test("a guest may delete too; from another origin is 403 and nothing is deleted", async () => {
    const { browser, userId } = await newGuest();
    const foreign = await browser.call(DELETE, "/api/me", {
      method: "DELETE",
      headers: { origin: "https://evil.example" },
    });
    expect(foreign.status).toBe(403);
    expect(await creditsOf(route, userId)).toBe(10);
    expect((await browser.call(DELETE, "/api/me", { method: "DELETE" })).status).toBe(204);
    expect(await creditsOf(route, userId)).toBeUndefined();
  });
});
