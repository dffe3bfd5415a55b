import { expect, test } from "@playwright/test";
import { COMPILE_HINT } from "../scripts/compile-hints.mjs";

// The scripts a page runs as it starts carry V8's explicit compile hint (scripts/compile-hints.mjs,
// run by `npm run build`): V8 compiles them while they stream in, off the main thread, instead of
// function by function as the page hydrates. Plain HTTP, so only the desktop project runs it.

/** The module scripts a page's HTML loads (not the noModule polyfills old browsers get). */
function startupScripts(html: string): string[] {
  return [...html.matchAll(/<script\b[^>]*>/g)]
    .map(([tag]) => tag)
    .filter((tag) => !/\bnoModule\b/i.test(tag))
    .flatMap((tag) => tag.match(/\bsrc="(\/_next\/static\/chunks\/[^"]+\.js)"/)?.[1] ?? []);
}

for (const path of ["/", "/history", "/profile"]) {
  test(`every script ${path} starts with is compiled while it streams`, async ({ request }) => {
    const page = await request.get(path);
    expect(page.ok()).toBe(true);
    const scripts = startupScripts(await page.text());
    expect(scripts.length).toBeGreaterThan(3);
    for (const script of scripts) {
      const response = await request.get(script);
      expect(response.ok(), script).toBe(true);
      expect((await response.text()).startsWith(COMPILE_HINT), script).toBe(true);
    }
  });
}
