"use client";

import { useRouter } from "next/navigation";
import { useCallback, useEffect, useMemo, useRef, useState } from "react";
import { useCaptcha } from "@/components/captcha/use-captcha";
import { useOnline } from "@/components/pwa/use-online";
import { api } from "@/lib/api/endpoints";
import { ApiError } from "@/lib/api/errors";
import { mutateMe, useMe } from "@/lib/api/me";
import type { CatalogModel, CreateJobRequest } from "@/lib/contracts/api";
import type { Theme, VideoSettings } from "@/lib/contracts/catalog";
import { priceCredits } from "@/lib/contracts/pricing";
import type { Me } from "@/lib/contracts/user";
import { CostCard } from "./cost-card";
import { readDraft, sessionStore, writeDraft } from "./draft";
import { type BlockReason, GenerateBar, type SubmitError } from "./generate-bar";
import type { CreateIcons } from "./icons";
import { ImageInput, type ImageInputHandle } from "./image-input";
import { createIntent, fingerprint } from "./intent";
import { PromptField } from "./prompt-field";
import { affordableSettings, layerSettings } from "./settings";
import { SettingsPanel } from "./settings-panel";
import { ThemeChips } from "./theme-chips";
import { useImageUpload } from "./use-image-upload";
import type { CreateWords } from "./words";

export type CreateInitial = {
  prompt: string;
  settings: VideoSettings;
  themeId: string | null;
  /** The page was opened with values in the link (Regenerate, a theme): they win over a draft. */
  fromLink: boolean;
};

type Props = {
  model: CatalogModel;
  /** Presets offered as "start from a theme" chips. */
  themes: Theme[];
  initial: CreateInitial;
  /** Jobs run on the local preview renderer, not an AI provider. */
  previewRenderer: boolean;
  /** The shape of each aspect ratio (width ÷ height; null for "auto"), worked out by the server. */
  ratios: Record<string, number | null>;
  icons: CreateIcons;
  words: CreateWords;
};

type Phase = "idle" | "submitting" | "leaving";

/**
 * The generate form: prompt, optional starting image, settings, live cost,
 * balance check and one dominant Generate button. The server stays authoritative on price and
 * balance; what it answers (402, 429, network failures) is shown next to the button.
 */
