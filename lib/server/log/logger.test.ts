import { Writable } from "node:stream";
import { describe, expect, it } from "vitest";
import { createLogger } from "./logger";
import { runInRequest } from "./request-context";

function capture() {
  const lines: Record<string, unknown>[] = [];
  const stream = new Writable({
    write(chunk, _encoding, done) {
      for (const line of String(chunk).split("\n").filter(Boolean)) lines.push(JSON.parse(line));
      done();
    },
  });
  return { lines, stream };
}

describe("the server logger", () => {
  it("writes one JSON object per line with an ISO time and the level's name", () => {
    const { lines, stream } = capture();
    createLogger("info", stream).info({ jobId: "j1" }, "job created");
    expect(lines).toEqual([
      { level: "info", time: expect.stringMatching(/^\d{4}-\d\d-\d\dT/), jobId: "j1", msg: "job created" },
    ]);
  });

  it("tags lines written while answering a request with its id and user, and only those", () => {
    const { lines, stream } = capture();
    const log = createLogger("info", stream);
    runInRequest({ requestId: "r-1", route: "/api/jobs", method: "POST", userId: "u-1" }, () =>
      log.info("inside"),
    );
    log.info("outside");
    expect(lines[0]).toMatchObject({ requestId: "r-1", userId: "u-1", msg: "inside" });
    expect(lines[1]).not.toHaveProperty("requestId");
    expect(lines[1]).not.toHaveProperty("userId");
  });

  it("redacts emails, prompts, tokens and cookies that reach a log call", () => {
    const { lines, stream } = capture();
    createLogger("info", stream).info(
      { email: "a@b.c", job: { prompt: "a cat" }, headers: { cookie: "s=1", authorization: "Bearer x" } },
      "careless",
    );
    const line = JSON.stringify(lines[0]);
    for (const secret of ["a@b.c", "a cat", "s=1", "Bearer x"]) expect(line).not.toContain(secret);
    expect(lines[0]).toMatchObject({ email: "[redacted]", job: { prompt: "[redacted]" } });
  });

  it("drops lines below its level", () => {
    const { lines, stream } = capture();
    const log = createLogger("warn", stream);
    log.info("quiet");
    log.warn("loud");
    expect(lines.map((line) => line.msg)).toEqual(["loud"]);
  });
});
