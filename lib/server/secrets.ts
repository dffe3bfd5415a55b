import { createHmac, randomBytes } from "node:crypto";
import { mkdir, readFile, writeFile } from "node:fs/promises";
import path from "node:path";
import { getConfig } from "./config";

/**
 * Keys for signing sessions and media links, each derived from one root secret: SESSION_SECRET
 * when set, otherwise a random secret kept in DATA_DIR/secret.key so restarts keep sessions and
 * links valid. Supabase mode never gets here without SESSION_SECRET (lib/server/config.ts refuses
 * to start), so it never touches the disk.
 */

export type KeyPurpose = "session" | "media";

let root: Promise<string> | undefined;

async function rootSecret(): Promise<string> {
  const config = getConfig();
  if (config.sessionSecret) return config.sessionSecret;
  const file = path.resolve(config.dataDir, "secret.key");
  try {
    return (await readFile(file, "utf8")).trim();
  } catch {
    await mkdir(path.dirname(file), { recursive: true });
    const secret = randomBytes(32).toString("base64url");
    // "wx": if another process wrote it first, use theirs.
    await writeFile(file, secret, { flag: "wx", mode: 0o600 }).catch(() => undefined);
    return (await readFile(file, "utf8")).trim();
  }
}

export async function signingKey(purpose: KeyPurpose): Promise<Uint8Array> {
  root ??= rootSecret().catch((error) => {
    root = undefined;
    throw error;
  });
  return new Uint8Array(
    createHmac("sha256", await root)
      .update(`rendio:${purpose}`)
      .digest(),
  );
}
