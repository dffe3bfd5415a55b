"use client";

import { LoaderCircle, Mail, TriangleAlert } from "lucide-react";
import { useTranslations } from "next-intl";
import { type FormEvent, type ReactNode, useEffect, useRef, useState } from "react";
import { useCaptcha } from "@/components/captcha/use-captcha";
import { toneText } from "@/components/ui/tones";
import { authApi } from "@/lib/api/auth";
import { mutateMe } from "@/lib/api/me";
import { CODE_LENGTH } from "@/lib/contracts/limits";
import { useNow } from "@/lib/hooks/use-now";
import { type AuthErrorView, authErrorView, cleanCode } from "./auth-error";

type Step = { name: "email" } | { name: "code"; email: string; minutes: number; resendAt: number };

const inputClass =
  "h-12 w-full appearance-none rounded-card bg-surface-card px-4 text-body text-text-primary shadow-card ring-1 ring-inset outline-none transition-shadow placeholder:text-text-secondary focus-visible:ring-2 focus-visible:ring-brand-primary disabled:opacity-60";

const primaryButton =
  "inline-flex min-h-12 w-full items-center justify-center gap-2 rounded-card bg-brand-primary px-6 text-headline font-semibold text-on-brand shadow-card transition-[box-shadow,transform] hover:shadow-banner active:scale-[0.98] disabled:cursor-not-allowed disabled:opacity-60";

const linkButton =
  "inline-flex min-h-11 items-center justify-center rounded-card px-3 text-subheadline font-semibold text-[color-mix(in_srgb,var(--brand-primary)_80%,black)] underline-offset-4 hover:underline disabled:cursor-not-allowed disabled:text-text-secondary disabled:no-underline dark:text-[#a99dff]";

/**
 * Sign-in by email code: email → 6-digit code (typed, pasted or filled
 * in by the phone from the mail) → back to `next` as the signed-in user, reloaded so the whole app
 * follows the account's language.
 */
