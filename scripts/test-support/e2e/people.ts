import { randomUUID } from "node:crypto";
import { type APIRequestContext, expect } from "@playwright/test";

/** People for e2e specs, made through the real routes: guests, and email sign-in via the outbox. */

export function randomAddress(): string {
  const byte = () => Math.floor(Math.random() * 250) + 1;
  return `10.${byte()}.${byte()}.${byte()}`;
}

export const newEmail = () => `e2e-${randomUUID().slice(0, 8)}@example.com`;

export async function startGuest(request: APIRequestContext): Promise<{ id: string; credits: number }> {
  const response = await request.post("/api/session/guest");
  expect(response.status(), await response.text()).toBeLessThan(300);
  return (await response.json()).user;
}

/** The newest code the local outbox holds for this email. */
/**
 * The newest code mailed to `email`, from the dev outbox. Waits for it: after a click on "Send
 * code" the request may still be on its way.
 */
export async function codeFor(request: APIRequestContext, email: string): Promise<string> {
  let code: string | undefined;
  await expect
    .poll(async () => {
      const response = await request.get(`/api/dev/outbox?email=${encodeURIComponent(email)}`);
      expect(response.status()).toBe(200);
      const { messages } = (await response.json()) as { messages: { code: string }[] };
      code = messages[0]?.code;
      return messages.length;
    })
    .toBeGreaterThan(0);
  return code as string;
}

/** Signs this browser context in with an email code, as the sign-in page does. */
export async function signInWithEmail(request: APIRequestContext, email: string) {
  expect((await request.post("/api/auth/email", { data: { email } })).status()).toBe(202);
  const code = await codeFor(request, email);
  const verified = await request.post("/api/auth/email/verify", { data: { email, code } });
  expect(verified.status(), await verified.text()).toBe(200);
  return (await verified.json()).user as { id: string; credits: number; language: string; isGuest: boolean };
}
