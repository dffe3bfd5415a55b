import { expect, test } from "vitest";
import { MAX_PROMPT_LENGTH } from "@/lib/contracts/api";
import { clampPrompt, counterTone, promptLength } from "./prompt";

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