export function SignInFlow({ next }: { next: string }) {
  const t = useTranslations("auth");
  const errorText = useErrorText();
  const [step, setStep] = useState<Step>({ name: "email" });
  const [email, setEmail] = useState("");
  const [code, setCode] = useState("");
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<AuthErrorView | null>(null);
  const [notice, setNotice] = useState<string | null>(null);
  const codeInput = useRef<HTMLInputElement>(null);
  const emailInput = useRef<HTMLInputElement>(null);
  // Asking for a code (and for another one) needs a Turnstile token when it is on.
  const captcha = useCaptcha("email_code");

  useEffect(() => {
    if (step.name === "code") codeInput.current?.focus();
    else emailInput.current?.focus();
  }, [step.name]);

  // After a refusal, the field at fault takes the focus (and a wrong code is selected to retype).
  useEffect(() => {
    if (error?.field === "email") emailInput.current?.focus();
    if (error?.field === "code") codeInput.current?.select();
  }, [error]);

  async function sendCode(address: string, resend: boolean) {
    setBusy(true);
    setError(null);
    setNotice(null);
    try {
      const sent = await authApi.requestCode(address, await captcha.token());
      setStep({
        name: "code",
        email: address.trim().toLowerCase(),
        minutes: Math.round(sent.expiresInSeconds / 60),
        resendAt: Date.now() + sent.resendAfterSeconds * 1000,
      });
      setCode("");
      if (resend) setNotice(t("resent"));
    } catch (cause) {
      setError(authErrorView(cause, "email"));
    } finally {
      setBusy(false);
    }
  }

  async function verify(address: string, value: string) {
    if (value.length !== CODE_LENGTH) {
      setError({ key: "errorCodeFormat", field: "code" });
      return;
    }
    setBusy(true);
    setError(null);
    setNotice(null);
    try {
      const { user } = await authApi.verifyCode(address, value);
      await mutateMe(user, { revalidate: false });
      // A full load: the language cookie may have changed with the account.
      window.location.assign(next);
    } catch (cause) {
      setError(authErrorView(cause, "code"));
      setBusy(false);
    }
  }

  const onSubmitEmail = (event: FormEvent) => {
    event.preventDefault();
    if (!busy) void sendCode(email, false);
  };

  const onSubmitCode = (event: FormEvent) => {
    event.preventDefault();
    if (!busy && step.name === "code") void verify(step.email, code);
  };

  const onCodeChange = (value: string) => {
    const cleaned = cleanCode(value);
    setCode(cleaned);
    if (error?.field === "code") setError(null);
    // A code filled in by the phone or pasted whole signs in at once.
    if (cleaned.length === CODE_LENGTH && step.name === "code" && !busy) void verify(step.email, cleaned);
  };

  const message = error ? errorText(error) : null;

  // One widget for both steps, so its token survives the switch to the code step (for a resend).
  return (
    <div className="flex flex-col gap-4">
      {step.name === "email" ? emailForm() : codeForm(step)}
      {captcha.widget}
    </div>
  );

  function emailForm() {
    return (
      <form onSubmit={onSubmitEmail} noValidate className="flex flex-col gap-4">
        <div className="flex flex-col gap-2">
          <label htmlFor="sign-in-email" className="text-headline font-semibold">
            {t("emailLabel")}
          </label>
          <input
            ref={emailInput}
            id="sign-in-email"
            name="email"
            type="email"
            inputMode="email"
            autoComplete="email"
            autoCapitalize="none"
            autoCorrect="off"
            spellCheck={false}
            required
            maxLength={254}
            value={email}
            onChange={(event) => {
              setEmail(event.target.value);
              if (error) setError(null);
            }}
            placeholder={t("emailPlaceholder")}
            aria-invalid={error?.field === "email" || undefined}
            aria-describedby={message ? "sign-in-error" : undefined}
            readOnly={busy}
            className={`${inputClass} ${error?.field === "email" ? "ring-error" : "ring-border-default"}`}
          />
        </div>
        {message ? <ErrorLine>{message}</ErrorLine> : null}
        <button type="submit" disabled={busy} className={primaryButton}>
          {busy ? (
            <LoaderCircle aria-hidden="true" className="size-5 animate-spin motion-reduce:animate-none" />
          ) : null}
          {busy ? t("sending") : t("sendCode")}
        </button>
      </form>
    );
  }

  function codeForm(step: Extract<Step, { name: "code" }>) {
    return (
      <form onSubmit={onSubmitCode} noValidate className="flex flex-col gap-4">
        <p className="flex items-start gap-3 text-body text-pretty" data-testid="code-sent">
          <Mail aria-hidden="true" className="mt-0.5 size-5 shrink-0 text-brand-primary" strokeWidth={2.25} />
          <span>{t("codeSentTo", { email: step.email, minutes: step.minutes })}</span>
        </p>
        <div className="flex flex-col gap-2">
          <label htmlFor="sign-in-code" className="text-headline font-semibold">
            {t("codeLabel")}
          </label>
          <input
            ref={codeInput}
            id="sign-in-code"
            name="code"
            type="text"
            inputMode="numeric"
            autoComplete="one-time-code"
            pattern="[0-9]*"
            enterKeyHint="done"
            value={code}
            onChange={(event) => onCodeChange(event.target.value)}
            aria-invalid={error?.field === "code" || undefined}
            aria-describedby={message ? "sign-in-error" : undefined}
            readOnly={busy}
            className={`${inputClass} text-center font-semibold text-title2 tracking-[0.5em] tabular-nums ${
              error?.field === "code" ? "ring-error" : "ring-border-default"
            }`}
          />
        </div>
        {message ? <ErrorLine>{message}</ErrorLine> : null}
        {notice ? (
          <p role="status" className="text-subheadline text-text-secondary">
            {notice}
          </p>
        ) : null}
        <button type="submit" disabled={busy} className={primaryButton}>
          {busy ? (
            <LoaderCircle aria-hidden="true" className="size-5 animate-spin motion-reduce:animate-none" />
          ) : null}
          {busy ? t("verifying") : t("verify")}
        </button>
        <div className="flex flex-wrap items-center justify-between gap-2">
          <button
            type="button"
            className={linkButton}
            disabled={busy}
            onClick={() => {
              setStep({ name: "email" });
              setError(null);
              setNotice(null);
            }}
          >
            {t("changeEmail")}
          </button>
          <ResendButton
            resendAt={step.resendAt}
            disabled={busy}
            onResend={() => void sendCode(step.email, true)}
          />
        </div>
      </form>
    );
  }
}

function ResendButton({
  resendAt,
  disabled,
  onResend,
}: {
  resendAt: number;
  disabled: boolean;
  onResend: () => void;
}) {
  const t = useTranslations("auth");
  const now = useNow(1000, true);
  const seconds = now === null ? null : Math.max(0, Math.ceil((resendAt - now) / 1000));
  const waiting = seconds === null || seconds > 0;
  return (
    <button type="button" className={linkButton} disabled={disabled || waiting} onClick={onResend}>
      {waiting && seconds !== null ? t("resendIn", { seconds }) : t("resend")}
    </button>
  );
}

function ErrorLine({ children }: { children: ReactNode }) {
  return (
    <p
      id="sign-in-error"
      role="alert"
      className="flex items-start gap-2 rounded-input bg-error/10 px-3 py-2.5 text-subheadline ring-1 ring-error/30 ring-inset"
    >
      <TriangleAlert aria-hidden="true" className={`mt-0.5 size-4 shrink-0 ${toneText.error}`} />
      <span>{children}</span>
    </p>
  );
}

function useErrorText() {
  const t = useTranslations();
  return (error: AuthErrorView): string => {
    if (error.key === "errorRateLimited") return t("auth.errorRateLimited", { minutes: error.minutes });
    if (error.field === null) return t(error.key);
    return t(`auth.${error.key}`);
  };
}
