import { expect, type Locator, type Page } from "@playwright/test";

/**
 * Plays a video element for real (muted, as autoplay rules allow) and waits until frames are
 * decoded.
 */
export async function playVideo(video: Locator): Promise<void> {
  await expect(video).toBeVisible();
  await video.evaluate((element: HTMLVideoElement) => {
    element.muted = true;
    return element.play();
  });
  await expect
    .poll(() => video.evaluate((element: HTMLVideoElement) => element.readyState), { timeout: 15_000 })
    .toBeGreaterThanOrEqual(2);
}

/** Plays the result screen's video; returns the element with what the browser made of it. */
export async function playResultVideo(
  page: Page,
): Promise<{ video: Locator; duration: number; source: string }> {
  const video = page.getByTestId("result-video");
  await playVideo(video);
  const { duration, source } = await video.evaluate((element: HTMLVideoElement) => ({
    duration: element.duration,
    source: element.currentSrc,
  }));
  return { video, duration, source };
}
