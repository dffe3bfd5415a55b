import { describe, expect, it } from "vitest";
import en from "@/messages/en.json";
import { type MessageTree, pickMessages } from "./pick-messages";

const messages: MessageTree = {
  auth: { title: "Sign in", haveAccount: { question: "Have an account?", signIn: "Sign in" } },
  credits: { badge: "{count} credits", loading: "Loading", buyTitle: "Buy credits" },
  home: { title: "Home" },
};

describe("pickMessages", () => {
  it("keeps whole namespaces and only the named parts of others, nested as they were", () => {
    expect(pickMessages(messages, ["home", "auth.haveAccount", "credits.badge", "credits.loading"])).toEqual({
      home: { title: "Home" },
      auth: { haveAccount: { question: "Have an account?", signIn: "Sign in" } },
      credits: { badge: "{count} credits", loading: "Loading" },
    });
  });

  it("leaves out paths that name nothing and never changes the messages it reads", () => {
    const before = structuredClone(messages);
    expect(pickMessages(messages, ["missing", "auth.nothing", "home.title.deeper"])).toEqual({
      auth: {},
      home: { title: "Home" },
    });
    expect(messages).toEqual(before);
  });

  it("picks from the real messages: Home's badge words without the rest of credits", () => {
    const picked = pickMessages(en as unknown as MessageTree, ["credits.badge"]);
    expect(picked).toEqual({ credits: { badge: en.credits.badge } });
  });
});
