import { expect, test } from "vitest";
import type { Me } from "../contracts/user";
import { ApiError } from "./errors";
import { createMeStore, DEDUPE_MS, FOCUS_THROTTLE_MS, type Watch } from "./me-store";

const me = (credits: number): Me => ({
  id: "6f1d6c2e-0000-4000-8000-000000000001",
  isGuest: true,
  email: null,
  credits,
  language: "en",
  theme: "system",
  createdAt: "2026-01-01T00:00:00.000Z",
});

/** A server whose answers the test hands out one by one, in any order. */
function server() {
  const pending: { resolve: (value: Me) => void; reject: (error: ApiError) => void }[] = [];
  return {
    fetchMe: () => new Promise<Me>((resolve, reject) => pending.push({ resolve, reject })),
    get reads() {
      return pending.length;
    },
    answer: async (index: number, value: Me | ApiError) => {
      const read = pending[index];
      if (!read) throw new Error(`no read ${index}`);
      if (value instanceof ApiError) read.reject(value);
      else read.resolve(value);
      await Promise.resolve();
    },
  };
}

function clock() {
  let at = 1_000_000;
  return { now: () => at, pass: (ms: number) => (at += ms) };
}

test("a read settles the state and tells the subscribers; reads within 2 s share one", async () => {
  const api = server();
  const time = clock();
  const store = createMeStore(api.fetchMe, undefined, time.now);
  let calls = 0;
  store.subscribe(() => calls++);
  expect(store.get()).toEqual({ validating: true });

  const first = store.revalidate({ dedupe: true });
  expect(store.revalidate({ dedupe: true })).toBe(first);
  expect(api.reads).toBe(1);
  await api.answer(0, me(5));
  expect(store.get()).toEqual({ data: me(5), validating: false });
  expect(calls).toBeGreaterThan(0);

  time.pass(DEDUPE_MS - 1);
  void store.revalidate({ dedupe: true });
  expect(api.reads).toBe(1);
  // Without `dedupe` (an explicit refresh) a read always goes out.
  void store.revalidate();
  expect(api.reads).toBe(2);
  expect(store.get().validating).toBe(true);
  time.pass(DEDUPE_MS);
  void store.revalidate({ dedupe: true });
  expect(api.reads).toBe(3);
});

test("a failed read keeps the account it had and records the error; the next answer clears it", async () => {
  const api = server();
  const store = createMeStore(api.fetchMe);
  void store.revalidate();
  await api.answer(0, me(5));
  void store.revalidate();
  await api.answer(1, new ApiError("network_error"));
  expect(store.get()).toMatchObject({ data: me(5), error: { code: "network_error" }, validating: false });
  void store.revalidate();
  await api.answer(2, me(4));
  expect(store.get()).toEqual({ data: me(4), validating: false });
});

test("a local change wins over a read that started before it", async () => {
  const api = server();
  const store = createMeStore(api.fetchMe);
  void store.revalidate();
  await store.mutate(me(9), { revalidate: false });
  expect(store.get()).toEqual({ data: me(9), validating: true });
  await api.answer(0, me(10));
  expect(store.get()).toEqual({ data: me(9), validating: false });
});

test("a change asks the server again by default, and an updater sees the current account", async () => {
  const api = server();
  const store = createMeStore(api.fetchMe);
  void store.revalidate();
  await api.answer(0, me(10));

  void store.mutate((current) => (current ? { ...current, credits: current.credits - 3 } : current));
  expect(store.get()).toEqual({ data: me(7), validating: true });
  expect(api.reads).toBe(2);
  await api.answer(1, me(7));
  expect(store.get()).toEqual({ data: me(7), validating: false });

  // No argument: only asks again.
  void store.mutate();
  expect(api.reads).toBe(3);
  expect(store.get().data).toEqual(me(7));
});

test("only the latest read counts, whatever order the answers come in", async () => {
  const api = server();
  const store = createMeStore(api.fetchMe);
  void store.revalidate();
  void store.revalidate();
  await api.answer(1, me(2));
  await api.answer(0, me(1));
  expect(store.get()).toEqual({ data: me(2), validating: false });
});

test("focus reads again at most every 5 s; the environment is watched while someone listens", async () => {
  const api = server();
  const time = clock();
  let events: Parameters<Watch>[0] | null = null;
  let stopped = 0;
  const watch: Watch = (given) => {
    events = given;
    return () => {
      events = null;
      stopped++;
    };
  };
  const store = createMeStore(api.fetchMe, watch, time.now);
  expect(events).toBeNull();
  const stopA = store.subscribe(() => {});
  const stopB = store.subscribe(() => {});
  if (!events) throw new Error("not watching");
  const { focused, reconnected } = events as Parameters<Watch>[0];

  focused();
  expect(api.reads).toBe(1);
  time.pass(FOCUS_THROTTLE_MS - 1);
  focused();
  expect(api.reads).toBe(1);
  time.pass(1);
  focused();
  expect(api.reads).toBe(2);
  time.pass(DEDUPE_MS);
  reconnected();
  expect(api.reads).toBe(3);

  stopA();
  expect(stopped).toBe(0);
  stopB();
  expect(stopped).toBe(1);
  expect(events).toBeNull();
});
