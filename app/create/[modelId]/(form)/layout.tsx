import type { ReactNode } from "react";
import { loadModel } from "../model";

/**
 * Checks the model before anything of the page streams, so an unknown model answers a real 404
 * status (not a 200 with the not-found page inside). It sits in a route group below [modelId] so
 * the model's own not-found.tsx (one level up) is the boundary that catches it.
 */
export default async function ModelLayout({
  children,
  params,
}: {
  children: ReactNode;
  params: Promise<{ modelId: string }>;
}) {
  await loadModel((await params).modelId);
  return children;
}
