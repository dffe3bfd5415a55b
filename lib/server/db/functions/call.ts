import type { z } from "zod";
import type { Rpc } from "../rpc";

/**
 * Calls public.<fn> with each argument `fooBar` as `p_foo_bar`; an undefined one takes its SQL
 * default. Only the modules of this folder call SQL functions by name: each owns one function's
 * arguments and result schema.
 */
export function callSql<S extends z.ZodType>(
  rpc: Rpc,
  fn: string,
  args: Record<string, unknown>,
  schema: S,
): Promise<z.output<S>> {
  return rpc.call(fn, sqlArgs(args), schema);
}

/** `{ userId: 1 }` → `{ p_user_id: 1 }`. */
export function sqlArgs(args: Record<string, unknown>): Record<string, unknown> {
  const named = Object.entries(args).map(([name, value]) => [
    `p_${name.replace(/[A-Z]/g, (letter) => `_${letter.toLowerCase()}`)}`,
    value,
  ]);
  return Object.fromEntries(named);
}
