import { describe, expect, test } from "vitest";
import { codeSchema, emailSchema, safeNextPath } from "./auth";

describe("safeNextPath", () => {
  test.each([
    ["/history", "/history"],
    ["/jobs/abc?x=1#top", "/jobs/abc?x=1#top"],
    [null, "/profile"],
    ["", "/profile"],
    ["history", "/profile"],
    ["//evil.example/x", "/profile"],
    ["/\\evil.example", "/profile"],
    ["https://evil.example/", "/profile"],
    ["/%2F%2Fevil.example", "/%2F%2Fevil.example"],
    ["/sign-in?next=/x", "/profile"],
    ["/a\nb", "/profile"],
  ])("%j -> %j", (input, expected) => {
    expect(safeNextPath(input)).toBe(expected);
  });
});

describe("email and code", () => {
  test("emails are trimmed and lower-cased; bad ones fail", () => {
    expect(emailSchema.parse("  Ada@Example.COM ")).toBe("ada@example.com");
    expect(emailSchema.safeParse("ada@").success).toBe(false);
    expect(emailSchema.safeParse("ada example.com").success).toBe(false);
    expect(emailSchema.safeParse(`${"a".repeat(250)}@example.com`).success).toBe(false);
  });

  test("codes are six digits, spaces ignored", () => {
    expect(codeSchema.parse("123 456")).toBe("123456");
    expect(codeSchema.safeParse("12345").success).toBe(false);
    expect(codeSchema.safeParse("12345a").success).toBe(false);
    expect(codeSchema.safeParse(123456).success).toBe(false);
  });
});
