/** The generation rate limit the e2e server runs with (scripts/e2e-server.mjs sets it). */
export const E2E_GENERATIONS_PER_MINUTE = 30;
