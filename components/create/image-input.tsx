"use client";

import { useTranslations } from "next-intl";
import { type DragEvent, forwardRef, useImperativeHandle, useRef, useState } from "react";
import { toneText } from "@/components/ui/tones";
import { IMAGE_TYPES } from "@/lib/contracts/limits";
import type { CreateIcons } from "./icons";
import { MAX_IMAGE_MEGABYTES } from "./image-size";
import type { ImageFailure, ImageState } from "./use-image-upload";

const ACCEPT = IMAGE_TYPES.join(",");

export type ImageInputHandle = { focus(): void };

type Props = {
  state: ImageState;
  onPick: (file: File) => void;
  onRemove: () => void;
  disabled?: boolean;
  /** Shown under the field when Generate was tapped without an image. */
  missing?: boolean;
  icons: CreateIcons["image"];
};

/**
 * The starting image for image-to-video models: file picker (photo library on phones), a camera
 * button on touch devices, drag and drop on desktop; a preview with Replace and Remove once chosen.
 */
export const ImageInput = forwardRef<ImageInputHandle, Props>(function ImageInput(
  { state, onPick, onRemove, disabled, missing, icons },
  ref,
) {
  const t = useTranslations("create.image");
  const tErrors = useTranslations("errors");
  const fileInput = useRef<HTMLInputElement>(null);
  const cameraInput = useRef<HTMLInputElement>(null);
  const chooseButton = useRef<HTMLButtonElement>(null);
  const [dragging, setDragging] = useState(false);

  useImperativeHandle(ref, () => ({ focus: () => chooseButton.current?.focus() }), []);

  const choose = () => fileInput.current?.click();
  const onFiles = (files: FileList | null) => {
    const file = files?.[0];
    if (file) onPick(file);
  };
  const onDrop = (event: DragEvent) => {
    event.preventDefault();
    setDragging(false);
    if (!disabled) onFiles(event.dataTransfer.files);
  };
  const onDragOver = (event: DragEvent) => {
    if (disabled || !Array.from(event.dataTransfer.types).includes("Files")) return;
    event.preventDefault();
    event.dataTransfer.dropEffect = "copy";
    setDragging(true);
  };

  const failureText = (failure: ImageFailure) => {
    // The server's 413 says the same as our own check, with the limit.
    if (failure.kind === "api" && failure.code === "payload_too_large") {
      return t("errorSize", { max: MAX_IMAGE_MEGABYTES });
    }
    if (failure.kind === "api") return tErrors(failure.code);
    switch (failure.problem) {
      case "type":
        return t("errorType");
      case "size":
        return t("errorSize", { max: MAX_IMAGE_MEGABYTES });
      default:
        return t("errorRead");
    }
  };

  const busy = state.status === "working";
  const preview = state.status === "ready" ? (state.localUrl ?? state.image.previewUrl) : null;
  const workingPreview = state.status === "working" ? state.localUrl : null;
  const errorText = state.status === "error" ? failureText(state.failure) : missing ? t("missing") : null;

  return (
    <section aria-labelledby="image-label" className="flex flex-col gap-2">
      <div className="flex items-center justify-between gap-2">
        <h2 id="image-label" className="text-subheadline font-semibold">
          {t("label")}
        </h2>
        <span
          className={`rounded-chip bg-brand-primary/10 px-2 py-0.5 text-caption font-semibold ${toneText.brandOnTint}`}
        >
          {t("required")}
        </span>
      </div>

      <input
        ref={fileInput}
        type="file"
        accept={ACCEPT}
        hidden
        aria-label={t("choose")}
        data-testid="image-file-input"
        onChange={(event) => {
          onFiles(event.currentTarget.files);
          event.currentTarget.value = "";
        }}
      />
      <input
        ref={cameraInput}
        type="file"
        accept={ACCEPT}
        capture="environment"
        hidden
        aria-label={t("camera")}
        onChange={(event) => {
          onFiles(event.currentTarget.files);
          event.currentTarget.value = "";
        }}
      />

      {preview || workingPreview ? (
        // biome-ignore lint/a11y/noStaticElementInteractions: dropping a file is a pointer shortcut; the buttons inside are the accessible way in
        <div
          className="relative overflow-hidden rounded-card bg-surface-card ring-1 ring-border-default ring-inset"
          onDragOver={onDragOver}
          onDragLeave={() => setDragging(false)}
          onDrop={onDrop}
        >
          {/* biome-ignore lint/performance/noImgElement: a local blob or a short-lived signed link, not an optimisable asset */}
          <img
            src={preview ?? workingPreview ?? undefined}
            alt={t("alt")}
            className={`mx-auto block h-52 w-full object-contain transition-opacity duration-200 ${busy ? "opacity-50" : ""}`}
          />
          {busy ? (
            <div className="absolute inset-x-0 bottom-0 flex items-center justify-center gap-2 bg-surface-base/85 px-3 py-2 text-subheadline font-medium backdrop-blur-sm">
              {icons.busySmall}
              <span role="status">{state.phase === "preparing" ? t("preparing") : t("uploading")}</span>
            </div>
          ) : (
            <>
              <button
                type="button"
                onClick={onRemove}
                disabled={disabled}
                aria-label={t("remove")}
                className="absolute top-2 right-2 flex size-11 items-center justify-center rounded-full bg-black/60 text-white backdrop-blur-sm transition-colors hover:bg-black/75 disabled:opacity-60"
              >
                {icons.remove}
              </button>
              <button
                ref={chooseButton}
                type="button"
                onClick={choose}
                disabled={disabled}
                className="absolute bottom-2 left-2 inline-flex min-h-11 items-center gap-1.5 rounded-full bg-black/60 px-4 text-subheadline font-semibold text-white backdrop-blur-sm transition-colors hover:bg-black/75 disabled:opacity-60"
              >
                {icons.replace}
                {t("replace")}
              </button>
              <span className="sr-only" role="status">
                {t("ready")}
              </span>
            </>
          )}
          {dragging ? <DropOverlay label={t("dropActive")} /> : null}
        </div>
      ) : (
        // biome-ignore lint/a11y/noStaticElementInteractions: dropping a file is a pointer shortcut; the buttons inside are the accessible way in
        <div
          onDragOver={onDragOver}
          onDragLeave={() => setDragging(false)}
          onDrop={onDrop}
          className={`relative flex flex-col items-center gap-3 rounded-card border-2 border-dashed px-4 py-6 text-center transition-colors duration-200 ${
            dragging
              ? "border-brand-primary bg-brand-primary/5"
              : errorText
                ? "border-error/60 bg-error/5"
                : "border-border-default bg-surface-card/60"
          }`}
        >
          <span className="flex size-12 items-center justify-center rounded-full bg-brand-primary/10 text-brand-primary">
            {busy ? icons.busy : icons.choose}
          </span>
          {busy ? (
            <p role="status" className="text-subheadline font-medium">
              {t("preparing")}
            </p>
          ) : (
            <>
              <div className="flex flex-wrap items-center justify-center gap-2">
                <button
                  ref={chooseButton}
                  type="button"
                  onClick={choose}
                  disabled={disabled}
                  aria-describedby={errorText ? "image-error image-hint" : "image-hint"}
                  className="inline-flex min-h-11 items-center gap-2 rounded-card bg-brand-primary px-5 text-headline font-semibold text-on-brand shadow-card transition-opacity hover:opacity-90 disabled:opacity-60"
                >
                  {t("choose")}
                </button>
                <button
                  type="button"
                  onClick={() => cameraInput.current?.click()}
                  disabled={disabled}
                  className="hidden min-h-11 items-center gap-2 rounded-card bg-surface-base px-4 text-headline font-semibold text-text-primary ring-1 ring-border-default ring-inset pointer-coarse:inline-flex"
                >
                  {icons.camera}
                  {t("camera")}
                </button>
              </div>
              <p className="text-subheadline text-text-secondary pointer-coarse:hidden">{t("drop")}</p>
            </>
          )}
          {dragging ? <DropOverlay label={t("dropActive")} /> : null}
        </div>
      )}

      {errorText ? (
        <p
          id="image-error"
          role="alert"
          className={`flex items-start gap-1.5 text-subheadline font-medium ${toneText.error}`}
        >
          {icons.alert}
          {errorText}
        </p>
      ) : null}
      <p id="image-hint" className="text-caption text-text-secondary">
        {t("hint", { max: MAX_IMAGE_MEGABYTES })}
      </p>
    </section>
  );
});

function DropOverlay({ label }: { label: string }) {
  return (
    <div
      className={`pointer-events-none absolute inset-0 flex items-center justify-center rounded-card bg-surface-base/80 text-headline font-semibold backdrop-blur-[2px] ${toneText.brandOnTint}`}
    >
      {label}
    </div>
  );
}
