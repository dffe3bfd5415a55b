"use client";

import { type ReactNode, useId } from "react";

export type SegmentedOption<T> = {
  value: T;
  label: ReactNode;
  /** A second, smaller line (e.g. "Portrait" under "9:16"). */
  detail?: ReactNode;
  /** A small picture before the label (decorative). */
  icon?: ReactNode;
};

type Props<T> = {
  legend: ReactNode;
  options: SegmentedOption<T>[];
  value: T;
  onChange: (value: T) => void;
  disabled?: boolean;
  /** Extra content at the end of the legend row (e.g. the current value). */
  aside?: ReactNode;
};

/**
 * A segmented control built on native radio buttons inside a fieldset: arrow keys, labels and
 * form semantics come from the platform. 44 px tall targets; the selected segment is a raised
 * pill (iOS style) with a visible focus ring.
 */
export function SegmentedControl<T extends string | number | boolean>({
  legend,
  options,
  value,
  onChange,
  disabled,
  aside,
}: Props<T>) {
  const name = useId();
  return (
    <fieldset className="min-w-0" disabled={disabled}>
      {/* A flex legend leaves a blank band under the fieldset in WebKit: the row is an inner span. */}
      <legend className="mb-2 block w-full text-subheadline font-semibold text-text-primary">
        <span className="flex items-baseline justify-between gap-2">
          {legend}
          {aside}
        </span>
      </legend>
      <div className="grid auto-cols-fr grid-flow-col gap-1 rounded-card bg-surface-card p-1 ring-1 ring-border-default ring-inset">
        {options.map((option, index) => {
          const checked = option.value === value;
          return (
            <label key={String(option.value)} className="relative flex min-w-0">
              <input
                type="radio"
                name={name}
                value={index}
                checked={checked}
                onChange={() => onChange(option.value)}
                className="peer sr-only"
              />
              <span
                className={`flex min-h-11 w-full min-w-0 cursor-pointer select-none flex-col items-center justify-center rounded-input px-1.5 py-1 text-center transition-[background-color,color,box-shadow] duration-200 peer-focus-visible:outline-2 peer-focus-visible:outline-brand-primary peer-focus-visible:outline-offset-1 peer-disabled:cursor-not-allowed peer-disabled:opacity-60 ${
                  checked
                    ? "bg-surface-base text-text-primary shadow-card ring-1 ring-border-default dark:bg-white/15"
                    : "text-text-secondary hover:text-text-primary"
                }`}
              >
                <span className="flex items-center gap-1.5 text-subheadline font-semibold tabular-nums">
                  {option.icon}
                  <span className="truncate">{option.label}</span>
                </span>
                {option.detail ? (
                  <span className="truncate text-caption2 font-medium text-text-secondary">
                    {option.detail}
                  </span>
                ) : null}
              </span>
            </label>
          );
        })}
      </div>
    </fieldset>
  );
}
