import { emailCodeSentAnswer, noContent, outboxAnswer, userAnswer } from "./answers";
import { apiRequest } from "./client";

/** The sign-in routes (docs/api.md "Session and account"), for the sign-in page and Profile. */
export const authApi = {
  requestCode: (email: string, captchaToken?: string) =>
    apiRequest("/api/auth/email", emailCodeSentAnswer, {
      method: "POST",
      body: captchaToken ? { email, captchaToken } : { email },
    }),
  verifyCode: (email: string, code: string) =>
    apiRequest("/api/auth/email/verify", userAnswer, { method: "POST", body: { email, code } }),
  signOut: () => apiRequest("/api/auth/sign-out", noContent, { method: "POST" }),
  outbox: (email?: string) =>
    apiRequest(`/api/dev/outbox${email ? `?email=${encodeURIComponent(email)}` : ""}`, outboxAnswer),
};
