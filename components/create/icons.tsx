import {
  Camera,
  CircleCheck,
  ImagePlus,
  LoaderCircle,
  RefreshCw,
  RotateCcw,
  Scissors,
  Sparkles,
  TriangleAlert,
  WandSparkles,
  WifiOff,
  X,
  Zap,
} from "lucide-react";
import { toneText } from "@/components/ui/tones";

/**
 * The form's icons, drawn by the server (the page) and handed to the islands as elements: the
 * browser gets their SVG in the page, not the icons' code in its first-load JavaScript.
 */
export function createIcons() {
  const note = "mt-0.5 size-4 shrink-0";
  return {
    alert: <TriangleAlert aria-hidden="true" className={note} />,
    alertError: <TriangleAlert aria-hidden="true" className={`${note} ${toneText.error}`} />,
    alertInline: <TriangleAlert aria-hidden="true" className="size-4 shrink-0" />,
    check: <CircleCheck aria-hidden="true" className={note} />,
    sparkles: <Sparkles aria-hidden="true" className={note} />,
    scissors: <Scissors aria-hidden="true" className={note} />,
    offline: <WifiOff aria-hidden="true" className="size-4 shrink-0" />,
    costBolt: <Zap aria-hidden="true" className="size-5 fill-current" />,
    buttonBolt: <Zap className="size-3.5 fill-current" />,
    spinner: <LoaderCircle aria-hidden="true" className="size-5 motion-safe:animate-spin" />,
    retry: <RotateCcw aria-hidden="true" className="size-5" />,
    generate: <WandSparkles aria-hidden="true" className="size-5" />,
    image: {
      alert: <TriangleAlert aria-hidden="true" className={note} />,
      busy: <LoaderCircle aria-hidden="true" className="size-6 motion-safe:animate-spin" />,
      busySmall: <LoaderCircle aria-hidden="true" className="size-4 motion-safe:animate-spin" />,
      camera: <Camera aria-hidden="true" className="size-5" />,
      choose: <ImagePlus aria-hidden="true" className="size-6" />,
      remove: <X aria-hidden="true" className="size-5" />,
      replace: <RefreshCw aria-hidden="true" className="size-4" />,
    },
  };
}

export type CreateIcons = ReturnType<typeof createIcons>;
