/**
 * The API's fixed limits, without zod: the browser's forms import them, and the zod contracts
 * (api.ts, auth.ts) build on them.
 */

/** One prompt limit for the form, the API and the database (video_jobs.prompt check). */
export const MAX_PROMPT_LENGTH = 1000;

/**
 * Accepted input images (uploaded before the job, referenced by the path the server returned).
 * 4 MB keeps the multipart body under the 4.5 MB a Vercel function accepts; the create screen
 * shrinks larger photos on the device first.
 */
export const MAX_IMAGE_BYTES = 4 * 1024 * 1024;
export const IMAGE_TYPES = ["image/jpeg", "image/png", "image/webp"] as const;

/** The digits of an emailed sign-in code. */
export const CODE_LENGTH = 6;
