// The app as it ships: the production build (`npm run build`) behind scripts/serve.mjs, in
// postgres mode on a database of a throwaway PostgreSQL cluster (or of DATABASE_URL's server),
// with a guest who has two finished videos so every page renders real content.
import { randomUUID } from "node:crypto";
import { existsSync, rmSync } from "node:fs";
import path from "node:path";
import pg from "pg";
import { startCluster, withDatabase } from "../test-support/db/postgres-cluster";
import { type Server, startNode, until } from "./servers";

export type App = { base: string; databaseUrl: string; stop: () => Promise<void> };
export type Guest = { id: string; cookie: string };
export type BenchModel = { id: string; slug: string };

/** The cheapest model that needs no input image: what the bench's guests generate with. */
export type Catalog = { first: BenchModel; textModel: BenchModel };

export async function startApp(port: number, postgresPort: number): Promise<App> {
  if (!existsSync(".next/BUILD_ID")) throw new Error("no production build: run `npm run build` first");
  const cluster = process.env.DATABASE_URL ? undefined : startCluster(postgresPort);
  const serverUrl = process.env.DATABASE_URL ?? (cluster?.url as string);
  const database = `rendio_bench_app_${Date.now()}`;
  const admin = new pg.Client({ connectionString: serverUrl });
  await admin.connect();
  await admin.query(`create database ${database}`);
  await admin.end();
  const databaseUrl = withDatabase(serverUrl, database);
  const dataDir = path.resolve(".test-data/bench/app-data");
  rmSync(dataDir, { recursive: true, force: true });
  const dropDatabase = async () => {
    const client = new pg.Client({ connectionString: serverUrl });
    await client.connect();
    await client.query(`drop database if exists ${database} with (force)`);
    await client.end();
  };
  let server: Server;
  try {
    server = await startNode({
      args: ["scripts/serve.mjs", "-p", String(port), "-H", "127.0.0.1"],
      port,
      ready: "/api/health",
      log: path.resolve(".test-data/bench/app.log"),
      env: {
        DATA_DIR: dataDir,
        DATABASE_URL: databaseUrl,
        NEXT_PUBLIC_SUPABASE_URL: "",
        // The documented setting (highest allowed), so POST /api/jobs measures work, not refusals.
        GENERATIONS_PER_MINUTE: "1000",
        VIDEO_PROVIDER: "local",
      },
    });
  } catch (error) {
    if (cluster) cluster.stop();
    else await dropDatabase();
    throw error;
  }
  return {
    base: server.base,
    databaseUrl,
    stop: async () => {
      server.stop();
      if (cluster) cluster.stop();
      else await dropDatabase().catch(() => undefined);
    },
  };
}

/** A new guest through the real route; its session cookie. */
export async function newGuest(base: string): Promise<Guest> {
  const response = await fetch(`${base}/api/session/guest`, { method: "POST" });
  if (!response.ok) throw new Error(`POST /api/session/guest → ${response.status}: ${await response.text()}`);
  const cookie = response.headers
    .getSetCookie()
    .map((header) => header.split(";")[0])
    .join("; ");
  const { user } = (await response.json()) as { user: { id: string } };
  return { id: user.id, cookie };
}

export async function catalog(base: string): Promise<Catalog> {
  const { models } = (await (await fetch(`${base}/api/models`)).json()) as {
    models: (BenchModel & { minCredits: number; inputs: { image: string } })[];
  };
  const first = models[0];
  const textModel = models
    .filter((model) => model.inputs.image === "none")
    .sort((a, b) => a.minCredits - b.minCredits)[0];
  if (!first || !textModel) throw new Error("the catalog has no text-to-video model");
  return { first, textModel };
}

export async function createJob(base: string, guest: Guest, model: BenchModel, prompt: string) {
  const response = await fetch(`${base}/api/jobs`, {
    method: "POST",
    headers: { cookie: guest.cookie, "content-type": "application/json", "idempotency-key": randomUUID() },
    body: JSON.stringify({ modelId: model.id, prompt, settings: {} }),
  });
  if (response.status !== 202)
    throw new Error(`POST /api/jobs → ${response.status}: ${await response.text()}`);
  return ((await response.json()) as { job: { id: string } }).job.id;
}

/** A guest with two finished videos (rendered by the local provider), for History and job reads. */
export async function guestWithVideos(
  base: string,
  model: BenchModel,
): Promise<Guest & { jobIds: string[] }> {
  const guest = await newGuest(base);
  const jobIds: string[] = [];
  for (const prompt of ["A paper boat on a rainy street, close up", "Northern lights over a frozen lake"]) {
    const id = await createJob(base, guest, model, prompt);
    await until(
      `job ${id} to finish`,
      async () => {
        const response = await fetch(`${base}/api/jobs/${id}`, { headers: { cookie: guest.cookie } });
        const { job } = (await response.json()) as { job: { status: string } };
        return job.status === "completed" || job.status === "failed";
      },
      180_000,
    );
    jobIds.push(id);
  }
  return { ...guest, jobIds };
}

/** Gives the guest a balance no benchmark spends (the bench owns this database). */
export async function fundGuest(databaseUrl: string, guest: Guest): Promise<void> {
  const client = new pg.Client({ connectionString: databaseUrl });
  await client.connect();
  try {
    await client.query("update public.users set credits = 100000000 where id = $1", [guest.id]);
  } finally {
    await client.end();
  }
}
