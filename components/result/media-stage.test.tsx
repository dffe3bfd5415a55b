import { NextIntlClientProvider } from "next-intl";
import { renderToStaticMarkup } from "react-dom/server";
import { describe, expect, test } from "vitest";
import type { Job } from "@/lib/contracts/job";
import en from "@/messages/en.json";
import { MediaStage } from "./media-stage";

/** The picture area as the server renders it (the clock is not known yet on that first frame). */
function render(job: Job): string {
  return renderToStaticMarkup(
    <NextIntlClientProvider locale="en" messages={en} timeZone="UTC">
      <MediaStage job={job} videoRef={{ current: null }} onMediaError={async () => undefined} />
    </NextIntlClientProvider>,
  );
}

const base: Job = {
  id: "00000000-0000-4000-8000-000000000001",
  status: "pending",
  progress: null,
  queuePosition: null,
  prompt: "A fox in the snow",
  settings: { durationSeconds: 5, resolution: "720p", aspectRatio: "16:9", audio: false },
  model: { id: "00000000-0000-4000-8000-000000000002", slug: "veo", name: "Veo", typicalSeconds: 90 },
  provider: "fal",
  themeId: null,
  creditsUsed: 4,
  videoUrl: null,
  thumbnailUrl: null,
  downloadUrl: null,
  sharePath: null,
  errorCode: null,
  refunded: false,
  createdAt: "2026-11-25T10:00:00.000Z",
  startedAt: null,
  completedAt: null,
  expiresAt: "2026-12-02T10:00:00.000Z",
};

/** Visible text only, tags dropped. */
const text = (html: string) => html.replace(/<[^>]+>/g, " ").replace(/\s+/g, " ");

describe("a fal job in flight", () => {
  test("queued: its place in line as an ordinal, or waiting for the service", () => {
    expect(text(render({ ...base, queuePosition: 3 }))).toContain("3rd in line");
    expect(text(render({ ...base, queuePosition: 1 }))).toContain("Your video is next");
    expect(text(render(base))).toContain("Waiting for the video service");
  });

  test("running: the usual time and a bar without a value, never a percentage", () => {
    const html = render({ ...base, status: "processing", startedAt: "2026-11-25T10:00:20.000Z" });
    expect(text(html)).toContain("of about 1:30");
    const bar = /<div role="progressbar"[^>]*>/.exec(html)?.[0] ?? "";
    expect(bar).toContain('data-testid="progress-indeterminate"');
    expect(bar).not.toContain("aria-valuenow");
    expect(text(html)).not.toMatch(/\d\s*%/);
  });
});

test("a local job keeps its percentage bar", () => {
  const html = render({ ...base, provider: "local", status: "processing", progress: 0.4 });
  expect(html).toContain('aria-valuenow="40"');
  expect(text(html)).toContain("40%");
  expect(html).not.toContain("progress-indeterminate");
});

test("a failed job says why: a safety refusal, and the deadline", () => {
  const failed = { ...base, status: "failed" as const, refunded: true };
  expect(text(render({ ...failed, errorCode: "content_rejected" }))).toContain(en.errors.content_rejected);
  expect(text(render({ ...failed, errorCode: "timeout" }))).toContain(en.errors.timeout);
});
