import { expect, test } from "vitest";
import { createIntent, fingerprint, randomUuid } from "./intent";

const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-4[0-9a-f]{3}-[89ab][0-9a-f]{3}-[0-9a-f]{12}$/;

test("a retry of the same request reuses the key; new inputs or a settled intent get a new one", () => {
  let n = 0;
  const intent = createIntent(() => `key-${++n}`);
  const a = fingerprint({ prompt: "fox", settings: { durationSeconds: 8, audio: true } });
  const b = fingerprint({ prompt: "fox!", settings: { durationSeconds: 8, audio: true } });
  expect(intent.keyFor(a)).toBe("key-1");
  expect(intent.keyFor(a)).toBe("key-1");
  expect(intent.keyFor(b)).toBe("key-2");
  expect(intent.keyFor(a)).toBe("key-3");
  intent.settle();
  expect(intent.keyFor(a)).toBe("key-4");
});

test("fingerprint ignores key order", () => {
  expect(fingerprint({ a: 1, b: { d: 2, c: 3 } })).toBe(fingerprint({ b: { c: 3, d: 2 }, a: 1 }));
  expect(fingerprint({ a: 1 })).not.toBe(fingerprint({ a: 2 }));
});

test("randomUuid makes v4 UUIDs, with or without crypto.randomUUID", () => {
  expect(randomUuid()).toMatch(UUID);
  const original = globalThis.crypto.randomUUID;
  Object.defineProperty(globalThis.crypto, "randomUUID", { value: undefined, configurable: true });
  try {
    const ids = new Set(Array.from({ length: 50 }, randomUuid));
    expect(ids.size).toBe(50);
    for (const id of ids) expect(id).toMatch(UUID);
  } finally {
    Object.defineProperty(globalThis.crypto, "randomUUID", { value: original, configurable: true });
  }
});
