import { describe, expect, test } from "vitest";
import { MAX_PROMPT_LENGTH } from "@/lib/contracts/api";
import { clampPrompt, counterTone, pasteIntoPrompt, promptLength } from "./prompt";

test("clampPrompt cuts at the shared limit in the API's unit", () => {
  expect(clampPrompt("a".repeat(MAX_PROMPT_LENGTH + 10))).toHaveLength(MAX_PROMPT_LENGTH);
  expect(clampPrompt("short")).toBe("short");
});

test("clampPrompt never splits an emoji", () => {
  const text = `${"a".repeat(MAX_PROMPT_LENGTH - 1)}🎬`;
  expect(clampPrompt(text)).toBe("a".repeat(MAX_PROMPT_LENGTH - 1));
  expect(clampPrompt("🎬🎬", 3)).toBe("🎬");
});

test("the counter counts like the server and warns near the end", () => {
  expect(promptLength("🎬")).toBe(2);
  expect(counterTone(10)).toBe("normal");
  expect(counterTone(MAX_PROMPT_LENGTH * 0.9)).toBe("near");
  expect(counterTone(MAX_PROMPT_LENGTH)).toBe("full");
});

describe("pasteIntoPrompt", () => {
  test("a paste that fits goes in whole, over the selection", () => {
    expect(pasteIntoPrompt("hello world", "big ", 6, 6, 20)).toEqual({
      text: "hello big world",
      caret: 10,
      removed: 0,
    });
    expect(pasteIntoPrompt("hello world", "there", 6, 11, 20)).toEqual({
      text: "hello there",
      caret: 11,
      removed: 0,
    });
  });

  test("a paste too long keeps what fits and counts what was left out", () => {
    const pasted = "x".repeat(30);
    expect(pasteIntoPrompt("abc", pasted, 3, 3, 20)).toEqual({
      text: `abc${"x".repeat(17)}`,
      caret: 20,
      removed: 13,
    });
    // Text after the caret stays; the selection being replaced makes room.
    expect(pasteIntoPrompt("ab|cd", "0123456789", 2, 3, 8)).toEqual({
      text: "ab0123cd",
      caret: 6,
      removed: 6,
    });
  });

  test("an emoji at the edge is left out whole, and counted", () => {
    expect(pasteIntoPrompt("abc", "d😀", 3, 3, 5)).toEqual({ text: "abcd", caret: 4, removed: 2 });
  });
});
