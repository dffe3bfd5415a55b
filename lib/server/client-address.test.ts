import { afterEach, beforeEach, describe, expect, test, vi } from "vitest";
import {
  clientAddress,
  networkOf,
  normaliseAddress,
  SOCKET_HEADER,
  SOCKET_TOKEN,
  UNKNOWN_ADDRESS,
} from "./client-address";

const TOKEN = "test-token-0123456789";
const holder = globalThis as { [SOCKET_TOKEN]?: string };

/** A request as scripts/serve.mjs hands it on: its stamp, plus whatever the client wrote. */
function request(headers: Record<string, string>, socket?: string): { headers: Headers } {
  const all = new Headers(headers);
  if (socket !== undefined) all.set(SOCKET_HEADER, `${TOKEN} http ${socket}`);
  return { headers: all };
}

beforeEach(() => {
  holder[SOCKET_TOKEN] = TOKEN;
});
afterEach(() => {
  delete holder[SOCKET_TOKEN];
});

describe("TRUST_PROXY=none: the socket our server saw", () => {
  test("X-Forwarded-For, X-Real-IP and Vercel's header written by the client are ignored", () => {
    const forged = {
      "x-forwarded-for": "203.0.113.9, 198.51.100.1",
      "x-real-ip": "203.0.113.10",
      "x-vercel-forwarded-for": "203.0.113.11",
    };
    expect(clientAddress(request(forged, "192.0.2.5"), "none")).toBe("192.0.2.5");
  });

  test("rotating X-Forwarded-For gives the same key", () => {
    const keys = new Set(
      Array.from({ length: 20 }, (_, i) =>
        clientAddress(request({ "x-forwarded-for": `10.0.${i}.1` }, "192.0.2.5"), "none"),
      ),
    );
    expect([...keys]).toEqual(["192.0.2.5"]);
  });

  test("a stamp with a wrong token, or no server token at all, is not believed", () => {
    const forged = new Headers({
      [SOCKET_HEADER]: "guess http 203.0.113.1",
      "x-forwarded-for": "203.0.113.2",
    });
    const warn = vi.spyOn(console, "warn").mockImplementation(() => {});
    expect(clientAddress({ headers: forged }, "none")).toBe(UNKNOWN_ADDRESS);
    delete holder[SOCKET_TOKEN];
    const stamped = request({ "x-forwarded-for": "203.0.113.2" }, "192.0.2.5");
    expect(clientAddress(stamped, "none")).toBe(UNKNOWN_ADDRESS);
    warn.mockRestore();
  });

  test("the socket's IPv4-mapped IPv6 spelling is the IPv4 address", () => {
    expect(clientAddress(request({}, "::ffff:192.0.2.44"), "none")).toBe("192.0.2.44");
  });
});

describe("TRUST_PROXY=vercel: the headers Vercel's edge overwrites", () => {
  test("x-vercel-forwarded-for, then x-real-ip", () => {
    const headers = { "x-vercel-forwarded-for": "203.0.113.20", "x-real-ip": "203.0.113.21" };
    expect(clientAddress(request(headers), "vercel")).toBe("203.0.113.20");
    expect(clientAddress(request({ "x-real-ip": "2001:db8::7" }), "vercel")).toBe("2001:db8::7");
  });

  test("X-Forwarded-For alone is not Vercel's word; nothing to believe is the shared bucket", () => {
    expect(clientAddress(request({ "x-forwarded-for": "203.0.113.22" }), "vercel")).toBe(UNKNOWN_ADDRESS);
  });
});

describe("TRUST_PROXY=N: the Nth X-Forwarded-For entry from the right", () => {
  test("one proxy: the address it appended, whatever the client wrote before it", () => {
    const headers = { "x-forwarded-for": "6.6.6.6, 7.7.7.7, 203.0.113.30" };
    expect(clientAddress(request(headers, "10.0.0.2"), 1)).toBe("203.0.113.30");
    expect(clientAddress(request(headers, "10.0.0.2"), 2)).toBe("7.7.7.7");
  });

  test("a chain shorter than N did not pass our proxies: the socket, never a written value", () => {
    const headers = { "x-forwarded-for": "203.0.113.31" };
    expect(clientAddress(request(headers, "192.0.2.9"), 2)).toBe("192.0.2.9");
    expect(clientAddress(request(headers), 2)).toBe(UNKNOWN_ADDRESS);
  });

  test("an entry that is not an address is the socket's", () => {
    const headers = { "x-forwarded-for": "not-an-ip" };
    expect(clientAddress(request(headers, "192.0.2.9"), 1)).toBe("192.0.2.9");
  });

  test("ports, brackets and zones go", () => {
    const headers = { "x-forwarded-for": "[2001:DB8:0:0::1]:4711, 203.0.113.40:8080" };
    expect(clientAddress(request(headers), 1)).toBe("203.0.113.40");
    expect(clientAddress(request(headers), 2)).toBe("2001:db8::1");
  });
});

describe("normaliseAddress", () => {
  test.each([
    ["192.0.2.1", "192.0.2.1"],
    [" 192.0.2.1:443 ", "192.0.2.1"],
    ["::ffff:192.0.2.1", "192.0.2.1"],
    ["[::ffff:c000:201]:80", "192.0.2.1"],
    ["2001:0DB8:0000:0000:0000:0000:0000:0001", "2001:db8::1"],
    ["fe80::1%eth0", "fe80::1"],
    ["[fe80::1%25eth0]:443", "fe80::1"],
  ])("%s is %s", (raw, normal) => {
    expect(normaliseAddress(raw)).toBe(normal);
  });

  test.each(["", "local", "127.1", "0x7f.0.0.1", "999.1.1.1", "1.2.3.4.5", "2001:db8::g"])(
    "%s is no address",
    (raw) => {
      expect(normaliseAddress(raw)).toBeNull();
    },
  );
});

describe("networkOf", () => {
  test("/24 for IPv4, /64 for IPv6, whatever the spelling", () => {
    expect(networkOf("192.0.2.1")).toBe("192.0.2.0/24");
    expect(networkOf("::ffff:192.0.2.200")).toBe("192.0.2.0/24");
    expect(networkOf("2001:db8:1:2:aaaa::1")).toBe("2001:db8:1:2::/64");
    expect(networkOf("2001:db8:1:2:ffff:ffff:ffff:ffff")).toBe("2001:db8:1:2::/64");
    expect(networkOf("2001:db8:1:3::1")).not.toBe(networkOf("2001:db8:1:2::1"));
  });

  test("the shared bucket is its own network", () => {
    expect(networkOf(UNKNOWN_ADDRESS)).toBe(UNKNOWN_ADDRESS);
  });
});
