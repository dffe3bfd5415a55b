// HTTP throughput: `connections` keep-alive connections, each sending its next request as soon as
// the previous answer has been read, for `seconds` (after a short warm-up that is not counted).
// One client for every row, so the rows' ratios compare the server's work, not the client's.
import http from "node:http";

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
