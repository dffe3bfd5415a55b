import { getTranslations } from "next-intl/server";

/** Sign in with Apple through Supabase Auth: a plain form post, so it works before hydration. */
export async function AppleButton({ next }: { next: string }) {
  const t = await getTranslations("auth");
  return (
    <form method="post" action="/api/auth/apple">
      <input type="hidden" name="next" value={next} />
      <button
        type="submit"
        className="inline-flex min-h-12 w-full items-center justify-center gap-2 rounded-card bg-black px-6 text-headline font-semibold text-white shadow-card ring-1 ring-white/20 ring-inset transition-transform active:scale-[0.98] dark:bg-white dark:text-black"
      >
        <svg aria-hidden="true" viewBox="0 0 24 24" className="size-5 fill-current">
          <path d="M16.37 12.77c-.02-2.2 1.8-3.26 1.88-3.31-1.02-1.5-2.62-1.7-3.19-1.72-1.36-.14-2.65.8-3.34.8-.69 0-1.75-.78-2.88-.76-1.48.02-2.85.86-3.61 2.19-1.54 2.67-.39 6.63 1.11 8.8.73 1.06 1.6 2.25 2.74 2.21 1.1-.04 1.52-.71 2.85-.71 1.33 0 1.7.71 2.87.69 1.18-.02 1.93-1.08 2.66-2.14.84-1.23 1.18-2.42 1.2-2.48-.03-.01-2.3-.88-2.32-3.5zM14.17 6.3c.6-.74 1.01-1.75.9-2.77-.87.04-1.93.58-2.55 1.31-.56.65-1.05 1.69-.92 2.69.97.08 1.96-.49 2.57-1.23z" />
        </svg>
        {t("apple")}
      </button>
    </form>
  );
}
