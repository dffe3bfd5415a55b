import { beforeEach, expect, test, vi } from "vitest";

/**
 * The loader's logic with a minimal page: one script element, explicit render mode, shared by
 * every caller, and a fresh attempt after a failed load.
 */

type FakeScript = { src: string; async: boolean; onload?: () => void; onerror?: () => void; remove(): void };

function fakePage() {
  const appended: FakeScript[] = [];
  const page = {
    createElement: () => {
      const script: FakeScript = {
        src: "",
        async: false,
        remove: () => appended.splice(appended.indexOf(script), 1),
      };
      return script as unknown as HTMLScriptElement;
    },
    head: { append: (node: unknown) => void appended.push(node as FakeScript) },
  };
  return { page, appended };
}

const turnstile = { render: vi.fn(), reset: vi.fn(), remove: vi.fn() };

let loadTurnstile: typeof import("./load-turnstile").loadTurnstile;
beforeEach(async () => {
  vi.resetModules();
  ({ loadTurnstile } = await import("./load-turnstile"));
});

test("api.js is added once, in explicit render mode, and every caller gets the same turnstile", async () => {
  const host: { turnstile?: typeof turnstile } = {};
  const { page, appended } = fakePage();
  const first = loadTurnstile(host, page);
  const second = loadTurnstile(host, page);
  expect(appended).toHaveLength(1);
  expect(appended[0]?.src).toBe("https://challenges.cloudflare.com/turnstile/v0/api.js?render=explicit");
  expect(appended[0]?.async).toBe(true);
  host.turnstile = turnstile;
  appended[0]?.onload?.();
  expect(await first).toBe(turnstile);
  expect(await second).toBe(turnstile);
  expect(await loadTurnstile(host, page)).toBe(turnstile);
  expect(appended).toHaveLength(1);
});

test("a script that cannot load fails, is removed, and the next call tries again", async () => {
  const host: { turnstile?: typeof turnstile } = {};
  const { page, appended } = fakePage();
  const first = loadTurnstile(host, page);
  appended[0]?.onerror?.();
  await expect(first).rejects.toThrow(/could not load/);
  expect(appended).toHaveLength(0);

  const retry = loadTurnstile(host, page);
  expect(appended).toHaveLength(1);
  host.turnstile = turnstile;
  appended[0]?.onload?.();
  expect(await retry).toBe(turnstile);
});
