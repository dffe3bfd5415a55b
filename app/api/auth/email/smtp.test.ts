import { randomUUID } from "node:crypto";
import { afterAll, beforeAll, describe, expect, test, vi } from "vitest";
import { openRouteDatabase, type RouteDb, TestBrowser } from "@/scripts/test-support/routes";
import {
  type ReceivedMail,
  startClosingServer,
  startSmtpServer,
  type TestSmtp,
} from "@/scripts/test-support/stand-ins/smtp";

/**
 * A production server with SMTP_URL: sign-in codes travel as real mail to a real SMTP server
 * this test runs (smtp-server, with a login), and are read back from the received message.
 * A refused or failed send is 503 service_unavailable, and its code never works.
 */

const MAIL_FROM = "Rendio <no-reply@rendio.example>";

let route: RouteDb;
let smtp: TestSmtp;
let requestCode: (request: Request) => Promise<Response>;
let verifyCode: (request: Request) => Promise<Response>;

/** The routes as a server started with this SMTP_URL would load them (config is read once). */
async function loadRoutes(smtpUrl: string) {
  vi.resetModules();
  vi.stubEnv("NODE_ENV", "production");
  vi.stubEnv("LOG_LEVEL", "silent"); // production logs at info; a test stays quiet
  vi.stubEnv("DEV_OUTBOX", "");
  vi.stubEnv("SMTP_URL", smtpUrl);
  vi.stubEnv("MAIL_FROM", MAIL_FROM);
  requestCode = (await import("./route")).POST;
  verifyCode = (await import("./verify/route")).POST;
}

beforeAll(async () => {
  route = await openRouteDatabase();
  smtp = await startSmtpServer();
  await loadRoutes(smtp.url);
});
afterAll(async () => {
  await smtp.close();
  await route.close();
});

const uniqueEmail = () => `person-${randomUUID().slice(0, 8)}@example.com`;
const headers = () => ({ "x-forwarded-for": `203.0.113.${Math.floor(Math.random() * 255)}-${randomUUID()}` });

function ask(browser: TestBrowser, email: string, extra: Record<string, string> = {}) {
  return browser.call(requestCode, "/api/auth/email", {
    json: { email },
    headers: { ...headers(), ...extra },
  });
}

function verify(browser: TestBrowser, email: string, code: string) {
  return browser.call(verifyCode, "/api/auth/email/verify", { json: { email, code }, headers: headers() });
}

function mailTo(list: ReceivedMail[], email: string): ReceivedMail[] {
  return list.filter((m) => m.envelopeTo.includes(email));
}

function codeIn(received: ReceivedMail): string {
  const code = /\b(\d{6})\b/.exec(received.mail.text ?? "")?.[1];
  expect(code).toBeDefined();
  return code as string;
}

const storedCodes = async (email: string) =>
  (await route.db.query("select 1 from auth.one_time_codes where email = $1", [email])).rows.length;

