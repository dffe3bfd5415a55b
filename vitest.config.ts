import "./scripts/test-support/node20.ts";
import { availableParallelism } from "node:os";
import path from "node:path";
import { defineConfig } from "vitest/config";

const root = import.meta.dirname;
const contractSuite = [
  "supabase/tests/functions.test.ts",
  "supabase/tests/bad-input.test.ts",
  "supabase/tests/supabase-adapter.test.ts",
  "supabase/tests/push.test.ts",
];

export default defineConfig({
  resolve: {
    alias: {
      "@": root,
      "server-only": path.join(root, "scripts/test-support/empty.js"),
    },
  },
  test: {
    environment: "node",
    testTimeout: 30_000,
    hookTimeout: 60_000,
    // Test files share a worker (see scripts/test-support/fresh-file.ts). One worker per core,
    // not Vitest's cores - 1: much of a file's time is spent waiting on PostgreSQL, ffmpeg and
    // HTTP stand-ins, so on 2 cores two workers halve the run.
    isolate: false,
    setupFiles: ["scripts/test-support/fresh-file.ts"],
    maxWorkers: availableParallelism(),
    projects: [
      {
        extends: true,
        test: {
          name: "unit",
          include: [
            "lib/**/*.test.ts",
            "components/**/*.test.{ts,tsx}",
            "scripts/*.test.ts",
            "scripts/bench/*.test.ts",
          ],
          exclude: ["lib/server/jobs/**", "lib/server/providers/local/*.test.ts"],
          // The Supabase stand-in of the auth and storage adapters' tests keeps its rows in PGlite.
          globalSetup: ["scripts/test-support/db/global-pglite.ts"],
        },
      },
      {
        extends: true,
        test: {
          name: "routes",
          include: [
            "app/**/*.test.ts",
            "lib/server/jobs/**/*.test.ts",
            // The local renderer's tests render real videos: here, beside the slow route files,
            // not last in "unit" (projects run in name order), where the other worker would idle.
            "lib/server/providers/local/*.test.ts",
          ],
          globalSetup: ["scripts/test-support/db/global-pglite.ts"],
        },
      },
      {
        extends: true,
        test: {
          name: "db-pglite",
          include: ["supabase/tests/**/*.test.ts"],
          exclude: ["supabase/tests/**/*.pg.test.ts", "supabase/tests/supabase-adapter.test.ts"],
          globalSetup: ["scripts/test-support/db/global-pglite.ts"],
          provide: { dbTarget: "pglite" },
        },
      },
      {
        extends: true,
        test: {
          name: "db-postgres",
          include: ["supabase/tests/**/*.test.ts"],
          exclude: ["supabase/tests/supabase-adapter.test.ts"],
          globalSetup: ["scripts/test-support/db/global-postgres.ts"],
          provide: { dbTarget: "postgres" },
        },
      },
      {
        // The contract suite again, through @supabase/supabase-js and PostgREST's wire format.
        extends: true,
        test: {
          name: "db-supabase",
          include: contractSuite,
          globalSetup: ["scripts/test-support/db/global-pglite.ts"],
          provide: { dbTarget: "supabase" },
        },
      },
    ],
  },
});