export function CreateForm({ model, themes, initial, previewRenderer, ratios, icons, words }: Props) {
  const router = useRouter();
  const online = useOnline();
  const { data: me, error: meError } = useMe();
  const requiresImage = model.inputs.image === "required";

  const [prompt, setPrompt] = useState(initial.prompt);
  // With the balance already known (a returning person), open straight at affordable settings.
  const [settings, setSettings] = useState<VideoSettings>(() =>
    me ? affordableSettings(model.inputs, model.pricing, initial.settings, me.credits) : initial.settings,
  );
  const [themeId, setThemeId] = useState<string | null>(initial.themeId);
  const [phase, setPhase] = useState<Phase>("idle");
  const [submitError, setSubmitError] = useState<SubmitError | null>(null);
  const [showMissing, setShowMissing] = useState(false);
  const [hydrated, setHydrated] = useState(false);

  const promptRef = useRef<HTMLTextAreaElement>(null);
  const imageRef = useRef<ImageInputHandle>(null);
  const intent = useRef(createIntent()).current;
  const meRef = useRef<Me | undefined>(me);
  meRef.current = me;

  const captcha = useCaptcha("guest");
  const captchaToken = captcha.token;

  /** The caller's account, creating a guest session first for a first-time visitor. */
  const ensureSession = useCallback(async (): Promise<Me> => {
    if (meRef.current) return meRef.current;
    const { user } = await api.startGuest(await captchaToken());
    await mutateMe(user, { revalidate: false });
    return user;
  }, [captchaToken]);

  const upload = useImageUpload(ensureSession);
  const image = upload.state;

  // Restore the draft once, after hydration (sessionStorage does not exist on the server).
  // biome-ignore lint/correctness/useExhaustiveDependencies: runs once on mount by design
  useEffect(() => {
    const draft = readDraft(sessionStore(), model.slug);
    if (initial.fromLink) {
      // The link's values are now the draft; a reload or Back should not apply them again.
      window.history.replaceState(null, "", window.location.pathname);
    } else if (draft) {
      setPrompt(draft.prompt);
      setSettings(layerSettings(model.inputs, initial.settings, draft.settings));
      setThemeId(draft.themeId);
    }
    if (draft?.image && requiresImage) upload.restore(draft.image);
    setHydrated(true);
  }, []);

  const readyImage = image.status === "ready" ? image.image : null;
  useEffect(() => {
    if (!hydrated) return;
    writeDraft(sessionStore(), model.slug, { prompt, settings, themeId, image: readyImage });
  }, [hydrated, model.slug, prompt, settings, themeId, readyImage]);

  const cost = useMemo(() => priceCredits(model.pricing, settings) ?? model.minCredits, [model, settings]);
  const balance = me?.credits;
  const noSession = !me && meError?.code === "unauthorized";
  const noneAffordable = balance !== undefined && balance < model.minCredits;

  // Once, when the balance is first known (after the draft is restored) and the person has not
  // changed a setting yet: move to the affordable settings closest to what the form opened at.
  const fitted = useRef(false);
  useEffect(() => {
    if (!hydrated || fitted.current || balance === undefined || phase !== "idle") return;
    fitted.current = true;
    setSettings((current) => affordableSettings(model.inputs, model.pricing, current, balance));
  }, [hydrated, balance, phase, model]);
  const changeSettings = (next: VideoSettings) => {
    fitted.current = true;
    setSettings(next);
  };

  // Inputs changed: an earlier failure no longer describes what Generate would send.
  // biome-ignore lint/correctness/useExhaustiveDependencies: reset on any input change
  useEffect(() => {
    setSubmitError((current) => (current?.code === "rate_limited" ? current : null));
  }, [prompt, settings, readyImage]);

  // The first thing standing in the way; credits come before the prompt because typing will not
  // fix them (the settings or a purchase will).
  const block: BlockReason | null = !online
    ? "offline"
    : image.status === "working"
      ? "uploading"
      : balance !== undefined && balance < cost
        ? "credits"
        : prompt.trim() === ""
          ? "prompt"
          : requiresImage && !readyImage
            ? "image"
            : null;

  const submit = async () => {
    if (phase !== "idle") return;
    if (block) {
      setShowMissing(true);
      if (block === "prompt") promptRef.current?.focus();
      else if (block === "image") imageRef.current?.focus();
      return;
    }
    if (submitError?.code === "rate_limited" && submitError.until > Date.now()) return;
    const body: CreateJobRequest = {
      modelId: model.id,
      prompt: prompt.trim(),
      settings,
      ...(themeId ? { themeId } : {}),
      ...(readyImage ? { imageUrl: readyImage.imageUrl } : {}),
    };
    const key = intent.keyFor(fingerprint(body));
    setPhase("submitting");
    setSubmitError(null);
    try {
      const account = await ensureSession();
      if (account.credits < cost) {
        intent.settle();
        setSubmitError({ code: "insufficient_credits" });
        setPhase("idle");
        return;
      }
      const { job, credits } = await api.createJob(body, key);
      intent.settle();
      setPhase("leaving");
      (await import("@/lib/api/swr-cache")).putJob(job);
      void mutateMe((current: Me | undefined) => (current ? { ...current, credits } : current));
      router.push(`/jobs/${job.id}`);
    } catch (error) {
      const failure = error instanceof ApiError ? error : new ApiError("internal");
      // Only a request that may not have reached the server keeps its key for the retry.
      const unsure = failure.code === "network_error" || failure.code === "timeout" || failure.status >= 500;
      if (!unsure) intent.settle();
      if (failure.code === "insufficient_credits" || failure.code === "unauthorized") void mutateMe();
      if (failure.code === "validation_failed" && failure.field === "imageUrl") upload.remove();
      setSubmitError(
        failure.code === "rate_limited"
          ? { code: "rate_limited", until: Date.now() + (failure.retryAfterSeconds ?? 30) * 1000 }
          : { code: failure.code, retry: unsure },
      );
      setPhase("idle");
    }
  };

  const applyTheme = (theme: Theme) => {
    setPrompt(theme.prompt);
    changeSettings(layerSettings(model.inputs, theme.defaultSettings));
    setThemeId(theme.id);
  };

  const busy = phase !== "idle";
  const showThemes = themes.length > 0 && (prompt.trim() === "" || themes.some((th) => th.prompt === prompt));

  return (
    <form
      noValidate
      onSubmit={(event) => {
        event.preventDefault();
        void submit();
      }}
      className="flex flex-col gap-6 lg:grid lg:grid-cols-[minmax(0,1fr)_23rem] lg:items-start lg:gap-8"
    >
      <div className="flex min-w-0 flex-col gap-6">
        {requiresImage ? (
          <ImageInput
            ref={imageRef}
            state={image}
            onPick={(file) => void upload.pick(file)}
            onRemove={upload.remove}
            disabled={busy}
            missing={showMissing && block === "image"}
            icons={icons.image}
          />
        ) : null}
        <PromptField
          ref={promptRef}
          value={prompt}
          onChange={(value) => {
            setPrompt(value);
            // Clearing the prompt also lets go of the theme it started from.
            if (value.trim() === "") setThemeId(null);
          }}
          onSubmitShortcut={() => void submit()}
          invalid={showMissing && block === "prompt"}
          disabled={busy}
          icons={icons}
          counter={words.counter}
        />
        {showThemes ? (
          <ThemeChips themes={themes} activeId={themeId} onPick={applyTheme} disabled={busy} />
        ) : null}
      </div>

      {/* On phones this wrapper dissolves (display: contents) so the Generate bar can stick to the
          bottom of the whole form; on wide screens it is the side column, and the bar sticks to the
          bottom of the window within it, so Generate is in view without scrolling. */}
      <div className="contents lg:flex lg:flex-col lg:gap-4">
        <SettingsPanel
          inputs={model.inputs}
          ratios={ratios}
          value={settings}
          onChange={changeSettings}
          disabled={busy}
          words={words}
        />
        <CostCard
          cost={cost}
          balance={balance}
          minCredits={model.minCredits}
          noSession={noSession}
          previewRenderer={previewRenderer}
          icons={icons}
          words={words}
        />
        {/* A first-time visitor becomes a guest on Generate, which needs the human check when on. */}
        {noSession ? captcha.widget : null}
        <GenerateBar
          cost={cost}
          balance={balance}
          previewRenderer={previewRenderer}
          block={block}
          noneAffordable={noneAffordable}
          phase={phase}
          error={submitError}
          onClearError={() => setSubmitError(null)}
          icons={icons}
          words={words}
        />
      </div>
    </form>
  );
}
