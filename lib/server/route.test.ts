import { afterAll, beforeAll, describe, expect, test } from "vitest";
import { AppError } from "@/lib/errors";
import { newGuest } from "@/scripts/test-support/people";
import { openRouteDatabase, type RouteDb, TestBrowser } from "@/scripts/test-support/routes";
import { route } from "./route";

/** route(): the opening every route handler shares, over a real database and local sessions. */

let db: RouteDb;

beforeAll(async () => {
  db = await openRouteDatabase();
});
afterAll(() => db.close());

/** Work that records the language of each request it runs for. */
function recorder() {
  const ran: string[] = [];
  const work = async ({ locale }: { locale: string }) => {
    ran.push(locale);
    return new Response(null, { status: 204 });
  };
  return { work, ran };
}

describe("route()", () => {
  test("a route that requires a session is 401 without one, and its work does not run", async () => {
    const { work, ran } = recorder();
    const handler = route({ session: "required" }, work);
    const response = await new TestBrowser().call(handler, "/test/route");
    expect(response.status).toBe(401);
    expect((await response.json()).error.code).toBe("unauthorized");
    expect(response.headers.get("x-request-id")).toBeTruthy();
    expect(ran).toEqual([]);
  });

  test("a mutation from another origin is 403 before the session is asked for", async () => {
    const { work, ran } = recorder();
    const handler = route({ session: "required", mutation: true }, work);
    const response = await new TestBrowser().call(handler, "/test/route", {
      method: "POST",
      headers: { origin: "https://evil.example" },
    });
    expect(response.status).toBe(403);
    expect((await response.json()).error.code).toBe("forbidden");
    expect(ran).toEqual([]);
  });

  test("the work gets the caller's session, the path's segments and the language", async () => {
    const { browser, userId } = await newGuest();
    const handler = route<{ id: string }>({ session: "required" }, async ({ session, params, locale }) =>
      Response.json({ userId: session.userId, id: params.id, locale }),
    );
    const response = await browser.call(handler, "/test/route", {
      params: { id: "abc" },
      headers: { "accept-language": "tr-TR,tr;q=0.9" },
    });
    expect(response.status).toBe(200);
    expect(await response.json()).toEqual({ userId, id: "abc", locale: "tr" });
  });

  test("cookies the work sets reach the answer even when the work then fails", async () => {
    const handler = route({}, async ({ setLocale }) => {
      setLocale("es");
      throw new AppError("validation_failed", { field: "x" });
    });
    const browser = new TestBrowser();
    const response = await browser.call(handler, "/test/route");
    expect(response.status).toBe(400);
    expect(response.headers.getSetCookie().join("\n")).toMatch(/NEXT_LOCALE=es; Path=\//);
    expect(browser.cookies.get("NEXT_LOCALE")).toBe("es");
  });

  test("a route without a session runs for a visitor who has none", async () => {
    const { work, ran } = recorder();
    const handler = route({}, work);
    const response = await new TestBrowser().call(handler, "/test/route");
    expect(response.status).toBe(204);
    expect(ran).toEqual(["en"]);
  });
});
