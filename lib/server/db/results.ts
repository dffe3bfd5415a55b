/**
 * The result schemas of the SQL functions, for code that calls them by name on purpose: the SQL
 * function tests (supabase/tests), route tests' fixtures, seeds and benchmarks. The server calls
 * them through ./functions, where each schema is defined next to its function.
 */
export * from "./functions";
