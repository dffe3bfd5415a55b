import fc from "fast-check";

/**
 * Bad requests for the API fuzz suite (app/api/fuzz.test.ts), drawn by fast-check from a seed so
 * a failure reproduces: wrong JSON types, huge and unicode strings, malformed JSON, wrong content
 * types, invalid ids, cursors and query values, traversal in path segments, odd headers, with
 * and without a session.
 */

export type SessionKind = "none" | "guest" | "registered" | "garbage" | "forged";
export type Signing = "none" | "valid" | "future" | "old";
export type FuzzBody =
  | { kind: "none" }
  | { kind: "text"; text: string }
  | { kind: "bytes"; bytes: Uint8Array };

export type FuzzCase = {
  session: SessionKind;
  origin: string | null;
  contentType: string | null;
  body: FuzzBody;
  query: [string, string][];
  /** One value per dynamic segment: a string, or for a catch-all a list of segments. */
  params: (string | string[])[];
  headers: [string, string][];
  signing: Signing;
};

export const SAME_ORIGIN = "http://localhost:3000";

const nasty = [
  "",
  " ",
  "null",
  "undefined",
  "0",
  "-1",
  "1e309",
  "NaN",
  "true",
  "[]",
  "{}",
  "\u0000",
  "a\u0000b",
  "💥🎬👩‍👩‍👧",
  "\u202Eevil\u202C",
  "שלום עולם",
  "İıŞşĞğ",
  "\uD800",
  "\uFFFF",
  "../../etc/passwd",
  "%2e%2e%2f",
  "<script>alert(1)</script>",
  "' or 1=1 --",
  "\\",
  "\r\n",
];

/** Strings a field, a query value or a path segment should never choke on. */
const badString = fc.oneof(
  { weight: 3, arbitrary: fc.constantFrom(...nasty) },
  { weight: 2, arbitrary: fc.string({ unit: "grapheme", maxLength: 40 }) },
  { weight: 1, arbitrary: fc.string({ unit: "binary", maxLength: 40 }) },
  { weight: 1, arbitrary: fc.integer({ min: 1_001, max: 70_000 }).map((n) => "x".repeat(n)) },
  { weight: 1, arbitrary: fc.constant("é🎬".repeat(12_000)) },
);

/** Any JSON value of the wrong type or shape. */
const badValue: fc.Arbitrary<unknown> = fc.oneof(
  badString,
  fc.integer(),
  fc.double(),
  fc.boolean(),
  fc.constant(null),
  fc.uuid(),
  fc.jsonValue({ maxDepth: 3 }),
);

const fieldName = fc.oneof(
  fc.constantFrom(
    "modelId",
    "prompt",
    "settings",
    "themeId",
    "imageUrl",
    "productId",
    "endpoint",
    "keys",
    "expirationTime",
    "email",
    "code",
    "language",
    "theme",
    "next",
    "__proto__",
    "constructor",
  ),
  fc.string({ maxLength: 12 }),
);

const badObject = fc.dictionary(fieldName, badValue, { maxKeys: 6 });

/** Shaped like a Stripe event, with the wrong things inside. */
const eventLike = fc.record(
  {
    id: fc.oneof(badValue, fc.string({ minLength: 1, maxLength: 30 })),
    type: fc.oneof(
      fc.constantFrom(
        "checkout.session.completed",
        "checkout.session.async_payment_succeeded",
        "charge.refunded",
        "charge.dispute.created",
        "customer.created",
      ),
      badValue,
    ),
    data: fc.oneof(
      badValue,
      fc.record({
        object: fc.oneof(
          badValue,
          fc.dictionary(
            fc.constantFrom("id", "payment_status", "client_reference_id", "metadata", "payment_intent"),
            badValue,
            { maxKeys: 5 },
          ),
        ),
      }),
    ),
  },
  { requiredKeys: [] },
);

const malformedJson = fc.oneof(
  fc.constantFrom(
    "{",
    '{"a":',
    "[1,2",
    '{"a":1}}',
    "nul",
    "\uFEFF{}",
    "{'a':1}",
    '{"a":NaN}',
    '{"prompt":"\\ud800"}',
    '{"a":1,"a":2}',
  ),
  fc.string({ maxLength: 60 }),
);

const body: fc.Arbitrary<FuzzBody> = fc.oneof(
  { weight: 2, arbitrary: fc.constant({ kind: "none" as const }) },
  {
    weight: 5,
    arbitrary: fc.oneof(badObject, badValue, eventLike).map((v) => ({
      kind: "text" as const,
      text: JSON.stringify(v) ?? "null",
    })),
  },
  { weight: 2, arbitrary: malformedJson.map((text) => ({ kind: "text" as const, text })) },
  {
    weight: 1,
    arbitrary: fc.integer({ min: 1_000, max: 100_000 }).map((n) => ({
      kind: "text" as const,
      text: `${"[".repeat(n)}${"]".repeat(n)}`,
    })),
  },
  {
    weight: 1,
    arbitrary: fc.constantFrom(70_000, 300_000).map((n) => ({
      kind: "text" as const,
      text: JSON.stringify({ prompt: "x".repeat(n), email: "a@b.c" }),
    })),
  },
  {
    weight: 1,
    arbitrary: fc.uint8Array({ maxLength: 300 }).map((bytes) => ({ kind: "bytes" as const, bytes })),
  },
);