describe("with SMTP_URL", () => {
  test("the code arrives as mail (From MAIL_FROM, To the address, text and HTML) and signs in", async () => {
    const email = uniqueEmail();
    const browser = new TestBrowser();
    const response = await ask(browser, email);
    expect(response.status).toBe(202);

    const [received, ...more] = mailTo(smtp.received, email);
    expect(more).toEqual([]);
    if (!received) throw new Error("no message received");
    const { mail } = received;
    expect(received.envelopeTo).toEqual([email]);
    expect(received.envelopeFrom).toBe("no-reply@rendio.example");
    expect(mail.from?.value).toEqual([{ name: "Rendio", address: "no-reply@rendio.example" }]);
    expect(mail.to && !Array.isArray(mail.to) ? mail.to.value.map((a) => a.address) : []).toEqual([email]);

    const code = codeIn(received);
    expect(mail.subject).toBe(`${code} is your Rendio sign-in code`);
    expect(mail.text).toContain("expires in 10 minutes");
    expect(mail.text).toContain("If you didn’t ask for it, you can ignore this email.");
    expect(mail.html).toContain(`>${code}</p>`);
    expect(mail.html).toContain('<html lang="en">');
    expect(mail.html).toContain("If you didn’t ask for it");

    // Real mail only: nothing lands in the local outbox.
    expect((await route.db.query("select 1 from auth.outbox where to_email = $1", [email])).rows).toEqual([]);

    const signedIn = await verify(browser, email, code);
    expect(signedIn.status, await signedIn.clone().text()).toBe(200);
    expect((await signedIn.json()).user).toMatchObject({ email, isGuest: false });
  });

  test.each([
    ["tr-TR", "Rendio giriş kodun", "10 dakika içinde", '<html lang="tr">'],
    ["es", "es tu código para entrar en Rendio", "caduca en 10 minutos", '<html lang="es">'],
  ])("the mail speaks the asker's language (%s)", async (language, subject, text, html) => {
    const email = uniqueEmail();
    const browser = new TestBrowser();
    expect((await ask(browser, email, { "accept-language": language })).status).toBe(202);
    const [received] = mailTo(smtp.received, email);
    if (!received) throw new Error("no message received");
    const code = codeIn(received);
    expect(received.mail.subject).toContain(subject);
    expect(received.mail.subject).toContain(code);
    expect(received.mail.text).toContain(text);
    expect(received.mail.html).toContain(html);
    expect(received.mail.html).toContain(code);
    expect((await verify(browser, email, code)).status).toBe(200);
  });

  test("a server that refuses the recipient (550): 503 service_unavailable, no code stored", async () => {
    const email = uniqueEmail();
    smtp.refuse = "rcpt";
    try {
      const response = await ask(new TestBrowser(), email);
      expect(response.status).toBe(503);
      expect((await response.json()).error.code).toBe("service_unavailable");
    } finally {
      smtp.refuse = null;
    }
    expect(mailTo(smtp.received, email)).toEqual([]);
    expect(await storedCodes(email)).toBe(0);
  });

  test("a message the server turns down (554 after DATA): 503, its code never works, the earlier code still does", async () => {
    const email = uniqueEmail();
    const browser = new TestBrowser();
    expect((await ask(browser, email)).status).toBe(202);
    const [delivered] = mailTo(smtp.received, email);
    if (!delivered) throw new Error("no message received");

    smtp.refuse = "data";
    try {
      const response = await ask(browser, email);
      expect(response.status).toBe(503);
      expect((await response.json()).error.code).toBe("service_unavailable");
    } finally {
      smtp.refuse = null;
    }
    const [turnedDown] = mailTo(smtp.refused, email);
    if (!turnedDown) throw new Error("the refused message did not reach the server");
    const refusedCode = codeIn(turnedDown);
    if (refusedCode !== codeIn(delivered)) {
      const wrong = await verify(browser, email, refusedCode);
      expect(wrong.status).toBe(400);
      expect((await wrong.json()).error.field).toBe("code");
    }
    expect((await verify(browser, email, codeIn(delivered))).status).toBe(200);
  });
});

describe("a mail server that cannot be used", () => {
  test("one that hangs up at once: 503 service_unavailable, not 500, no code stored", async () => {
    const closing = await startClosingServer();
    try {
      await loadRoutes(closing.url);
      const email = uniqueEmail();
      const response = await ask(new TestBrowser(), email);
      expect(response.status).toBe(503);
      expect((await response.json()).error.code).toBe("service_unavailable");
      expect(await storedCodes(email)).toBe(0);
    } finally {
      await closing.close();
    }
  });

  test("wrong SMTP credentials: 503 service_unavailable, no code stored", async () => {
    await loadRoutes(smtp.url.replace(":secret-pass@", ":wrong-pass@"));
    const email = uniqueEmail();
    const response = await ask(new TestBrowser(), email);
    expect(response.status).toBe(503);
    expect((await response.json()).error.code).toBe("service_unavailable");
    expect(await storedCodes(email)).toBe(0);
  });
});
