import { expect, test } from "vitest";
import { REDACTED, scrubBreadcrumb, scrubEvent, scrubText } from "./scrub";

test("emails, query strings and share tokens leave no trace in text", () => {
  expect(scrubText("no user for ana.lopez+x@example.com here")).toBe("no user for [email] here");
  expect(scrubText("GET https://app.example/api/media/a.mp4?exp=1&sig=abc failed")).toBe(
    "GET https://app.example/api/media/a.mp4 failed",
  );
  expect(scrubText("fetch /api/jobs?cursor=xyz#top")).toBe("fetch /api/jobs");
  expect(scrubText("at /v/abcdefghijklmnopqrstuvwxyz0123456789ABCDEFG")).toBe("at /v/[token]");
});

test("an event keeps its exception and tags but no request data, cookies, headers or personal fields", () => {
  const event = scrubEvent({
    exception: { values: [{ type: "Error", value: "mail to bo@example.org failed" }] },
    tags: { request_id: "r-1", route: "/api/jobs" },
    request: {
      method: "POST",
      url: "https://app.example/api/jobs?email=bo@example.org",
      cookies: { rendio_session: "secret" },
      headers: { authorization: "Bearer abc", cookie: "rendio_session=secret" },
      data: { prompt: "a cat on the moon" },
      query_string: "email=bo@example.org",
    } as { method: string; url: string },
    user: { id: "u-1", email: "bo@example.org", ip_address: "10.0.0.1" } as { id: string },
    extra: { job: { prompt: "a cat on the moon", id: "j-1" }, headers: { Cookie: "a=b" } },
  });
  expect(event.request).toEqual({ method: "POST", url: "https://app.example/api/jobs" });
  expect(event.user).toEqual({ id: "u-1" });
  expect(event).toMatchObject({
    tags: { request_id: "r-1", route: "/api/jobs" },
    extra: { job: { prompt: REDACTED, id: "j-1" }, headers: { Cookie: REDACTED } },
  });
  const text = JSON.stringify(event);
  for (const secret of ["bo@example.org", "secret", "Bearer", "a cat on the moon", "10.0.0.1"]) {
    expect(text).not.toContain(secret);
  }
});

test("breadcrumbs lose their query strings; console breadcrumbs are dropped", () => {
  expect(
    scrubBreadcrumb({ category: "fetch", data: { url: "/api/auth/email?email=x@y.zz", method: "POST" } }),
  ).toEqual({
    category: "fetch",
    data: { url: "/api/auth/email", method: "POST" },
  });
  expect(scrubBreadcrumb({ category: "console", message: "anything" })).toBeNull();
});
