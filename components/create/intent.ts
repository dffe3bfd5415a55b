/**
 * One Idempotency-Key per user intent: a Generate tap gets a new key;
 * retrying the same request after a network failure reuses it, so the server charges at most
 * once; changing any input makes it a new intent with a new key.
 */

export type Intent = {
  /** The key for this request: the pending one when the request is the same, else a new one. */
  keyFor(fingerprint: string): string;
  /** The intent reached the server with a final answer: the next tap is a new intent. */
  settle(): void;
};

export function createIntent(newKey: () => string = randomUuid): Intent {
  let pending: { fingerprint: string; key: string } | null = null;
  return {
    keyFor(fingerprint) {
      if (pending?.fingerprint !== fingerprint) pending = { fingerprint, key: newKey() };
      return pending.key;
    },
    settle() {
      pending = null;
    },
  };
}

/** A stable text for a request body (object keys sorted), to tell whether two requests are the same. */
export function fingerprint(value: unknown): string {
  return JSON.stringify(value, (_key, v: unknown) =>
    v && typeof v === "object" && !Array.isArray(v)
      ? Object.fromEntries(Object.entries(v as Record<string, unknown>).sort(([a], [b]) => (a < b ? -1 : 1)))
      : v,
  );
}

/**
 * A random UUID v4. crypto.randomUUID exists only in secure contexts (https, localhost), so a
 * phone testing over a LAN address falls back to getRandomValues.
 */
export function randomUuid(): string {
  const c = globalThis.crypto;
  if (typeof c?.randomUUID === "function") return c.randomUUID();
  const bytes = new Uint8Array(16);
  c.getRandomValues(bytes);
  bytes[6] = ((bytes[6] ?? 0) & 0x0f) | 0x40;
  bytes[8] = ((bytes[8] ?? 0) & 0x3f) | 0x80;
  const hex = Array.from(bytes, (b) => b.toString(16).padStart(2, "0")).join("");
  return `${hex.slice(0, 8)}-${hex.slice(8, 12)}-${hex.slice(12, 16)}-${hex.slice(16, 20)}-${hex.slice(20)}`;
}
