// HTTP throughput: `connections` keep-alive connections, each sending its next request as soon as
// the previous answer has been read, for `seconds` (after a short warm-up that is not counted).
// One client for every row, so the rows' ratios compare the server's work, not the client's.
import { randomUUID } from "node:crypto";
import http from "node:http";
import { type App, type BenchModel, fundGuest, type Guest, newGuest } from "./app";

export type Load = {
  name: string;
  /** The request of connection `index` (its own guest, a fresh Idempotency-Key…). */
  request: (index: number) => {
    method: string;
    path: string;
    headers?: Record<string, string>;
    body?: string;
  };
  /** The answer's status that counts as done. */
  expect: number;
};

export type Throughput = {
  name: string;
  perSecond: number;
  requests: number;
  failures: Record<string, number>;
  p50Ms: number;
  p99Ms: number;
};

function send(agent: http.Agent, base: URL, load: Load, index: number): Promise<number> {
  const { method, path, headers, body } = load.request(index);
  return new Promise((resolve, reject) => {
    const request = http.request(
      {
        agent,
        host: base.hostname,
        port: base.port,
        method,
        path,
        // As a browser asks: the server compresses what it compresses.
        headers: {
          "accept-encoding": "gzip",
          ...headers,
          ...(body ? { "content-length": Buffer.byteLength(body) } : {}),
        },
      },
      (response) => {
        response.on("data", () => {});
        response.on("end", () => resolve(response.statusCode ?? 0));
        response.on("error", reject);
      },
    );
    request.on("error", reject);
    request.end(body);
  });
}

export async function throughput(
  base: string,
  load: Load,
  options: { connections: number; seconds: number; warmupSeconds?: number },
): Promise<Throughput> {
  const url = new URL(base);
  const agent = new http.Agent({ keepAlive: true, maxSockets: options.connections });
  const warmupEnds = performance.now() + (options.warmupSeconds ?? 2) * 1000;
  const ends = warmupEnds + options.seconds * 1000;
  const latencies: number[] = [];
  const failures: Record<string, number> = {};
  let requests = 0;
  const connection = async (index: number) => {
    while (performance.now() < ends) {
      const started = performance.now();
      const status = await send(agent, url, load, index).catch((error: Error) => error.message);
      const finished = performance.now();
      if (started < warmupEnds || finished > ends) continue;
      requests++;
      latencies.push(finished - started);
      if (status !== load.expect) failures[String(status)] = (failures[String(status)] ?? 0) + 1;
    }
  };
  await Promise.all(Array.from({ length: options.connections }, (_, index) => connection(index)));
  agent.destroy();
  latencies.sort((a, b) => a - b);
  const at = (share: number) =>
    latencies[Math.min(latencies.length - 1, Math.floor(latencies.length * share))] ?? 0;
  const failed = Object.values(failures).reduce((sum, count) => sum + count, 0);
  return {
    name: load.name,
    perSecond: (requests - failed) / options.seconds,
    requests,
    failures,
    p50Ms: at(0.5),
    p99Ms: at(0.99),
  };
}

/**
 * The API rows against the reference, a static file of the same server: the catalog, a guest's
 * job, and new jobs on PostgreSQL by a funded guest per connection (one user's generations queue
 * on its row lock by design; the server allows GENERATIONS_PER_MINUTE=1000 per user). Every row
 * is asked of the same server, port and client, with the same headers; inside the server the
 * static file goes through Next (its public-file handler), the catalog does not (scripts/serve.mjs
 * answers it from memory before Next), which the output says.
 */
export async function apiThroughput(
  app: App,
  guest: Guest & { jobIds: string[] },
  model: BenchModel,
  options: { connections: number; seconds: number },
  log: (line: string) => void,
) {
  const posters: Guest[] = [];
  for (let i = 0; i < options.connections; i++) {
    const poster = await newGuest(app.base);
    await fundGuest(app.databaseUrl, poster);
    posters.push(poster);
  }
  const loads: { load: Load; goalPercent?: number }[] = [
    {
      load: { name: "GET /api/models", request: () => ({ method: "GET", path: "/api/models" }), expect: 200 },
      goalPercent: 70,
    },
    {
      load: {
        name: "GET /api/jobs/:id",
        request: () => ({
          method: "GET",
          path: `/api/jobs/${guest.jobIds[0]}`,
          headers: { cookie: guest.cookie },
        }),
        expect: 200,
      },
    },
    {
      // Last: each new job queues a render in the server, which goes on rendering afterwards.
      load: {
        name: "POST /api/jobs",
        request: (index) => ({
          method: "POST",
          path: "/api/jobs",
          headers: {
            cookie: posters[index]?.cookie ?? "",
            "content-type": "application/json",
            "idempotency-key": randomUUID(),
          },
          body: JSON.stringify({ modelId: model.id, prompt: "A benchmark of one more job", settings: {} }),
        }),
        expect: 202,
      },
    },
  ];
  const results: Throughput[] = [];
  const run = async (load: Load) => {
    const result = await throughput(app.base, load, options);
    log(`  ${load.name.padEnd(26)} ${result.perSecond.toFixed(0).padStart(6)}/s`);
    results.push(result);
    return result;
  };
  const file = await run({
    name: "GET /apple-touch-icon.png",
    request: () => ({ method: "GET", path: "/apple-touch-icon.png" }),
    expect: 200,
  });
  log(
    "  (same server, port and client for every row; the static file is served through Next's public-file\n" +
      "   handler, /api/models by scripts/serve.mjs from memory before Next, so it may cost less than the file)",
  );
  const measured: { result: Throughput; goalPercent?: number }[] = [];
  for (const { load, goalPercent } of loads) measured.push({ result: await run(load), goalPercent });
  return { file, measured, results };
}
