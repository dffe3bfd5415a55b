/**
 * Forgets what this browser kept for the person (drafts, theme, …): every `rendio.*` key but
 * those in `keep` — the device's own preferences, which a sign-out leaves alone.
 */
export function clearLocalState(keep: readonly string[] = []): void {
  for (const storage of [safeStorage("localStorage"), safeStorage("sessionStorage")]) {
    if (!storage) continue;
    const keys: string[] = [];
    for (let i = 0; i < storage.length; i++) {
      const key = storage.key(i);
      if (key?.startsWith("rendio.") && !keep.includes(key)) keys.push(key);
    }
    for (const key of keys) storage.removeItem(key);
  }
}

function safeStorage(name: "localStorage" | "sessionStorage"): Storage | null {
  try {
    return window[name];
  } catch {
    return null; // blocked storage (private modes): nothing kept, nothing to clear
  }
}
