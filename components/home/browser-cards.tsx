"use client";

import type { ListedModel, ListedTheme } from "@/lib/contracts/api";
import { useCardWords } from "./card-words";
import { FeaturedSlide } from "./featured-slide";
import { ModelCard } from "./model-card";
import { ThemeCard } from "./theme-card";

/**
 * Cards the browser draws itself, for a catalog it read after the first paint (Retry, refresh,
 * back online): Home loads this module only then. The first paint's cards come from the server.
 */
export function BrowserModelCard({ model }: { model: ListedModel }) {
  const words = useCardWords();
  return <ModelCard model={model} words={words(model)} />;
}

export function BrowserFeaturedSlide({ model, eager }: { model: ListedModel; eager: boolean }) {
  const words = useCardWords();
  return <FeaturedSlide model={model} words={words(model)} eager={eager} />;
}

export function BrowserThemeCard({ theme, href }: { theme: ListedTheme; href: string }) {
  return <ThemeCard theme={theme} href={href} />;
}
