/**
 * The typed data layer: one function per SQL function the server calls, each owning its
 * arguments and its result schema, in one module per file of supabase/schemas (local-auth:
 * supabase/local); what each does is said at its SQL definition. Import it as a namespace:
 * `sql.generateVideo(rpc, { userId, ... })` calls generate_video(p_user_id => ..., ...).
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
