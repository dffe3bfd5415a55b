import { afterEach, expect, test } from "vitest";
import { announce, channelTransport, listen, parseTabMessage, type TabMessage, topicsFor } from "./tab-sync";

const open: BroadcastChannel[] = [];
afterEach(() => {
  for (const channel of open.splice(0)) channel.close();
});

/** Two tabs: each a channel of the same name (Node's BroadcastChannel is the browser's). */
function tab() {
  const channel = new BroadcastChannel("tab-sync-test");
  open.push(channel);
  return channelTransport(channel);
}

test("changes that other tabs must hear about, by request", () => {
  expect(topicsFor("POST", "/api/jobs")).toEqual(["me", "jobs"]);
  expect(topicsFor("DELETE", "/api/jobs/6f1d6c2e-0000-4000-8000-000000000001")).toEqual(["jobs"]);
  expect(topicsFor("POST", "/api/credits/checkout")).toEqual(["me"]);
  expect(topicsFor("PATCH", "/api/me")).toEqual(["me"]);
  expect(topicsFor("DELETE", "/api/me")).toEqual(["session"]);
  expect(topicsFor("POST", "/api/auth/sign-out")).toEqual(["session"]);
  expect(topicsFor("POST", "/api/auth/email/verify")).toEqual(["session"]);
  expect(topicsFor("POST", "http://127.0.0.1:3000/api/session/guest")).toEqual(["session"]);
  // Reads, uploads and push subscriptions change nothing another tab shows.
  expect(topicsFor("GET", "/api/jobs?limit=20")).toEqual([]);
  expect(topicsFor("GET", "/api/me")).toEqual([]);
  expect(topicsFor("POST", "/api/uploads")).toEqual([]);
  expect(topicsFor("POST", "/api/push/subscriptions")).toEqual([]);
});

test("only well-formed messages with known topics get through", () => {
  expect(parseTabMessage({ topics: ["me", "jobs"] })).toEqual({ topics: ["me", "jobs"] });
  expect(parseTabMessage({ topics: ["me", "nonsense"] })).toEqual({ topics: ["me"] });
  expect(parseTabMessage({ topics: [] })).toBeNull();
  expect(parseTabMessage({ topics: "me" })).toBeNull();
  expect(parseTabMessage("me")).toBeNull();
  expect(parseTabMessage(null)).toBeNull();
});

test("a message one tab announces reaches another, never the sender itself", async () => {
  const [a, b] = [tab(), tab()];
  const heardByA: TabMessage[] = [];
  const heardByB: TabMessage[] = [];
  const stopA = listen((message) => heardByA.push(message), a);
  const received = new Promise<void>((resolve) => {
    listen((message) => {
      heardByB.push(message);
      resolve();
    }, b);
  });
  announce(["me", "jobs"], a);
  await received;
  expect(heardByB).toEqual([{ topics: ["me", "jobs"] }]);
  expect(heardByA).toEqual([]);
  stopA();
});

test("nothing to say, nothing sent; a stopped listener hears nothing more", async () => {
  const [a, b] = [tab(), tab()];
  const heard: TabMessage[] = [];
  const stop = listen((message) => heard.push(message), b);
  announce([], a);
  stop();
  announce(["me"], a);
  // A message still travelling would arrive within a turn of the event loop.
  await new Promise((resolve) => setTimeout(resolve, 50));
  expect(heard).toEqual([]);
});
