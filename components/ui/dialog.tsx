"use client";

import { X } from "lucide-react";
import { type ReactNode, useEffect, useId, useRef } from "react";

type Props = {
  open: boolean;
  onClose: () => void;
  title: ReactNode;
  /** A line under the title, read with it by screen readers. */
  description?: ReactNode;
  children?: ReactNode;
  /** The name of the × button; without it there is none (the dialog's own buttons close it). */
  closeLabel?: string;
  /** While true, Escape and the backdrop do not close it (e.g. during a request). */
  busy?: boolean;
  /** Marks the dialog for tests and styling hooks. */
  testId?: string;
};

/**
 * A modal dialog on the native <dialog> element: showModal() makes the rest of the page inert
 * (focus stays inside), Escape closes it, focus returns to the opener. A bottom sheet on phones
 * (clear of the home indicator), a centred card from 640 px.
 */
export function Dialog({ open, onClose, title, description, children, closeLabel, busy, testId }: Props) {
  const ref = useRef<HTMLDialogElement>(null);
  const titleId = useId();
  const descriptionId = useId();

  useEffect(() => {
    const dialog = ref.current;
    if (!dialog) return;
    if (open && !dialog.open) dialog.showModal();
    if (!open && dialog.open) dialog.close();
  }, [open]);

  return (
    // biome-ignore lint/a11y/useKeyWithClickEvents: the backdrop click's keyboard twin is Escape (onCancel).
    <dialog
      ref={ref}
      aria-labelledby={titleId}
      aria-describedby={description ? descriptionId : undefined}
      data-testid={testId}
      onCancel={(event) => {
        event.preventDefault();
        if (!busy) onClose();
      }}
      onClick={(event) => {
        // A click on the backdrop lands on the <dialog> itself.
        if (event.target === event.currentTarget && !busy) onClose();
      }}
      className="m-0 mt-auto max-h-[min(90dvh,44rem)] w-full max-w-none overflow-y-auto overscroll-contain rounded-t-banner bg-surface-base p-0 text-text-primary shadow-banner ring-1 ring-border-default backdrop:bg-black/55 motion-safe:open:animate-fade-in sm:m-auto sm:max-w-md sm:rounded-banner"
    >
      {open ? (
        <div className="flex flex-col gap-4 pt-5 pr-[max(1.25rem,env(safe-area-inset-right))] pb-[max(1.25rem,env(safe-area-inset-bottom))] pl-[max(1.25rem,env(safe-area-inset-left))]">
          <div className="flex items-start gap-3">
            <div className="flex min-w-0 flex-1 flex-col gap-1">
              <h2 id={titleId} className="text-title3 font-semibold text-balance">
                {title}
              </h2>
              {description ? (
                <div id={descriptionId} className="text-subheadline text-pretty text-text-secondary">
                  {description}
                </div>
              ) : null}
            </div>
            {closeLabel ? (
              <button
                type="button"
                onClick={onClose}
                disabled={busy}
                aria-label={closeLabel}
                className="-mt-1 -mr-2 flex size-11 shrink-0 items-center justify-center rounded-full text-text-secondary transition-colors hover:bg-surface-card disabled:opacity-50"
              >
                <X aria-hidden="true" className="size-5" strokeWidth={2.5} />
              </button>
            ) : null}
          </div>
          {children}
        </div>
      ) : null}
    </dialog>
  );
}

/** Button looks for dialog actions (44 px targets, radius 12). */
export const dialogButton = {
  primary:
    "inline-flex min-h-12 w-full items-center justify-center gap-2 rounded-card bg-brand-primary px-5 text-headline font-semibold text-on-brand shadow-card transition-[opacity,transform] hover:opacity-95 active:scale-[0.98] disabled:opacity-60",
  destructive:
    "inline-flex min-h-12 w-full items-center justify-center gap-2 rounded-card bg-[color-mix(in_srgb,var(--error)_82%,black)] px-5 text-headline font-semibold text-white shadow-card transition-[opacity,transform] hover:opacity-95 active:scale-[0.98] disabled:opacity-50 dark:bg-error dark:text-[#0d0d0f]",
  secondary:
    "inline-flex min-h-12 w-full items-center justify-center gap-2 rounded-card bg-surface-card px-5 text-headline font-semibold text-text-primary ring-1 ring-border-default ring-inset transition-colors hover:bg-text-secondary/10 disabled:opacity-60",
} as const;

/**
 * Asks before something that cannot be undone: the safe choice (Cancel) first, the destructive
 * one after it.
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
  return (
    <Dialog
      open={open}
      onClose={onCancel}
      title={title}
      description={body}
      closeLabel={cancelLabel}
      busy={busy}
    >
      <div className="mt-2 flex flex-col-reverse gap-2 sm:flex-row">
        <button type="button" onClick={onCancel} disabled={busy} className={dialogButton.secondary}>
          {cancelLabel}
        </button>
        <button type="button" onClick={onConfirm} disabled={busy} className={dialogButton.destructive}>
          {confirmLabel}
        </button>
      </div>
    </Dialog>
  );
}
