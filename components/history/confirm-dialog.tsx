"use client";

import { useEffect, useId, useRef } from "react";

/**
 * A modal confirmation on the native <dialog>: showModal() makes the rest of the page inert (focus
 * stays inside), Escape cancels, and focus returns to the button that opened it when it closes.
 * The safe choice (Cancel) comes first, so it has the first focus.
 */
export function ConfirmDialog({
  open,
  title,
  body,
  confirmLabel,
  cancelLabel,
  busy = false,
  onConfirm,
  onCancel,
}: {
  open: boolean;
  title: string;
  body: string;
  confirmLabel: string;
  cancelLabel: string;
  busy?: boolean;
  onConfirm: () => void;
  onCancel: () => void;
}) {
  const dialog = useRef<HTMLDialogElement>(null);
  const titleId = useId();
  const bodyId = useId();

  useEffect(() => {
    const element = dialog.current;
    if (!element) return;
    if (open && !element.open) element.showModal();
    if (!open && element.open) element.close();
  }, [open]);

  return (
    <dialog
      ref={dialog}
      aria-labelledby={titleId}
      aria-describedby={bodyId}
      onCancel={(event) => {
        event.preventDefault();
        if (!busy) onCancel();
      }}
      className="m-auto w-[min(100%-2rem,24rem)] rounded-banner bg-surface-base p-0 text-text-primary shadow-banner ring-1 ring-border-default backdrop:bg-black/50 motion-safe:backdrop:backdrop-blur-sm"
    >
      <div className="flex flex-col gap-3 p-5">
        <h2 id={titleId} className="text-title3 font-semibold text-balance">
          {title}
        </h2>
        <p id={bodyId} className="text-subheadline text-pretty text-text-secondary">
          {body}
        </p>
        <div className="mt-2 flex flex-col-reverse gap-2 sm:flex-row sm:justify-end">
          <button
            type="button"
            onClick={onCancel}
            disabled={busy}
            className="inline-flex min-h-11 items-center justify-center rounded-card bg-surface-card px-5 text-headline font-semibold ring-1 ring-border-default ring-inset transition-colors hover:bg-text-secondary/10 disabled:opacity-60"
          >
            {cancelLabel}
          </button>
          <button
            type="button"
            onClick={onConfirm}
            disabled={busy}
            className="inline-flex min-h-11 items-center justify-center rounded-card bg-[color-mix(in_srgb,var(--error)_80%,black)] px-5 text-headline font-semibold text-white transition-opacity hover:opacity-95 disabled:opacity-60 dark:bg-error dark:text-surface-base"
          >
            {confirmLabel}
          </button>
        </div>
      </div>
    </dialog>
  );
}
