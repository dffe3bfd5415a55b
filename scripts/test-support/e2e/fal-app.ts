import { expect } from "@playwright/test";
import { type FalStandIn, startFalStandIn } from "../stand-ins/fal";
import { type OwnServer, startOwnServer } from "./server";

/**
 * The built app on a server of its own with the fal provider, against a fal stand-in (fal's queue
 * and its signed webhooks): a job waits in fal's queue until the test finishes it with
 * `finishAtFal`, so it stays in flight exactly as long as the test needs.
 */
export type FalApp = { fal: FalStandIn; server: OwnServer; stop(): Promise<void> };

const FAL_KEY = "e2e-key-id:e2e-key-secret";

/** The fal settings of an app whose webhooks come back to `appUrl`. */
export function falSettings(fal: FalStandIn, appUrl: string): Record<string, string> {
  return {
    VIDEO_PROVIDER: "fal",
    FAL_KEY,
    FAL_QUEUE_URL: fal.url,
    FAL_JWKS_URL: fal.jwksUrl,
    APP_URL: appUrl,
  };
}

export function startFalStandInForApp(): Promise<FalStandIn> {
  return startFalStandIn({ key: FAL_KEY });
}

export async function startFalApp(name: string, env: Record<string, string> = {}): Promise<FalApp> {
  const fal = await startFalStandInForApp();
  const server = await startOwnServer(name, (url) => ({ ...falSettings(fal, url), ...env }));
  return {
    fal,
    server,
    async stop() {
      await server.stop();
      await fal.close();
    },
  };
}

/** fal finishes the job's request (or fails it, as its script said) and posts its signed webhook. */
export async function finishAtFal(fal: FalStandIn, jobId: string): Promise<void> {
  const request = [...fal.requests.values()].find((r) => r.webhookUrl?.endsWith(`?job=${jobId}`));
  expect(request, `fal has no request for job ${jobId}`).toBeDefined();
  const delivery = await fal.deliverWebhook(request?.requestId as string);
  expect(delivery.status, delivery.body).toBe(200);
}
