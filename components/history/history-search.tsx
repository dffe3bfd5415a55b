"use client";

import { Search, X } from "lucide-react";
import { useTranslations } from "next-intl";
import { useId, useRef } from "react";

/** The history SearchBar: same look as Home's, with its own label; Escape or × clears it. */
export function HistorySearch({ value, onChange }: { value: string; onChange: (value: string) => void }) {
  const t = useTranslations("history.search");
  const id = useId();
  const input = useRef<HTMLInputElement>(null);
  return (
    <search className="relative block">
      <label htmlFor={id} className="sr-only">
        {t("label")}
      </label>
      <Search
        aria-hidden="true"
        className="pointer-events-none absolute top-1/2 left-3.5 size-[1.125rem] -translate-y-1/2 text-text-secondary"
        strokeWidth={2.25}
      />
      <input
        ref={input}
        id={id}
        type="search"
        value={value}
        onChange={(event) => onChange(event.target.value)}
        onKeyDown={(event) => {
          if (event.key === "Escape" && value) {
            event.preventDefault();
            onChange("");
          }
        }}
        placeholder={t("placeholder")}
        enterKeyHint="search"
        autoComplete="off"
        spellCheck={false}
        maxLength={200}
        className="h-11 w-full appearance-none rounded-card bg-surface-card pr-11 pl-10 text-body text-text-primary shadow-card ring-1 ring-border-default ring-inset placeholder:text-text-secondary [&::-webkit-search-cancel-button]:appearance-none"
      />
      {value ? (
        <button
          type="button"
          onClick={() => {
            onChange("");
            input.current?.focus();
          }}
          aria-label={t("clear")}
          className="absolute top-1/2 right-1 flex size-9 -translate-y-1/2 items-center justify-center rounded-full text-text-secondary transition-colors hover:bg-text-secondary/10 hover:text-text-primary"
        >
          <X aria-hidden="true" className="size-[1.125rem]" strokeWidth={2.5} />
        </button>
      ) : null}
    </search>
  );
}
