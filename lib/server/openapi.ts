import { z } from "zod";
import {
  type Answer,
  everyRouteErrors,
  mutationErrors,
  type Operation,
  operations,
} from "../contracts/operations";
import { AppError, type ErrorCode, errorCatalogue } from "../errors";

/**
 * The OpenAPI 3.1 document of the HTTP API, made from lib/contracts/operations.ts: JSON Schema
 * (draft 2020-12, OpenAPI 3.1's dialect) from the same zod schemas the route handlers parse and
 * answer with. Errors are listed per status with the codes an operation may answer there.
 */

type Json = Record<string, unknown>;

const SCHEMAS = "#/components/schemas/";

export function openApiDocument(version: string): Json {
  const names = schemaNames();
  const schemas = {
    Error: errorComponent,
    ...componentSchemas(names.requests, "input"),
    ...componentSchemas(names.answers, "output"),
  };
  return {
    openapi: "3.1.0",
    info: {
      title: "Rendio web API",
      version,
      description:
        "The HTTP API of Rendio web. The session is a cookie the server sets; mutations must come " +
        "from this site's origin; bodies are JSON in camelCase; times are ISO 8601 in UTC. Any " +
        "other /api path answers 404 not_found; a method a route lacks answers 405 with Allow. " +
        "Every answer carries `x-request-id`, the id the server's log lines for the request carry.",
    },
    servers: [{ url: "/" }],
    tags: [...new Set(operations.map((o) => o.tag))].map((name) => ({ name })),
    paths: paths(names),
    components: {
      schemas,
      securitySchemes: {
        session: {
          type: "apiKey",
          in: "cookie",
          name: "rendio_session",
          description: "Set by the server (in supabase mode, Supabase's sb-…-auth-token cookies).",
        },
      },
    },
  };
}

type Names = { requests: z.core.$ZodRegistry<{ id: string }>; answers: z.core.$ZodRegistry<{ id: string }> };

/** A component name for every request and answer body; a body shared by operations has one. */
function schemaNames(): Names {
  const requests = z.registry<{ id: string }>();
  const answers = z.registry<{ id: string }>();
  for (const operation of operations) {
    const body = operation.body;
    if (body && "schema" in body && !requests.has(body.schema)) {
      requests.add(body.schema, { id: `${capitalise(operation.id)}Request` });
    }
    const withBody = Object.entries(operation.answers).filter(([, answer]) => answer.body);
    const distinct = new Set(withBody.map(([, answer]) => answer.body)).size;
    for (const [status, answer] of withBody) {
      const suffix = distinct > 1 ? status : "";
      const schema = answer.body as z.ZodType;
      if (!answers.has(schema)) answers.add(schema, { id: `${capitalise(operation.id)}Answer${suffix}` });
    }
  }
  return { requests, answers };
}

function ref(registry: z.core.$ZodRegistry<{ id: string }>, schema: z.ZodType): Json {
  return { $ref: `${SCHEMAS}${registry.get(schema)?.id}` };
}

function componentSchemas(registry: z.core.$ZodRegistry<{ id: string }>, io: "input" | "output"): Json {
  const { schemas } = z.toJSONSchema(registry, {
    io,
    uri: (id) => `${SCHEMAS}${id}`,
    unrepresentable: "any",
  });
  return Object.fromEntries(
    Object.entries(schemas).map(([id, schema]) => {
      const { $schema: _dialect, $id: _id, ...rest } = schema as Json;
      return [id, rest];
    }),
  );
}

function paths(names: Names): Json {
  const byPath: Record<string, Json> = {};
  for (const operation of operations) {
    byPath[operation.path] ??= {};
    (byPath[operation.path] as Json)[operation.method] = operationObject(operation, names);
  }
  return byPath;
}

function operationObject(operation: Operation, names: Names): Json {
  const parameters: Json[] = [...pathParameters(operation.path), ...queryParameters(operation)];
  if (operation.idempotencyKey) {
    parameters.push({
      name: "Idempotency-Key",
      in: "header",
      required: operation.idempotencyKey === "required",
      description: "A UUID per intended action: a replay returns the first answer and charges nothing.",
      schema: { type: "string", format: "uuid" },
    });
  }
  const object: Json = {
    operationId: operation.id,
    tags: [operation.tag],
    summary: operation.summary,
    parameters,
    responses: mergedResponses(successResponses(operation, names), errorResponses(operation)),
  };
  if (operation.session) object.security = [{ session: [] }];
  const body = requestBody(operation, names);
  if (body) object.requestBody = body;
  return object;
}

