"use client";

import { useTranslations } from "next-intl";
import { type ClipboardEvent, forwardRef, type KeyboardEvent, useState } from "react";
import { toneText } from "@/components/ui/tones";
import { MAX_PROMPT_LENGTH } from "@/lib/contracts/limits";
import type { CreateIcons } from "./icons";
import { clampPrompt, counterTone, pasteIntoPrompt, promptLength } from "./prompt";
import type { CreateWords } from "./words";

type Props = {
  value: string;
  onChange: (value: string) => void;
  onSubmitShortcut: () => void;
  invalid: boolean;
  disabled?: boolean;
  icons: CreateIcons;
  /** The counter as the server wrote it for the prompt the form opened with. */
  counter: CreateWords["counter"];
};

/** The prompt: 5 lines to start, grows to ~10, a live counter against the one shared limit. */
export const PromptField = forwardRef<HTMLTextAreaElement, Props>(function PromptField(
  { value, onChange, onSubmitShortcut, invalid, disabled, icons, counter },
  ref,
) {
  const t = useTranslations("create.prompt");
  const length = promptLength(value);
  const counted =
    length === counter.length
      ? counter
      : {
          shown: t("counterShown", { count: length, max: MAX_PROMPT_LENGTH }),
          spoken: t("counter", { count: length, max: MAX_PROMPT_LENGTH }),
        };
  const tone = counterTone(length);
  // Characters of the last paste that did not fit (the browser would cut them without a word).
  const [cut, setCut] = useState(0);
  const onPaste = (event: ClipboardEvent<HTMLTextAreaElement>) => {
    const area = event.currentTarget;
    const pasted = event.clipboardData.getData("text/plain");
    const result = pasteIntoPrompt(area.value, pasted, area.selectionStart, area.selectionEnd);
    setCut(result.removed);
    if (result.removed === 0) return;
    event.preventDefault();
    onChange(result.text);
    requestAnimationFrame(() => area.setSelectionRange(result.caret, result.caret));
  };
  const onKeyDown = (event: KeyboardEvent<HTMLTextAreaElement>) => {
    if (event.key === "Enter" && (event.metaKey || event.ctrlKey)) {
      event.preventDefault();
      onSubmitShortcut();
    }
  };

  return (
    <div className="flex flex-col gap-2">
      <label htmlFor="prompt" className="text-headline font-semibold">
        {t("label")}
      </label>
      <div
        className={`rounded-card bg-surface-card ring-1 ring-inset transition-shadow focus-within:ring-2 focus-within:ring-brand-primary ${
          invalid ? "ring-error" : "ring-border-default"
        }`}
      >
        <textarea
          ref={ref}
          id="prompt"
          name="prompt"
          rows={5}
          value={value}
          maxLength={MAX_PROMPT_LENGTH}
          disabled={disabled}
          onChange={(event) => {
            setCut(0);
            onChange(clampPrompt(event.currentTarget.value));
          }}
          onPaste={onPaste}
          onKeyDown={onKeyDown}
          placeholder={t("placeholder")}
          aria-invalid={invalid || undefined}
          aria-describedby={[
            invalid ? "prompt-error" : "",
            "prompt-hint prompt-counter",
            cut > 0 ? "prompt-cut" : "",
          ]
            .join(" ")
            .trim()}
          enterKeyHint="enter"
          spellCheck
          className="block max-h-[15lh] min-h-[7.5lh] w-full resize-y rounded-card bg-transparent px-4 pt-3 pb-1 text-body text-text-primary outline-none [field-sizing:content] placeholder:text-text-secondary focus-visible:outline-none disabled:opacity-60"
        />
        <div className="flex justify-end px-4 pb-2">
          <span
            id="prompt-counter"
            className={`text-caption font-medium tabular-nums ${
              tone === "full" ? toneText.error : tone === "near" ? toneText.warning : "text-text-secondary"
            }`}
          >
            <span aria-hidden="true">{counted.shown}</span>
            <span className="sr-only">{counted.spoken}</span>
          </span>
        </div>
      </div>
      <p id="prompt-cut" role="status" className={`text-subheadline font-medium ${toneText.warning}`}>
        {cut > 0 ? (
          <span className="flex items-start gap-1.5">
            {icons.scissors}
            {t("pasteCut", { count: cut, max: MAX_PROMPT_LENGTH })}
          </span>
        ) : null}
      </p>
      {invalid ? (
        <p
          id="prompt-error"
          role="alert"
          className={`flex items-start gap-1.5 text-subheadline font-medium ${toneText.error}`}
        >
          {icons.alert}
          {t("required")}
        </p>
      ) : null}
      <p id="prompt-hint" className="text-caption text-text-secondary">
        {t("hint")}
      </p>
    </div>
  );
});
