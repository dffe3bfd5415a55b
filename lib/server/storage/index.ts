import "server-only";
import { type Config, getConfig } from "../config";
import { signingKey } from "../secrets";
import type { MediaStore } from "./media-store";

export type { MediaStore } from "./media-store";

/** The Media port of the configured mode; only the mode's own adapter is loaded. */
export async function openMediaStore(config: Config): Promise<MediaStore> {
  switch (config.mode) {
    case "embedded":
    case "postgres": {
      const { filesMediaStore, mediaRoot } = await import("./files");
      return filesMediaStore({ root: mediaRoot(config.dataDir), key: () => signingKey("media") });
    }
    case "supabase": {
      const { supabaseMediaStore } = await import("./supabase");
      const supabase = config.supabase as NonNullable<Config["supabase"]>;
      return supabaseMediaStore({ url: supabase.url, secretKey: supabase.secretKey });
    }
  }
}

let store: Promise<MediaStore> | undefined;

/** One store per module instance (it holds no open resources, so hot reload may make another). */
export function getMediaStore(): Promise<MediaStore> {
  store ??= openMediaStore(getConfig()).catch((error) => {
    store = undefined;
    throw error;
  });
  return store;
}
