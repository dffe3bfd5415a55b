import { z } from "zod";
import { emailCodeSentSchema, outboxResponseSchema, signInResponseSchema } from "../contracts/auth";
import { apiRequest } from "./client";

/** The sign-in routes (api.md "Session and account"), for the sign-in page and Profile. */
export const authApi = {
  requestCode: (email: string, captchaToken?: string) =>
    apiRequest("/api/auth/email", emailCodeSentSchema, {
      method: "POST",
      body: captchaToken ? { email, captchaToken } : { email },
    }),
  verifyCode: (email: string, code: string) =>
    apiRequest("/api/auth/email/verify", signInResponseSchema, { method: "POST", body: { email, code } }),
  signOut: () => apiRequest("/api/auth/sign-out", z.null(), { method: "POST" }),
  outbox: (email?: string) =>
    apiRequest(`/api/dev/outbox${email ? `?email=${encodeURIComponent(email)}` : ""}`, outboxResponseSchema),
};
