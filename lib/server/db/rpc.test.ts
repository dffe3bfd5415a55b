import { describe, expect, test } from "vitest";
import { z } from "zod";
import { AppError } from "../../errors";
import { parseResult, pgErrorFields, toAppError } from "./rpc";
import { buildCall } from "./sql-rpc";

describe("toAppError", () => {
  test("a raised catalogue code becomes that error with the DETAIL as field", () => {
    const error = toAppError({
      sqlState: "P0001",
      message: "validation_failed",
      detail: "settings.resolution",
    });
    expect(error).toBeInstanceOf(AppError);
    expect({ code: error?.code, field: error?.field, status: error?.status }).toEqual({
      code: "validation_failed",
      field: "settings.resolution",
      status: 400,
    });
  });

  test("rate_limited carries the seconds until retry", () => {
    expect(toAppError({ sqlState: "P0001", message: "rate_limited", detail: "42" })?.retryAfterSeconds).toBe(
      42,
    );
  });

  test("an argument of the wrong type is bad input", () => {
    expect(toAppError({ sqlState: "22P02", message: "invalid input syntax for type uuid" })?.code).toBe(
      "validation_failed",
    );
  });

  test("an unreachable database is service_unavailable", () => {
    expect(toAppError(pgErrorFields({ code: "ECONNREFUSED", message: "connect ECONNREFUSED" }))?.code).toBe(
      "service_unavailable",
    );
    expect(toAppError({ sqlState: "57P01", message: "terminating connection" })?.code).toBe(
      "service_unavailable",
    );
  });

  test("anything else is not mapped: it is a bug and surfaces as one", () => {
    expect(toAppError({ sqlState: "P0001", message: "not a catalogue code" })).toBeUndefined();
    expect(toAppError({ sqlState: "23505", message: "duplicate key" })).toBeUndefined();
    expect(toAppError({ sqlState: "42883", message: "function does not exist" })).toBeUndefined();
  });
});

describe("buildCall", () => {
  test("names every given argument and leaves undefined ones to SQL defaults", () => {
    expect(
      buildCall("list_jobs", { p_user_id: "u", p_limit: 20, p_cursor: undefined, p_query: null }),
    ).toEqual({
      sql: "select public.list_jobs(p_user_id => $1, p_limit => $2, p_query => $3) as result",
      params: ["u", "20", null],
    });
  });

  test("sends objects as JSON text", () => {
    expect(buildCall("price_of", { p_settings: { durationSeconds: 4 } }).params).toEqual([
      '{"durationSeconds":4}',
    ]);
  });

  test("refuses names that are not plain identifiers", () => {
    expect(() => buildCall("x; drop table users", {})).toThrow(/identifier/);
    expect(() => buildCall("get_me", { "p_user_id) --": 1 })).toThrow(/identifier/);
  });
});

test("parseResult names the drifted field", () => {
  expect(() => parseResult("get_me", z.object({ credits: z.number() }), { credits: "ten" })).toThrow(
    /rpc get_me returned an unexpected shape: credits/,
  );
});
