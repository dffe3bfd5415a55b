/**
 * The typed data layer: one function per SQL function the server calls, each owning its
 * arguments and its result schema, in one module per file of supabase/schemas (local-auth:
 * supabase/local). Import it as a namespace: `sql.generateVideo(rpc, { ... })`.
 */
export * from "./catalog";
export * from "./credits";
export * from "./jobs";
export * from "./local-auth";
export * from "./maintenance";
export * from "./push";
export * from "./rate-limits-and-webhooks";
export * from "./share-links";
export * from "./users";