/** Mostly JSON, so most bodies reach the validation behind the content-type check. */
const contentType = fc.oneof(
  { weight: 6, arbitrary: fc.constantFrom("application/json", "application/json; charset=utf-8") },
  {
    weight: 4,
    arbitrary: fc.constantFrom(
      null,
      "APPLICATION/JSON",
      "text/plain",
      "application/x-www-form-urlencoded",
      "multipart/form-data",
      "multipart/form-data; boundary=xyz",
      "image/png",
      "*/*",
      "application/jsonp",
    ),
  },
);

/** Mostly our own (or none), so most requests get past the CSRF check. */
const origin = fc.oneof(
  { weight: 7, arbitrary: fc.constantFrom(null, SAME_ORIGIN, SAME_ORIGIN) },
  {
    weight: 3,
    arbitrary: fc.constantFrom(
      "https://evil.example",
      "null",
      "not a url",
      "http://localhost:3000.evil.example",
    ),
  },
);

/** Header values must be printable ASCII to be sent at all. */
const ascii = (s: string) => s.replace(/[^\x20-\x7e]/g, "?").trim();

const headers = fc.array(
  fc.oneof(
    fc.tuple(fc.constant("idempotency-key"), fc.oneof(fc.uuid(), badString.map(ascii))),
    fc.tuple(
      fc.constant("authorization"),
      fc.constantFrom("Bearer", "Bearer x", "Basic YTpi", `Bearer ${"a".repeat(5000)}`),
    ),
    fc.tuple(
      fc.constant("range"),
      fc.constantFrom("bytes=0-", "bytes=-1", "bytes=999999999-", "bytes=a-b", "bytes=0-1,2-3", "items=0-1"),
    ),
    fc.tuple(fc.constant("accept-language"), badString.map(ascii)),
    fc.tuple(fc.constant("x-forwarded-for"), badString.map(ascii)),
    fc.tuple(fc.constant("x-forwarded-host"), fc.constantFrom("evil.example", "", "a b", "x".repeat(300))),
    fc.tuple(fc.constant("content-length"), fc.constantFrom("-1", "abc", "999999999", "0", "1e10")),
    fc.tuple(fc.constant("stripe-signature"), badString.map(ascii)),
  ),
  { maxLength: 2 },
);

const query = fc.array(
  fc.tuple(
    fc.constantFrom("limit", "cursor", "q", "email", "next", "code", "dl", "exp", "sig", "error"),
    fc.oneof(
      badString.map((s) => s.slice(0, 5000)),
      fc.integer().map(String),
      fc.uuid(),
    ),
  ),
  { maxLength: 4 },
);

/** A path segment no route should trust; `known` adds ids that exist but are not the caller's. */
function segment(known: string[]) {
  return fc.oneof(
    fc.constantFrom(
      "",
      ".",
      "..",
      "%2e%2e",
      "..%2f..%2fsecret",
      "%00",
      "a\u0000b",
      "not-a-uuid",
      "00000000-0000-0000-0000-000000000000",
      "FFFFFFFF-FFFF-FFFF-FFFF-FFFFFFFFFFFF",
      ...known,
    ),
    fc.uuid(),
    badString.map((s) => s.slice(0, 2000)),
  );
}

function param(catchAll: boolean, known: string[]) {
  if (!catchAll) return segment(known);
  return fc.oneof(
    fc.array(segment(known), { maxLength: 6 }),
    fc.constantFrom(
      ["..", "..", "etc", "passwd"],
      ["%2e%2e", "%2e%2e", "pglite"],
      ["inputs", "..", "..", "secrets"],
      ["/etc/passwd"],
      ["a\u0000b.mp4"],
    ),
  );
}

export function fuzzCase(
  route: { params: { catchAll: boolean }[] },
  known: string[],
): fc.Arbitrary<FuzzCase> {
  return fc.record({
    session: fc.constantFrom<SessionKind>("none", "guest", "guest", "registered", "garbage", "forged"),
    origin,
    contentType,
    body,
    query,
    params: fc.tuple(...route.params.map((p) => param(p.catchAll, known))) as fc.Arbitrary<
      (string | string[])[]
    >,
    headers,
    signing: fc.constantFrom<Signing>("none", "valid", "valid", "future", "old"),
  });
}

/** `count` cases for one route and method, the same for the same seed. */
export function sampleCases(
  route: { params: { catchAll: boolean }[] },
  known: string[],
  seed: number,
  count: number,
): FuzzCase[] {
  return fc.sample(fuzzCase(route, known), { seed, numRuns: count });
}
