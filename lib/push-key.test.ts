import { expect, test } from "vitest";
import { generateVAPIDKeys } from "web-push";
import { applicationServerKey } from "./push-key";

test("a VAPID public key decodes to the 65-byte uncompressed P-256 point", () => {
  const { publicKey } = generateVAPIDKeys();
  const bytes = applicationServerKey(publicKey);
  expect(bytes.length).toBe(65);
  expect(bytes[0]).toBe(0x04);
  expect(Buffer.from(bytes).toString("base64url")).toBe(publicKey);
});

test("base64url characters and missing padding are handled", () => {
  expect([...applicationServerKey("-_8")]).toEqual([0xfb, 0xff]);
  expect([...applicationServerKey("AQ")]).toEqual([1]);
});
