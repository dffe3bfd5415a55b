"use client";

import { useCallback, useEffect, useRef, useState } from "react";
import { api } from "@/lib/api/endpoints";
import { ApiError, type ApiErrorCode } from "@/lib/api/errors";
import type { DraftImage } from "./draft";
import { checkImageFile, type ImageProblem } from "./image-size";

export type ImageFailure =
  | { kind: "file"; problem: ImageProblem | "read" }
  | { kind: "api"; code: ApiErrorCode };

export type ImageState =
  | { status: "empty" }
  | { status: "working"; phase: "preparing" | "uploading"; localUrl: string | null }
  | { status: "ready"; image: DraftImage; localUrl: string | null }
  | { status: "error"; failure: ImageFailure };

/**
 * Picking an input image: check type and size, downscale and re-encode on the device, make sure
 * there is a session (a first-time visitor becomes a guest here), upload to the private store.
 * A newer pick cancels an older one still in progress.
 */
export function useImageUpload(ensureSession: () => Promise<unknown>) {
  const [state, setState] = useState<ImageState>({ status: "empty" });
  const generation = useRef(0);
  const localUrl = useRef<string | null>(null);

  const releaseLocal = useCallback(() => {
    if (localUrl.current) URL.revokeObjectURL(localUrl.current);
    localUrl.current = null;
  }, []);

  useEffect(() => releaseLocal, [releaseLocal]);

  const pick = useCallback(
    async (file: File) => {
      const mine = ++generation.current;
      releaseLocal();
      const problem = checkImageFile(file);
      if (problem) {
        setState({ status: "error", failure: { kind: "file", problem } });
        return;
      }
      setState({ status: "working", phase: "preparing", localUrl: null });
      // The canvas code loads with the first picture, not with the page.
      let downscale: typeof import("./downscale") | undefined;
      try {
        downscale = await import("./downscale");
        const blob = await downscale.downscaleImage(file);
        if (mine !== generation.current) return;
        const url = URL.createObjectURL(blob);
        localUrl.current = url;
        setState({ status: "working", phase: "uploading", localUrl: url });
        await ensureSession();
        const uploaded = await api.uploadImage(blob, "image.jpg");
        if (mine !== generation.current) return;
        setState({
          status: "ready",
          image: { imageUrl: uploaded.imageUrl, previewUrl: uploaded.previewUrl, uploadedAt: Date.now() },
          localUrl: url,
        });
      } catch (error) {
        if (mine !== generation.current) return;
        releaseLocal();
        const failure: ImageFailure =
          downscale && error instanceof downscale.ImageReadError
            ? { kind: "file", problem: "read" }
            : downscale && error instanceof downscale.ImageTooLargeError
              ? { kind: "file", problem: "size" }
              : { kind: "api", code: error instanceof ApiError ? error.code : "internal" };
        setState({ status: "error", failure });
      }
    },
    [ensureSession, releaseLocal],
  );

  const remove = useCallback(() => {
    generation.current++;
    releaseLocal();
    setState({ status: "empty" });
  }, [releaseLocal]);

  const restore = useCallback(
    (image: DraftImage) => {
      generation.current++;
      releaseLocal();
      setState({ status: "ready", image, localUrl: null });
    },
    [releaseLocal],
  );

  return { state, pick, remove, restore };
}
