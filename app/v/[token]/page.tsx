import { WandSparkles } from "lucide-react";
import type { Metadata } from "next";
import { headers } from "next/headers";
import { notFound } from "next/navigation";
import { getTranslations } from "next-intl/server";
import { cache } from "react";
import { ButtonLink } from "@/components/ui/button-link";
import { publicOrigin } from "@/lib/server/public-origin";
import { getSharedVideo } from "@/lib/server/services/share";
import { videoSize } from "@/lib/server/services/share-meta";

type Props = { params: Promise<{ token: string }> };

// The media links are signed for this render: never a cached copy.
export const dynamic = "force-dynamic";

/** One read per request, shared by the metadata and the page. */
const sharedVideo = cache(async (token: string) => {
  const video = await getSharedVideo(token);
  if (!video) notFound();
  return video;
});

/** Absolute URLs for the tags (embedded mode signs media links as paths on our origin). */
async function absolute(): Promise<(url: string) => string> {
  const origin = publicOrigin({ headers: await headers() }) ?? "http://localhost";
  return (url) => new URL(url, origin).toString();
}

export async function generateMetadata({ params }: Props): Promise<Metadata> {
  const { token } = await params;
  const [video, t, toUrl] = await Promise.all([
    sharedVideo(token),
    getTranslations("share.page"),
    absolute(),
  ]);
  const title = t("title", { model: video.model.name });
  const description = video.prompt ?? t("description", { model: video.model.name });
  const { width, height } = videoSize(video.settings);
  const pageUrl = toUrl(`/v/${token}`);
  // The tags name the page's own lasting addresses: a card kept by a chat app outlives any signed link.
  const image = video.posterUrl ? [{ url: `${pageUrl}/poster`, width, height, alt: title }] : undefined;
  return {
    title,
    description,
    robots: { index: false },
    alternates: { canonical: pageUrl },
    openGraph: {
      type: "video.other",
      url: pageUrl,
      title,
      description,
      siteName: "Rendio",
      images: image,
      videos: [{ url: `${pageUrl}/video`, type: "video/mp4", width, height }],
    },
    twitter: { card: "summary_large_image", title, description, images: image?.map((i) => i.url) },
  };
}

/** A shared video's public page (/v/<token>): no session needed, anyone with the link may watch. */
export default async function SharedVideoPage({ params }: Props) {
  const { token } = await params;
  const [video, t] = await Promise.all([sharedVideo(token), getTranslations("share.page")]);
  const { width, height } = videoSize(video.settings);
  return (
    <main
      id="main"
      className="mx-auto flex w-full max-w-3xl flex-col gap-5 px-4 pt-safe pb-8 sm:px-6 md:pt-6"
    >
      <h1 className="pt-4 text-title2 font-semibold text-pretty">
        {t("heading", { model: video.model.name })}
      </h1>
      <div
        className="overflow-hidden rounded-card bg-black shadow-card"
        style={{ aspectRatio: `${width} / ${height}` }}
      >
        {/* biome-ignore lint/a11y/useMediaCaption: generated clips have no spoken track to caption */}
        <video
          src={video.videoUrl}
          poster={video.posterUrl ?? undefined}
          controls
          playsInline
          preload="metadata"
          aria-label={t("player", { model: video.model.name })}
          data-testid="shared-video"
          className="size-full object-contain"
        />
      </div>
      <dl className="flex flex-col gap-3 rounded-card bg-surface-card p-4 ring-1 ring-border-default ring-inset">
        <div className="flex flex-col gap-0.5">
          <dt className="text-caption text-text-secondary">{t("model")}</dt>
          <dd className="text-headline font-semibold" data-testid="shared-model">
            {video.model.name}
          </dd>
        </div>
        {video.prompt ? (
          <div className="flex flex-col gap-0.5">
            <dt className="text-caption text-text-secondary">{t("prompt")}</dt>
            <dd className="text-body text-pretty break-words" data-testid="shared-prompt">
              {video.prompt}
            </dd>
          </div>
        ) : null}
      </dl>
      <section className="flex flex-col items-center gap-3 rounded-card bg-brand-primary/10 p-5 text-center ring-1 ring-brand-primary/25 ring-inset">
        <p className="text-body text-pretty">{t("ctaHint")}</p>
        <ButtonLink href="/" className="gap-2">
          <WandSparkles aria-hidden="true" className="size-5 shrink-0" />
          {t("cta")}
        </ButtonLink>
      </section>
    </main>
  );
}
