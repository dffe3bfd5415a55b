/**
 * Plain checks of the JSON the browser reads. The server validates with its zod contracts
 * (lib/contracts) and builds every answer from them; the browser only makes sure an answer has the
 * shape its screens read (the right kind of value in every field), so zod stays out of the
 * browser's bundle. Formats (uuid, date, ranges) are the server's to check.
 */

/** Whether a value is a T; composed into the check of a whole answer. */
export type Check<T> = (value: unknown) => value is T;

export const isString = (value: unknown): value is string => typeof value === "string";
export const isNumber = (value: unknown): value is number =>
  typeof value === "number" && Number.isFinite(value);
export const isBoolean = (value: unknown): value is boolean => typeof value === "boolean";
export const isNull = (value: unknown): value is null => value === null;

export function nullable<T>(check: Check<T>): Check<T | null> {
  return (value): value is T | null => value === null || check(value);
}

export function optional<T>(check: Check<T>): Check<T | undefined> {
  return (value): value is T | undefined => value === undefined || check(value);
}

export function literal<const T extends string | number | boolean>(expected: T): Check<T> {
  return (value): value is T => value === expected;
}

export function oneOf<const T extends string>(values: readonly T[]): Check<T> {
  return (value): value is T => (values as readonly unknown[]).includes(value);
}

export function listOf<T>(check: Check<T>): Check<T[]> {
  return (value): value is T[] => Array.isArray(value) && value.every(check);
}

export function recordOf<T>(check: Check<T>): Check<Record<string, T>> {
  return (value): value is Record<string, T> => isPlainObject(value) && Object.values(value).every(check);
}

/** An object with a check for every field of T (the compiler makes sure none is left out). */
export function object<T extends object>(fields: { [K in keyof T]-?: Check<T[K]> }): Check<T> {
  const entries = Object.entries(fields) as [string, Check<unknown>][];
  return (value): value is T =>
    isPlainObject(value) && entries.every(([key, check]) => check((value as Record<string, unknown>)[key]));
}

/** Either shape, tried in order. */
export function either<A, B>(first: Check<A>, second: Check<B>): Check<A | B> {
  return (value): value is A | B => first(value) || second(value);
}

function isPlainObject(value: unknown): value is object {
  return typeof value === "object" && value !== null && !Array.isArray(value);
}
