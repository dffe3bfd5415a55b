import { Ajv2020, type ValidateFunction } from "ajv/dist/2020.js";
import addFormats from "ajv-formats";
import { openApiDocument } from "../../lib/server/openapi";

/**
 * Checks a real answer of the API against its OpenAPI document (lib/server/openapi.ts): the status
 * must be one the operation lists, and a JSON body must match that answer's schema. Route tests
 * call it on every answer (TestBrowser), so the document cannot drift from what the routes do.
 */

type Json = Record<string, unknown>;

export const document = openApiDocument("test") as {
  paths: Record<string, Record<string, { responses: Record<string, { content?: Record<string, unknown> }> }>>;
};

const ajv = new Ajv2020({ strict: false, allErrors: true });
addFormats(ajv);
ajv.addSchema({ ...(document as Json), $id: "openapi.json" });

const templates = Object.keys(document.paths).map((template) => ({
  template,
  pattern: new RegExp(
    `^${template
      .replace(/\./g, "\\.")
      .replace(/\{path\}/g, "(.+)")
      .replace(/\{[^}]+\}/g, "([^/]+)")}$`,
  ),
}));

const validators = new Map<string, ValidateFunction>();

function pointer(...parts: string[]): string {
  return parts.map((part) => part.replace(/~/g, "~0").replace(/\//g, "~1")).join("/");
}

function validatorFor(template: string, method: string, status: string): ValidateFunction {
  const ref = `openapi.json#/${pointer("paths", template, method, "responses", status, "content", "application/json", "schema")}`;
  let validate = validators.get(ref);
  if (!validate) {
    validate = ajv.compile({ $ref: ref });
    validators.set(ref, validate);
  }
  return validate;
}

/** Throws when `response` (to `method` on `pathname`) is not what the document describes. */
export async function checkAnswer(method: string, pathname: string, response: Response): Promise<void> {
  if (!pathname.startsWith("/api/")) return;
  const where = `${method} ${pathname} → ${response.status}`;
  if (!response.headers.get("x-request-id")) throw new Error(`${where}: no x-request-id header`);
  const match = templates.find(({ pattern }) => pattern.test(pathname));
  const operations = match ? document.paths[match.template] : undefined;
  const verb = method.toLowerCase();
  const operation = operations?.[verb] ?? (verb === "head" ? operations?.get : undefined);
  if (!match || !operation) {
    // No operation here: the catch-all's 404, a method the route lacks (405), or OPTIONS.
    if (verb === "options" && operations && [204].includes(response.status)) return;
    if (!match && response.status === 404) return checkError(where, response, ["not_found"]);
    if (operations && response.status === 405) return checkError(where, response, ["method_not_allowed"]);
    throw new Error(`${where}: no such operation in the OpenAPI document`);
  }
  const status = String(response.status);
  const answer = operation.responses[status];
  if (!answer) throw new Error(`${where}: status not in the OpenAPI document`);
  if (verb === "head" || !answer.content?.["application/json"]) return;
  const body = await response.clone().json();
  const validate = validatorFor(match.template, operation === operations?.[verb] ? verb : "get", status);
  if (!validate(body)) {
    throw new Error(
      `${where}: body does not match the OpenAPI document: ${ajv.errorsText(validate.errors)}\n${JSON.stringify(body).slice(0, 500)}`,
    );
  }
}

async function checkError(where: string, response: Response, codes: string[]): Promise<void> {
  if (response.headers.get("content-type")?.includes("application/json") !== true) {
    if (response.status === 405 || response.status === 404) return; // HEAD: no body
  }
  const body = (await response.clone().json()) as { error?: { code?: string } };
  if (!codes.includes(body.error?.code ?? "")) {
    throw new Error(
      `${where}: expected error ${codes.join(" or ")}, got ${JSON.stringify(body).slice(0, 300)}`,
    );
  }
}
