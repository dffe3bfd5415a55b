"use client";

import { Search, X } from "lucide-react";
import { useEffect, useId, useRef } from "react";

type Props = {
  value: string;
  onChange: (value: string) => void;
  /** The texts of the screen it searches. */
  labels: { label: string; placeholder: string; clear: string };
  maxLength: number;
};

/**
 * SearchBar: magnifier, card surface, radius 12; Escape or ×
 * clears it. Words typed before the page became interactive are searched for once it is.
 */
export function SearchField({ value, onChange, labels, maxLength }: Props) {
  const id = useId();
  const input = useRef<HTMLInputElement>(null);
  // The server's field takes typing before hydration; the screen's state does not know of it yet.
  // biome-ignore lint/correctness/useExhaustiveDependencies: read once, when the field hydrates.
  useEffect(() => {
    const typed = input.current?.value ?? "";
    if (typed !== value) onChange(typed);
  }, []);
  return (
    <search className="relative block">
      <label htmlFor={id} className="sr-only">
        {labels.label}
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
        placeholder={labels.placeholder}
        enterKeyHint="search"
        autoComplete="off"
        autoCorrect="off"
        autoCapitalize="none"
        spellCheck={false}
        maxLength={maxLength}
        className="h-11 w-full appearance-none rounded-card bg-surface-card pr-11 pl-10 text-body text-text-primary shadow-card ring-1 ring-border-default ring-inset placeholder:text-text-secondary [&::-webkit-search-cancel-button]:appearance-none"
      />
      {value ? (
        <button
          type="button"
          onClick={() => {
            onChange("");
            input.current?.focus();
          }}
          aria-label={labels.clear}
          className="absolute top-1/2 right-1 flex size-9 -translate-y-1/2 items-center justify-center rounded-full text-text-secondary transition-colors hover:bg-text-secondary/10 hover:text-text-primary"
        >
          <X aria-hidden="true" className="size-[1.125rem]" strokeWidth={2.5} />
        </button>
      ) : null}
    </search>
  );
}
