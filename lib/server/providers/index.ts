import "server-only";
import type { ProviderName, VideoProvider } from "./video-provider";

export type { ProviderName, VideoProvider } from "./video-provider";

/**
 * The provider a job names. Each adapter is imported on first use, so code that only reads jobs
 * never loads a renderer or a provider's client.
 */
export async function getVideoProvider(name: ProviderName): Promise<VideoProvider> {
  switch (name) {
    case "local": {
      const { createLocalProvider } = await import("./local");
      return createLocalProvider();
    }
    case "fal":
      throw new Error("fal provider not built yet");
  }
}
