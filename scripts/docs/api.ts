// `npm run docs:api`: rewrites the generated part of docs/api.md (routes and error catalogue)
// from the OpenAPI document and lib/errors.ts.
import { readFileSync, writeFileSync } from "node:fs";
import { apiReferenceMarkdown, withGeneratedPart } from "../../lib/server/api-reference";
import { openApiDocument } from "../../lib/server/openapi";

const file = "docs/api.md";
const generated = apiReferenceMarkdown(openApiDocument("docs"));
writeFileSync(file, withGeneratedPart(readFileSync(file, "utf8"), generated));
console.log(`${file}: generated part written`);
