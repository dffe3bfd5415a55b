import { describe, expect, test } from "vitest";
import { escapeHtml, signInCodeMessage } from "./message";

describe("the sign-in code message", () => {
  test.each([
    ["en", "123456 is your Rendio sign-in code", "expires in 10 minutes", "you can ignore this email"],
    ["tr", "123456, Rendio giriş kodun", "10 dakika içinde", "yok sayabilirsin"],
    ["es", "123456 es tu código para entrar en Rendio", "caduca en 10 minutos", "puedes ignorar este correo"],
  ] as const)(
    "%s: subject with the code, text and HTML saying how long it lasts and to ignore it if not asked for",
    (locale, subject, lasts, ignore) => {
      const mail = signInCodeMessage({ to: "a@example.com", code: "123456", locale, minutes: 10 });
      expect(mail.subject).toBe(subject);
      expect(mail.text).toContain("\n\n123456\n\n");
      expect(mail.text).toContain(lasts);
      expect(mail.text).toContain(ignore);
      expect(mail.html).toContain(`<html lang="${locale}">`);
      expect(mail.html).toMatch(/font-size:32px[^>]*>123456<\/p>/);
      expect(mail.html).toContain(lasts);
      expect(mail.html).toContain(ignore);
    },
  );

  test("one minute is singular", () => {
    expect(signInCodeMessage({ to: "a@example.com", code: "1", locale: "en", minutes: 1 }).text).toContain(
      "expires in 1 minute.",
    );
  });

  test("whatever goes into the HTML is escaped", () => {
    expect(escapeHtml(`<script>alert("x") & 'y'</script>`)).toBe(
      "&lt;script&gt;alert(&quot;x&quot;) &amp; &#39;y&#39;&lt;/script&gt;",
    );
    const html = signInCodeMessage({ to: "a@example.com", code: "<b>1</b>", locale: "en", minutes: 10 }).html;
    expect(html).toContain("&lt;b&gt;1&lt;/b&gt;");
    expect(html).not.toContain("<b>");
  });
});
