import { afterAll, beforeAll, describe, expect, test } from "vitest";
import { POST as startApple } from "@/app/api/auth/apple/route";
import { openRouteDatabase, type RouteDb, TestBrowser } from "@/scripts/test-support/routes";
import { GET as callback } from "./route";

/** Provider sign-in in a local mode: there is no provider, so both ends refuse cleanly. */

let route: RouteDb;
beforeAll(async () => {
  route = await openRouteDatabase();
});
afterAll(() => route.close());

describe("provider sign-in without Supabase", () => {
  test("starting Sign in with Apple is 404", async () => {
    const response = await new TestBrowser().call(startApple, "/api/auth/apple", {
      body: "next=%2Fhistory",
      headers: { "content-type": "application/x-www-form-urlencoded" },
    });
    expect(response.status).toBe(404);
  });

  test("the callback sends the browser back to sign-in with the error, keeping a safe next", async () => {
    const response = await new TestBrowser().call(callback, "/api/auth/callback?code=abc&next=%2Fhistory");
    expect(response.status).toBe(303);
    const location = new URL(response.headers.get("location") ?? "");
    expect(location.pathname).toBe("/sign-in");
    expect(location.searchParams.get("next")).toBe("/history");
    expect(location.searchParams.get("error")).toBe("not_found");
    expect(response.headers.getSetCookie()).toEqual([]);
  });

  test("a foreign next is replaced by Profile, and a missing code is a validation error", async () => {
    const response = await new TestBrowser().call(callback, "/api/auth/callback?next=%2F%2Fevil.example%2F");
    const location = new URL(response.headers.get("location") ?? "");
    expect(location.origin).toBe("http://localhost:3000");
    expect(location.searchParams.get("next")).toBe("/profile");
    expect(location.searchParams.get("error")).toBe("validation_failed");
  });
});
