import "server-only";
import type { ProviderName, VideoProvider } from "./video-provider";

export type { ProviderName, VideoProvider } from "./video-provider";

const holder = globalThis as typeof globalThis & {
  __rendioProviders?: Map<ProviderName, Promise<VideoProvider>>;
};

/**
 * The adapter of a provider, loaded on first use: a server that never renders locally never
 * loads the renderer (and the build does not trace it into every route).
 */
export function getVideoProvider(name: ProviderName): Promise<VideoProvider> {
  holder.__rendioProviders ??= new Map();
  let provider = holder.__rendioProviders.get(name);
  if (!provider) {
    provider =
      name === "local"
        ? import("./local").then((module) => module.createLocalProvider())
        : import("./fal/provider").then((module) => module.createFalProvider());
    holder.__rendioProviders.set(name, provider);
  }
  return provider;
}
