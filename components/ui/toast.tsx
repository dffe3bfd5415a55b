"use client";

import { CircleCheck, TriangleAlert } from "lucide-react";
import { useCallback, useEffect, useRef, useState } from "react";
import { toneText } from "@/components/ui/tones";

export type ToastMessage = { tone: "success" | "error"; title: string; detail?: string };

/** One toast at a time: success 3 s, error 4 s. */
export function useToast() {
  const [toast, setToast] = useState<(ToastMessage & { id: number }) | null>(null);
  const timer = useRef<ReturnType<typeof setTimeout> | undefined>(undefined);
  const show = useCallback((message: ToastMessage) => {
    clearTimeout(timer.current);
    setToast({ ...message, id: Date.now() });
    timer.current = setTimeout(() => setToast(null), message.tone === "error" ? 4000 : 3000);
  }, []);
  useEffect(() => () => clearTimeout(timer.current), []);
  return { toast, show };
}

/** The toast's live region is always in the page, so screen readers announce new messages. */
export function Toast({ toast }: { toast: (ToastMessage & { id: number }) | null }) {
  return (
    <div
      role="status"
      aria-live="polite"
      className="pointer-events-none fixed inset-x-0 bottom-[calc(var(--tabbar-height,4rem)+env(safe-area-inset-bottom,0px)+0.75rem)] z-40 flex justify-center px-[max(1rem,env(safe-area-inset-left),env(safe-area-inset-right))] md:bottom-[calc(env(safe-area-inset-bottom,0px)+1.5rem)]"
    >
      {toast ? (
        <div
          key={toast.id}
          className="flex max-w-sm items-start gap-2.5 rounded-card bg-surface-base px-4 py-3 shadow-banner ring-1 ring-border-default transition-[opacity,translate] duration-250 ease-out starting:translate-y-2 starting:opacity-0"
        >
          {toast.tone === "success" ? (
            <CircleCheck aria-hidden="true" className={`mt-0.5 size-5 shrink-0 ${toneText.success}`} />
          ) : (
            <TriangleAlert aria-hidden="true" className={`mt-0.5 size-5 shrink-0 ${toneText.error}`} />
          )}
          <div className="flex flex-col">
            <span className="text-subheadline font-semibold">{toast.title}</span>
            {toast.detail ? <span className="text-caption text-text-secondary">{toast.detail}</span> : null}
          </div>
        </div>
      ) : null}
    </div>
  );
}
