import { readFileSync } from "node:fs";
import { expect, test } from "vitest";
import { apiReferenceMarkdown, GENERATED_END, GENERATED_START, withGeneratedPart } from "./api-reference";
import { openApiDocument } from "./openapi";

test("docs/api.md's generated part is what the code says today (else run npm run docs:api)", () => {
  const markdown = readFileSync("docs/api.md", "utf8");
  const generated = apiReferenceMarkdown(openApiDocument("docs"));
  expect(markdown).toBe(withGeneratedPart(markdown, generated));
});

test("every documented operation and every error code appears in the generated part", () => {
  const document = openApiDocument("docs") as { paths: Record<string, Record<string, unknown>> };
  const generated = apiReferenceMarkdown(document);
  for (const [path, methods] of Object.entries(document.paths)) {
    for (const method of Object.keys(methods))
      expect(generated).toContain(`\`${method.toUpperCase()} ${path}\``);
  }
  expect(generated).toContain("| `insufficient_credits` | 402 | no |");
  expect(generated).toContain("429 `rate_limited`");
});

test("the generated part replaces only what lies between its markers", () => {
  const before = `# API\n\nintro\n\n${GENERATED_START}\n\nold\n${GENERATED_END}\n\n## After\n`;
  expect(withGeneratedPart(before, "new\n")).toBe(
    `# API\n\nintro\n\n${GENERATED_START}\n\nnew\n\n${GENERATED_END}\n\n## After\n`,
  );
  expect(() => withGeneratedPart("no markers", "x")).toThrow(/markers/);
});
