import { type MaskIconName, maskIconClass } from "./icon-masks";

/** A decorative icon drawn by CSS (see icon-masks.ts): one element, no script. Size it with `size-*`. */
export function MaskIcon({ name, className = "" }: { name: MaskIconName; className?: string }) {
  return <span aria-hidden="true" className={`mask-icon ${maskIconClass(name)} ${className}`} />;
}
