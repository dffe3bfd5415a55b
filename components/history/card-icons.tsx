import {
  CircleCheck,
  CircleX,
  Clock,
  Copy,
  Download,
  Film,
  Link2Off,
  LoaderCircle,
  Play,
  RotateCcw,
  Share2,
  Trash2,
  WandSparkles,
} from "lucide-react";
import type { ReactNode } from "react";

export type CardIcons = Record<
  | "completed"
  | "processing"
  | "pending"
  | "failed"
  | "noThumbnail"
  | "play"
  | "download"
  | "share"
  | "unshare"
  | "regenerate"
  | "retry"
  | "copy"
  | "delete",
  ReactNode
>;

const badge = "size-3.5 shrink-0";

/**
 * The cards' icons, rendered by the server and handed to the list as elements: the browser
 * loads no icon code for them, and every card, later pages too, shows the same elements.
 */
export function cardIcons(): CardIcons {
  return {
    completed: <CircleCheck aria-hidden="true" className={badge} strokeWidth={2.5} />,
    processing: (
      <LoaderCircle aria-hidden="true" className={`${badge} motion-safe:animate-spin`} strokeWidth={2.5} />
    ),
    pending: <Clock aria-hidden="true" className={badge} strokeWidth={2.5} />,
    failed: <CircleX aria-hidden="true" className={badge} strokeWidth={2.5} />,
    noThumbnail: <Film aria-hidden="true" className="size-7" strokeWidth={1.75} />,
    play: <Play aria-hidden="true" />,
    download: <Download aria-hidden="true" />,
    share: <Share2 aria-hidden="true" />,
    unshare: <Link2Off aria-hidden="true" />,
    regenerate: <WandSparkles aria-hidden="true" />,
    retry: <RotateCcw aria-hidden="true" />,
    copy: <Copy aria-hidden="true" />,
    delete: <Trash2 aria-hidden="true" />,
  };
}
