import { z } from "zod";

// Runs in the browser before the app's own modules. Zod compiles its object parsers with
// `new Function` and probes for it when an object schema is made; the pages'
// Content-Security-Policy forbids eval, and the browser reports even the caught probe as a
// violation. So the browser interprets (fast enough for API answers); the server still compiles.
z.config({ jitless: true });
