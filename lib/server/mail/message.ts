import { createTranslator } from "next-intl";
import en from "../../../messages/en.json";
import es from "../../../messages/es.json";
import tr from "../../../messages/tr.json";
import type { SignInCodeMail } from "./port";

/** The sign-in code email in the asker's language: subject, plain text and HTML. */

const messages = { en, tr, es };

export type ComposedMail = { subject: string; text: string; html: string };

export function signInCodeMessage(mail: SignInCodeMail): ComposedMail {
  const t = createTranslator({
    locale: mail.locale,
    messages: messages[mail.locale],
    namespace: "auth.mail",
  });
  const subject = t("subject", { code: mail.code });
  const intro = t("intro");
  const expires = t("expires", { minutes: mail.minutes });
  const ignore = t("ignore");
  const text = [intro, mail.code, expires, ignore].join("\n\n");
  const html = `<!doctype html>
<html lang="${escapeHtml(mail.locale)}">
<head><meta charset="utf-8"><title>${escapeHtml(subject)}</title></head>
<body style="margin:0;padding:24px;font-family:-apple-system,BlinkMacSystemFont,'Segoe UI',Roboto,Arial,sans-serif;color:#111;background:#fff">
<p style="margin:0 0 16px;font-size:16px">${escapeHtml(intro)}</p>
<p style="margin:0 0 16px;font-size:32px;font-weight:700;letter-spacing:6px;font-family:ui-monospace,Menlo,Consolas,monospace">${escapeHtml(mail.code)}</p>
<p style="margin:0 0 16px;font-size:16px">${escapeHtml(expires)}</p>
<p style="margin:0;font-size:14px;color:#555">${escapeHtml(ignore)}</p>
</body>
</html>
`;
  return { subject, text, html };
}

const HTML_ENTITIES: Record<string, string> = {
  "&": "&amp;",
  "<": "&lt;",
  ">": "&gt;",
  '"': "&quot;",
  "'": "&#39;",
};

export function escapeHtml(value: string): string {
  return value.replace(/[&<>"']/g, (c) => HTML_ENTITIES[c] ?? c);
}