function pathParameters(path: string): Json[] {
  return [...path.matchAll(/\{([^}]+)\}/g)].map((match) => ({
    name: match[1],
    in: "path",
    required: true,
    schema: { type: "string" },
  }));
}

function queryParameters(operation: Operation): Json[] {
  if (!operation.query) return [];
  const schema = z.toJSONSchema(operation.query, { io: "input" }) as {
    properties?: Record<string, Json>;
    required?: string[];
  };
  return Object.entries(schema.properties ?? {}).map(([name, property]) => {
    const { description, ...rest } = property;
    return {
      name,
      in: "query",
      required: schema.required?.includes(name) ?? false,
      ...(description ? { description } : {}),
      schema: rest,
    };
  });
}

function requestBody(operation: Operation, names: Names): Json | undefined {
  const body = operation.body;
  if (!body) return undefined;
  if ("form" in body) return { required: true, content: { [body.form]: {} } };
  return {
    required: !body.optional,
    content: { "application/json": { schema: ref(names.requests, body.schema) } },
  };
}

function successResponses(operation: Operation, names: Names): Json {
  return Object.fromEntries(
    Object.entries(operation.answers).map(([status, answer]) => [status, responseObject(answer, names)]),
  );
}

/** Every answer carries the request's id (lib/server/log/request-id.ts). */
const requestIdHeader: Json = {
  "x-request-id": {
    description:
      "The request's id, as in the server's log: the trusted proxy's (TRUST_PROXY) or one made for it.",
    schema: { type: "string" },
  },
};

function responseObject(answer: Answer, names: Names): Json {
  const response: Json = { description: answer.description };
  response.headers = {
    ...requestIdHeader,
    ...Object.fromEntries(
      Object.entries(answer.headers ?? {}).map(([name, description]) => [
        name,
        { description, schema: { type: "string" } },
      ]),
    ),
  };
  if (answer.body) {
    response.content = { "application/json": { schema: ref(names.answers, answer.body) } };
  } else if (answer.contentType) {
    response.content = { [answer.contentType]: {} };
  }
  return response;
}

/** The catalogue errors an operation may answer, by status. */
export function operationErrors(operation: Operation): Map<number, ErrorCode[]> {
  const codes = new Set<ErrorCode>([
    ...operation.errors,
    ...everyRouteErrors,
    ...(operation.mutation ? mutationErrors : []),
  ]);
  const byStatus = new Map<number, ErrorCode[]>();
  for (const code of codes) {
    const { status } = errorCatalogue[code];
    byStatus.set(status, [...(byStatus.get(status) ?? []), code]);
  }
  return byStatus;
}

function errorResponses(operation: Operation): Json {
  const responses: Json = {};
  for (const [status, codes] of operationErrors(operation)) {
    responses[status] = {
      description: codes.map((code) => `\`${code}\`: ${new AppError(code).message}`).join(" "),
      headers: codes.includes("rate_limited")
        ? {
            ...requestIdHeader,
            "retry-after": { description: "Seconds to wait.", schema: { type: "string" } },
          }
        : requestIdHeader,
      content: { "application/json": { schema: errorSchema(codes) } },
    };
  }
  return responses;
}

/**
 * Successes and errors by status; where an operation answers a status both ways (deep health's
 * 503), the body is either.
 */
function mergedResponses(successes: Json, errors: Json): Json {
  const merged: Json = { ...successes, ...errors };
  for (const status of Object.keys(successes).filter((status) => status in errors)) {
    const success = successes[status] as Json & { content?: Json };
    const error = errors[status] as Json & { content: Json };
    const schemaOf = (response: { content?: Json }) =>
      (response.content?.["application/json"] as Json | undefined)?.schema;
    merged[status] = {
      ...error,
      description: `${success.description} ${error.description}`,
      content: { "application/json": { schema: { anyOf: [schemaOf(success), schemaOf(error)] } } },
    };
  }
  return merged;
}

/** The API's error body, its code one of `codes`. */
function errorSchema(codes: ErrorCode[]): Json {
  return {
    allOf: [
      { $ref: `${SCHEMAS}Error` },
      { properties: { error: { properties: { code: { enum: codes } } } } },
    ],
  };
}

const errorComponent: Json = {
  type: "object",
  required: ["error"],
  additionalProperties: false,
  properties: {
    error: {
      type: "object",
      required: ["code", "message"],
      additionalProperties: false,
      properties: {
        code: { type: "string", enum: Object.keys(errorCatalogue) },
        message: {
          type: "string",
          description: "English text; the app shows its own in the reader's language.",
        },
        field: { type: "string", description: "The request field at fault." },
      },
    },
  },
};

function capitalise(word: string): string {
  return word.charAt(0).toUpperCase() + word.slice(1);
}
