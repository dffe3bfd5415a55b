import { createServer } from "node:http";
import type { AddressInfo } from "node:net";
import { afterAll, beforeAll, expect, test } from "vitest";
import { type Siteverify, startSiteverify } from "@/scripts/test-support/stand-ins/siteverify";
import { isAppError } from "../../errors";
import { verifyTurnstileToken } from "./turnstile";

/** The siteverify adapter against the stand-in: which answers are the visitor's fault and which ours. */

const SECRET = "0x4AAAAAAA-unit-secret";
let siteverify: Siteverify;
beforeAll(async () => {
  siteverify = await startSiteverify(SECRET);
});
afterAll(() => siteverify.close());

const failure = (promise: Promise<unknown>) =>
  promise.then(
    () => null,
    (error: unknown) => error,
  );

test("a good token passes once; remoteip is sent only for a real address", async () => {
  const settings = { secretKey: SECRET, verifyUrl: siteverify.url };
  const token = siteverify.issue();
  await verifyTurnstileToken(settings, token, "local");
  expect(siteverify.calls.at(-1)?.form).toEqual({ secret: SECRET, response: token });
  const error = await failure(verifyTurnstileToken(settings, token, "2001:db8::1"));
  expect(isAppError(error, "captcha_failed")).toBe(true);
  expect(siteverify.calls.at(-1)?.form.remoteip).toBe("2001:db8::1");
});

test("a wrong secret is our fault: service_unavailable, not the visitor's captcha_failed", async () => {
  const error = await failure(
    verifyTurnstileToken({ secretKey: "wrong", verifyUrl: siteverify.url }, siteverify.issue(), "local"),
  );
  expect(isAppError(error, "service_unavailable")).toBe(true);
});

test("an answer not in siteverify's shape is service_unavailable", async () => {
  const odd = createServer((_request, response) => {
    response.writeHead(200, { "content-type": "application/json" }).end(JSON.stringify({ ok: true }));
  });
  await new Promise<void>((resolve) => odd.listen(0, "127.0.0.1", resolve));
  const url = `http://127.0.0.1:${(odd.address() as AddressInfo).port}/`;
  const error = await failure(verifyTurnstileToken({ secretKey: SECRET, verifyUrl: url }, "t", "local"));
  odd.close();
  expect(isAppError(error, "service_unavailable")).toBe(true);
});

test("no answer within the limit is service_unavailable, on time", async () => {
  siteverify.behaviour = "slow";
  siteverify.delayMs = 5000;
  const started = performance.now();
  const error = await failure(
    verifyTurnstileToken({ secretKey: SECRET, verifyUrl: siteverify.url }, siteverify.issue(), "local", 300),
  );
  siteverify.behaviour = "ok";
  expect(isAppError(error, "service_unavailable")).toBe(true);
  expect(performance.now() - started).toBeLessThan(2000);
});
