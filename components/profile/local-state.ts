/** Forgets what this browser kept for the person (drafts, theme, welcome seen): every `rendio.*` key. */
export function clearLocalState(): void {
  for (const storage of [safeStorage("localStorage"), safeStorage("sessionStorage")]) {
    if (!storage) continue;
    const keys: string[] = [];
    for (let i = 0; i < storage.length; i++) {
      const key = storage.key(i);
      if (key?.startsWith("rendio.")) keys.push(key);
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
